import YAML

/// `namePrefix:`/`nameSuffix:` and the builtin PrefixSuffixTransformer,
/// PrefixTransformer and SuffixTransformer (TRANSFORMERS.md §4). The prefix pass
/// runs over all resources, then the suffix pass; an empty prefix or suffix skips
/// its pass. CRDs, APIServices and Namespaces are skipped by their ORIGINAL kind;
/// a rename records the prefix/suffix and the previous id.
public struct PrefixSuffixTransformer: Transformer {
    public let prefix: String
    public let suffix: String
    public let fieldSpecs: [FieldSpec]

    public init(prefix: String, suffix: String, fieldSpecs: [FieldSpec]) {
        self.prefix = prefix
        self.suffix = suffix
        self.fieldSpecs = fieldSpecs
    }

    /// Kinds never renamed: `{group, kind}` with an empty group matching any.
    static let skipped: [GVK] = [
        GVK(kind: "CustomResourceDefinition"),
        GVK(group: "apiregistration.k8s.io", kind: "APIService"),
        GVK(kind: "Namespace"),
    ]

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        if !prefix.isEmpty { try pass(&resources, prefix: prefix, suffix: "") }
        if !suffix.isEmpty { try pass(&resources, prefix: "", suffix: suffix) }
    }

    func pass(_ resources: inout ResourceMap, prefix: String, suffix: String) throws(KustomizeError) {
        let set = { (n: inout Node) throws(FieldSpecError) in
            guard case .scalar(let s) = n else { throw .wrongNodeKind(expected: "ScalarNode", actual: n) }
            n = .string(prefix + s.value + suffix)
        }
        for i in resources.resources.indices {
            let original = resources.resources[i].originalId.gvk
            if Self.skipped.contains(where: { original.isSelected(by: $0) }) { continue }
            for spec in fieldSpecs where original.isSelected(by: spec.gvk) {
                if spec.path == ["metadata", "name"] {
                    if !prefix.isEmpty { resources.resources[i].namePrefixes.append(prefix) }
                    if !suffix.isEmpty { resources.resources[i].nameSuffixes.append(suffix) }
                    resources.resources[i].recordCurrentId()
                }
                let gvk = resources.resources[i].gvk
                guard spec.applies(to: gvk) else { continue }
                let id = resources.resources[i].id(gvk: gvk)
                do throws(FieldSpecError) {
                    try FieldSpecWalker.apply(spec, to: &resources.resources[i].node, create: .scalar, set)
                } catch {
                    throw .message(error.message(spec, id))
                }
            }
        }
    }
}
