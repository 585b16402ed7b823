import YAML

/// Sets key/value pairs in the mappings field specs select (labels, annotations),
/// keeping kustomize's node sharing: a key created at several places of one
/// object is one node, so overwriting one place later updates the others.
enum MapFieldSetter {
    static func apply(_ pairs: [(String, String)], _ specs: FieldSpecSet,
                      to resources: inout ResourceMap) throws(KustomizeError) {
        guard !pairs.isEmpty, !specs.isEmpty else { return }
        let values = pairs.map { ($0.0, Node.string($0.1)) }
        let cache = FieldSpecCache(specs, for: resources.resources)
        // Each resource is set alone: on all cores when there are many.
        try resources.updateEach { (r: inout Resource) throws(KustomizeError) in
            let gvk = r.gvk
            let matching = cache.matching(gvk)
            if matching.isEmpty { return }
            // Where each pair's key was created (the mapping's location), and, when the
            // object has shared values to keep in step, where a key was overwritten.
            var created = [[[PathStep]]](filled: [], count: values.count)
            let recordOverwrites = !r.sharedValues.isEmpty
            var overwritten: [Overwrite] = []
            let set = { (n: inout Node, trail: [PathStep]) throws(FieldSpecError) in
                for (p, (k, v)) in values.enumerated() {
                    switch Self.present(n, k) {
                    case .notAMapping: break
                    case .absent: created[p].append(trail)
                    case .present(let old):
                        if recordOverwrites {
                            overwritten.append(Overwrite(key: k, location: trail + [.key(k)], old: old))
                        }
                    }
                    try FieldSetter.entry(&n, k, v)
                }
            }
            for spec in matching {
                do throws(FieldSpecError) {
                    try FieldSpecWalker.apply(spec, to: &r.node, create: .mapping, set)
                } catch {
                    throw .message(error.message(spec, r.id(gvk: gvk)))
                }
            }
            if !overwritten.isEmpty {
                propagate(overwritten, pairs, &r)
            }
            for (p, (k, v)) in pairs.enumerated() where created[p].count > 1 {
                r.sharedValues.append(SharedValue(locations: created[p].map { $0 + [.key(k)] }, value: v))
            }
        }
    }

    enum Presence {
        case notAMapping
        case absent
        /// The key is there; its scalar text, if a scalar.
        case present(String?)
    }

    /// Whether a mapping has `key` (read before the mapping is changed, so that
    /// no copy of it is alive when it is).
    static func present(_ n: Node, _ key: String) -> Presence {
        guard case .mapping(let m) = n else { return .notAMapping }
        guard let i = m.index(of: key) else { return .absent }
        return .present(m.entries[i].value.scalar?.value)
    }

    /// A key that existed where a spec set it.
    struct Overwrite {
        var key: String
        var location: [PathStep]
        /// The scalar text it held before.
        var old: String?
    }

    /// Carries overwrites to the other places of a shared value.
    static func propagate(_ overwritten: [Overwrite], _ pairs: [(String, String)], _ r: inout Resource) {
        var newValue: [String: String] = [:]
        for (k, v) in pairs { newValue[k] = v }
        for o in overwritten {
            let location = o.location
            guard let value = newValue[o.key],
                  let g = r.sharedValues.firstIndex(where: { $0.locations.contains(location) }) else { continue }
            let old = r.sharedValues[g].value
            // A place that was replaced since is no longer the shared node.
            guard o.old == old || o.old == value else { continue }
            for other in r.sharedValues[g].locations where other != location {
                guard let current = r.node[other], current.scalar?.value == old, current.scalar?.isNull == false else { continue }
                r.node.replace(at: other[...], with: .string(value))
            }
            r.sharedValues[g].value = value
        }
    }
}
