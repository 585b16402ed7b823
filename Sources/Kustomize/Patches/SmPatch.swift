import YAML

/// One strategic-merge patch document and the way kustomize applies it to a
/// resource (`Resource.ApplySmPatch`, `resWrangler.ApplySmPatch`): the target's
/// name, kind and namespace survive the merge unless the patch entry allows a
/// name or kind change (then the old id is recorded first).
struct SmPatch: Sendable {
    var node: Node
    var allowNameChange = false
    var allowKindChange = false

    /// The id a patch without `target` is matched by.
    var id: ResId { Resource(node: node).id }

    /// Loads the documents of patch text; kind and metadata.name are required.
    static func documents(_ text: String, origin: String) throws(KustomizeError) -> [Node] {
        try ResourceReader.resources(fromText: text, origin: origin).map(\.node)
    }

    /// Applies the patch to one resource. Returns false when the patch deleted it.
    func apply(to r: inout Resource, merge: StrategicMerge) throws(KustomizeError) -> Bool {
        let name = r.node[["metadata", "name"]]
        let namespace = r.node[["metadata", "namespace"]]
        let kind = r.node["kind"]
        if allowNameChange || allowKindChange { r.recordCurrentId() }
        // Hand the node over to the merge so that it is changed in place.
        let target = r.node
        r.node = .null
        let previous = r.mergedSnapshot.flatMap { $0.schema.isSame(as: merge.schema) ? $0.node : nil }
        r.mergedSnapshot = nil
        guard let (merged, walked) = try merge.merge(node, into: consume target, previous: previous),
              !ListMerge.isNilOrEmpty(merged) else { return false }
        r.node = merged
        if walked { r.mergedSnapshot = MergeSnapshot(node: merged, schema: merge.schema) }
        if !allowKindChange { r.node["kind"] = kind ?? .string("") }
        if !allowNameChange { r.node.set(["metadata", "name"], name ?? .string("")) }
        if let ns = namespace, let s = ns.string, !s.isEmpty {
            r.node.set(["metadata", "namespace"], ns)
        } else if r.node["metadata"]?.mapping != nil {
            r.node.remove(["metadata", "namespace"])
        }
        return true
    }

    /// `apply(to:merge:)` as a patch with a target applies: a copy of the patch
    /// that takes the resource's apiVersion. False when the patch deleted it.
    func applyAsTargeted(to r: inout Resource, merge: StrategicMerge) throws(KustomizeError) -> Bool {
        var copy = self
        copy.node["apiVersion"] = .scalar(Scalar(r.apiVersion))
        return try copy.apply(to: &r, merge: merge)
    }

    /// `resWrangler.ApplySmPatch`: patches the resources at `indexes` (ascending)
    /// with a copy of the patch that takes each target's apiVersion; deleted
    /// resources leave the map.
    func apply(toIndexes indexes: [Int], in map: inout ResourceMap, merge: StrategicMerge) throws(KustomizeError) {
        guard !indexes.isEmpty else { return }
        let kept = try map.updateEach(at: indexes, threshold: ResourceMap.heavyParallelThreshold) { (r: inout Resource) throws(KustomizeError) -> Bool in
            try applyAsTargeted(to: &r, merge: merge)
        }
        let deleted = zip(indexes, kept).filter { !$0.1 }.map(\.0)
        if deleted.isEmpty { return }
        var out: [Resource] = []
        out.reserveCapacity(map.resources.count - deleted.count)
        var next = deleted.startIndex
        for (i, r) in map.resources.enumerated() {
            if next < deleted.endIndex && deleted[next] == i {
                next += 1
                continue
            }
            out.append(r)
        }
        map.resources = out
    }

    /// `resWrangler.GetById`: the one resource any of whose ids equals the patch's id.
    static func uniqueTarget(_ id: ResId, in map: ResourceMap, index: NameIndex? = nil) throws(KustomizeError) -> Int {
        let found: [Int]
        if let index {
            found = index.candidates(id.name).filter { map.resources[$0].allIds.contains(where: { $0.matches(id) }) }
        } else {
            found = map.indexes(matchingAnyId: id)
        }
        if found.count == 1 { return found[0] }
        let what = found.isEmpty ? "no matches" : "multiple matches"
        throw .message("\(what) for Id \(id); failed to find unique target for patch \(id)")
    }
}

/// A resource's object as a strategic merge returned it (see `Resource.mergedSnapshot`).
struct MergeSnapshot: Sendable {
    var node: Node
    var schema: PatchSchema
}

extension ResourceMap {
    /// Drops the snapshots kept for later strategic merges, once there will be
    /// none: while a snapshot shares an object's storage, every change to the
    /// object copies the path to it and keeps the old one alive.
    mutating func dropMergeSnapshots() {
        for i in resources.indices where resources[i].mergedSnapshot != nil {
            resources[i].mergedSnapshot = nil
        }
    }
}
