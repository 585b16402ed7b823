import YAML

/// One `replicas:` entry and the builtin ReplicaCountTransformer (TRANSFORMERS.md §8):
/// sets `spec/replicas` on the resources of the specs' kinds whose current or any
/// previous name is the entry's name; fails when no resource matches.
public struct ReplicaCountTransformer: Transformer {
    /// The entry `{name, count}`.
    public let replica: Node
    public let fieldSpecs: [FieldSpec]
    /// Kustomization entries reject unknown fields; plugin configs ignore them.
    public var strict = true

    public init(replica: Node, fieldSpecs: [FieldSpec]) {
        self.replica = replica
        self.fieldSpecs = fieldSpecs
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let fields = try EntryFields(replica, known: ["name", "count"], goPath: "Replica.replicas", strict: strict)
        let name = try fields.string("name")
        let count = Node.int(Int(try fields.int64("count")))
        let set = { (n: inout Node) throws(FieldSpecError) in try FieldSetter.scalar(&n, count) }
        var found = false
        // Only resources with the entry's name in their current or a previous id
        // can match: find them once, by name alone, before looking at kinds (the
        // transformer writes only into candidates, so none becomes one later).
        let candidates = resources.resources.indices.filter { i in
            resources.resources[i].name == name || resources.resources[i].previousIds.contains { $0.name == name }
        }
        for spec in fieldSpecs {
            for i in candidates {
                let r = ResourceHeader(resources.resources[i])
                guard r.allIds.contains(where: { $0.name == name && $0.gvk.isSelected(by: spec.gvk) }) else { continue }
                found = true
                guard spec.applies(to: r.gvk) else { continue }
                do throws(FieldSpecError) {
                    try FieldSpecWalker.apply(spec, to: &resources.resources[i].node, create: .scalar, set)
                } catch {
                    throw .message(error.message(spec, r.id))
                }
            }
        }
        if !found {
            let gvks = fieldSpecs.map(\.gvk.description).joined(separator: " ")
            throw .message("resource with name \(name) does not match a config with the following GVK [\(gvks)]")
        }
    }
}
