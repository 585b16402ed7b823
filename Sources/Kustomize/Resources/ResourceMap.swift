import YAML

/// The ordered list of resources in a build. Order is accumulation order (fifo);
/// ids are unique by GVK, name and effective namespace.
public struct ResourceMap: Sendable {
    public var resources: [Resource] = []

    public init(_ resources: [Resource] = []) {
        self.resources = resources
    }

    public var count: Int { resources.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Appends a resource, refusing a second resource with the same id.
    public mutating func append(_ r: Resource) throws(KustomizeError) {
        let key = r.id.key
        if resources.contains(where: { $0.id.key == key }) {
            throw .message("may not add resource with an already registered id: \(r.id)")
        }
        resources.append(r)
    }

    /// Appends every resource of `other`, refusing duplicate ids.
    public mutating func append(contentsOf other: ResourceMap) throws(KustomizeError) {
        var keys = Set(resources.map { $0.id.key })
        try append(contentsOf: other, keys: &keys)
    }

    /// Appends a resource; `keys` holds the ids already present and is kept up to date.
    public mutating func append(_ r: Resource, keys: inout Set<ResId>) throws(KustomizeError) {
        try append(r, key: r.id.key, keys: &keys)
    }

    /// `append(_:keys:)` with the resource's id key already taken.
    private mutating func append(_ r: Resource, key: ResId, keys: inout Set<ResId>) throws(KustomizeError) {
        guard keys.insert(key).inserted else {
            throw .message("may not add resource with an already registered id: \(r.id)")
        }
        resources.append(r)
    }

    /// Appends every resource of `other`; `keys` holds the ids already present and is
    /// kept up to date, so that a loop of appends stays linear.
    public mutating func append(contentsOf other: ResourceMap, keys: inout Set<ResId>) throws(KustomizeError) {
        try append(contentsOf: other, keys: &keys, otherKeys: other.idKeys())
    }

    /// `append(contentsOf:keys:)` with the id keys of `other`'s resources already
    /// taken (`otherKeys[i]` is `other.resources[i].id.key`).
    mutating func append(contentsOf other: ResourceMap, keys: inout Set<ResId>,
                         otherKeys: [ResId]) throws(KustomizeError) {
        // Room for a large map at once; small ones (a file at a time) grow the array
        // geometrically, as appends do (an exact reservation each time would copy it each time).
        if resources.capacity < resources.count + other.count {
            resources.reserveCapacity(max(resources.count + other.count, 2 * resources.capacity))
        }
        if keys.capacity < keys.count + other.count {
            keys.reserveCapacity(max(keys.count + other.count, 2 * keys.capacity))
        }
        for (r, key) in zip(other.resources, otherKeys) { try append(r, key: key, keys: &keys) }
    }

    /// The id key of every resource, in order: on all cores for a large map.
    func idKeys() -> [ResId] {
        Parallel.map(resources, threshold: Self.parallelKeysThreshold) { $0.id.key }
    }

    /// The id keys of the resources of the given kinds, in order (on all cores for a large map).
    func idKeys(ofKinds kinds: Set<String>) -> [ResId] {
        Parallel.map(resources, threshold: Self.parallelKeysThreshold) { r -> ResId? in
            kinds.contains(r.kind) ? r.id.key : nil
        }.compactMap { $0 }
    }

    /// Maps at least this large take their id keys on all cores.
    static let parallelKeysThreshold = 512

    /// Indexes of the resources whose current or any previous id matches `id`.
    public func indexes(matchingAnyId id: ResId) -> [Int] {
        var out: [Int] = []
        for i in resources.indices {
            // Cheap name test first: the full ids are built only for resources that ever had this name.
            let r = resources[i]
            guard Resource.metadataText(r.node, "name").bytesEqual(id.name)
                    || r.previousIds.contains(where: { $0.name.bytesEqual(id.name) }) else { continue }
            if r.allIds.contains(where: { $0.matches(id) }) { out.append(i) }
        }
        return out
    }
}
