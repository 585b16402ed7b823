import YAML

/// Sets key/value pairs in the mappings field specs select (labels, annotations).
enum MapFieldSetter {
    static func apply(_ pairs: [(String, String)], _ specs: FieldSpecSet,
                      to resources: inout ResourceMap) throws(KustomizeError) {
        guard !pairs.isEmpty, !specs.isEmpty else { return }
        let values = pairs.map { ($0.0, Node.string($0.1)) }
        let set = { (n: inout Node) throws(FieldSpecError) in
            for (k, v) in values { try FieldSetter.entry(&n, k, v) }
        }
        for i in resources.resources.indices {
            let r = resources.resources[i]
            for spec in specs.matching(r.gvk) {
                do throws(FieldSpecError) {
                    try FieldSpecWalker.apply(spec, to: &resources.resources[i].node, create: .mapping, set)
                } catch {
                    throw .message(error.message(spec, r.id))
                }
            }
        }
    }
}
