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
        try transform(&resources, entry: decode(), candidatesByName: nil)
    }

    /// The entry's `name` and `count`, or the error reading it gives.
    func decode() -> Result<(name: String, count: Node), KustomizeError> {
        do throws(KustomizeError) {
            let fields = try EntryFields(replica, known: ["name", "count"], goPath: "Replica.replicas", strict: strict)
            return .success((try fields.string("name"), Node.int(Int(try fields.int64("count")))))
        } catch {
            return .failure(error)
        }
    }

    /// Applies the entry, as `decode` read it; `candidatesByName` maps every current
    /// or previous name to the resources that have or had it (built once for a
    /// batch of entries).
    func transform(_ resources: inout ResourceMap, entry: Result<(name: String, count: Node), KustomizeError>,
                   candidatesByName: [String: [Int]]?) throws(KustomizeError) {
        let (name, count) = try entry.get()
        let set = { (n: inout Node) throws(FieldSpecError) in try FieldSetter.scalar(&n, count) }
        var found = false
        // Only resources with the entry's name in their current or a previous id
        // can match: find them once, by name alone, before looking at kinds (the
        // transformer writes only into candidates, so none becomes one later).
        let candidates = candidatesByName.map { $0[name] ?? [] } ?? resources.resources.indices.filter { i in
            resources.resources[i].name == name || resources.resources[i].previousIds.contains { $0.name == name }
        }
        // Setting a count changes no id: each candidate's ids are read once.
        let headers = candidates.map { ResourceHeader(resources.resources[$0]) }
        for spec in fieldSpecs {
            for (i, r) in zip(candidates, headers) {
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

/// All `replicas:` entries of one kustomization, applied in order with one name
/// index (replica counts never change names, so the index stays valid).
public struct ReplicaCountTransformers: Transformer {
    public let entries: [ReplicaCountTransformer]

    public init(replicas: [Node], fieldSpecs: [FieldSpec]) {
        entries = replicas.map { ReplicaCountTransformer(replica: $0, fieldSpecs: fieldSpecs) }
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let touchesNames = entries.first?.fieldSpecs.contains { $0.path.first == "metadata" } ?? false
        guard entries.count > 1, !touchesNames else {
            for e in entries { try e.transform(&resources, context: context) }
            return
        }
        // The entries' names, when all can be read (else every name is indexed,
        // and the entry that cannot be read fails in its turn).
        let decoded = entries.map { $0.decode() }
        var wanted: Set<String>? = []
        for entry in decoded {
            guard case .success(let e) = entry else {
                wanted = nil
                break
            }
            wanted?.insert(e.name)
        }
        // Each resource's current and previous names that an entry asks for (on all cores).
        let names = Parallel.map(resources.resources, threshold: ResourceMap.parallelThreshold) { r -> [String] in
            var names: [String] = []
            let current = r.name
            if wanted?.contains(current) ?? true { names.append(current) }
            for p in r.previousIds where !names.contains(p.name) && p.name != current {
                if wanted?.contains(p.name) ?? true { names.append(p.name) }
            }
            return names
        }
        var index: [String: [Int]] = [:]
        for (i, list) in names.enumerated() {
            for n in list { index[n, default: []].append(i) }
        }
        for (e, entry) in zip(entries, decoded) { try e.transform(&resources, entry: entry, candidatesByName: index) }
    }
}
