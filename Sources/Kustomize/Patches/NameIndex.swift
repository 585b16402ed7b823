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
        let names = Parallel.map(map.resources, threshold: ResourceMap.parallelKeysThreshold, Self.names)
        byName.reserveCapacity(count)
        for (i, list) in names.enumerated() {
            for name in list { insert(name, i) }
        }
    }

    /// A resource's current name, then its previous names.
    static func names(_ r: Resource) -> [String] {
        [Resource.metadataText(r.node, "name")] + r.previousIds.map(\.name)
    }

    /// Indexes resource `i` under its current and previous names.
    mutating func add(_ i: Int, _ map: ResourceMap) {
        for name in Self.names(map.resources[i]) { insert(name, i) }
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
