import YAML

/// Resources by every name they have or had, so that a run of patches without a
/// target finds each patch's resource without scanning the whole list. Entries
/// may be stale (a resource renamed since it was indexed): every candidate is
/// checked against its real ids, and a patch re-indexes what it changed.
struct NameIndex {
    private var byName: [String: [Int]] = [:]
    /// The number of resources when the index was built; a change means resources
    /// were removed and the positions moved.
    let count: Int

    init(_ map: ResourceMap) {
        count = map.resources.count
        // Each resource's names are read alone (on all cores for a large map), then filed in order.
        let names = Parallel.map(map.resources, threshold: ResourceMap.parallelKeysThreshold) { r in
            (current: Resource.metadataText(r.node, "name"), previous: r.previousIds.map(\.name))
        }
        byName.reserveCapacity(count)
        for (i, n) in names.enumerated() {
            insert(n.current, i)
            for p in n.previous { insert(p, i) }
        }
    }

    /// Indexes resource `i` under its current and previous names.
    mutating func add(_ i: Int, _ map: ResourceMap) {
        let r = map.resources[i]
        insert(Resource.metadataText(r.node, "name"), i)
        for p in r.previousIds { insert(p.name, i) }
    }

    private mutating func insert(_ name: String, _ i: Int) {
        if byName[name]?.last == i { return }
        byName[name, default: []].append(i)
    }

    /// Resources that have or had `name` (possibly stale; ascending, no repeats).
    func candidates(_ name: String) -> [Int] {
        guard let list = byName[name] else { return [] }
        return Array(Set(list)).sorted()
    }
}
