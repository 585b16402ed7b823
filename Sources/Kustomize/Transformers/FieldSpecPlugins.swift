import YAML

/// Builtin plugin configurations (`apiVersion: builtin` under `transformers:`) of
/// the field-spec transformers. A config carries its own `fieldSpecs`; unknown
/// fields are ignored, as kustomize's non-strict unmarshalling does.
enum FieldSpecPlugins {
    static let kinds: Set<String> = [
        "NamespaceTransformer", "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer",
        "LabelTransformer", "AnnotationsTransformer", "ImageTagTransformer", "ReplicaCountTransformer",
    ]

    /// The transformer for `config`, or nil when `kind` is not one of these.
    static func make(kind: String, config: Node) throws(KustomizeError) -> (any Transformer)? {
        guard kinds.contains(kind) else { return nil }
        let id = Resource(node: config).id
        let prefix = "plugin \(id) fails configuration: "
        let f = try EntryFields(config, known: ["fieldSpecs", "prefix", "suffix", "labels", "annotations",
                                                "imageTag", "replica", "unsetOnly", "setRoleBindingSubjects"],
                                goPath: "plugin", strict: false,
                                messagePrefix: prefix + "error unmarshaling JSON: while decoding JSON: ")
        let specs: [FieldSpec]
        do throws(KustomizeError) {
            specs = try FieldSpec.list(from: f.node("fieldSpecs"))
        } catch {
            throw error.wrapped(prefix)
        }
        switch kind {
        case "NamespaceTransformer":
            var t = NamespaceTransformer(namespace: id.namespace, fieldSpecs: specs)
            t.unsetOnly = try f.bool("unsetOnly")
            let mode = try f.string("setRoleBindingSubjects")
            if !mode.isEmpty {
                guard let m = NamespaceTransformer.SubjectMode(rawValue: mode) else {
                    throw .message(prefix + "invalid value \"\(mode)\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\"")
                }
                t.roleBindingSubjects = m
            }
            return t
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            guard f.node("fieldSpecs") != nil else { throw .message(prefix + "fieldSpecs is not expected to be nil") }
            let p = kind == "SuffixTransformer" ? "" : try f.string("prefix")
            let s = kind == "PrefixTransformer" ? "" : try f.string("suffix")
            return PrefixSuffixTransformer(prefix: p, suffix: s, fieldSpecs: specs)
        case "LabelTransformer":
            return LabelTransformer(pairs: try f.stringMap("labels"), fieldSpecs: specs)
        case "AnnotationsTransformer":
            return AnnotationsTransformer(pairs: try f.stringMap("annotations"), fieldSpecs: specs)
        case "ImageTagTransformer":
            var t = ImageTagTransformer(image: f.node("imageTag") ?? .null, fieldSpecs: specs)
            t.strict = false
            return t
        case "ReplicaCountTransformer":
            var t = ReplicaCountTransformer(replica: f.node("replica") ?? .null, fieldSpecs: specs)
            t.strict = false
            return t
        default:
            return nil
        }
    }
}
