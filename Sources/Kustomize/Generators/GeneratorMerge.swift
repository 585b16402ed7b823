import YAML

/// Adds a generated resource to the accumulated ones honouring its
/// `behavior` (kustomize's `appendReplaceOrMerge`).
///
/// `merge` and `replace` need exactly one resource whose current or any
/// previous id equals the new one's (empty namespace = `default`); the result
/// takes that resource's place, name, namespace and bookkeeping. `create` and
/// `unspecified` need no such resource.
public enum GeneratorMerge {
    /// Adds one resource. Builds a throw-away index: for many resources use
    /// `add(_:to:index:)` with one `Index` for the whole generator stage.
    public static func add(_ generated: Resource, to map: inout ResourceMap) throws(KustomizeError) {
        var index = Index()
        try add(generated, to: &map, index: &index)
    }

    /// Adds one resource, keeping `index` in step with `map`; the caller must not
    /// change `map` otherwise while using the index.
    public static func add(_ generated: Resource, to map: inout ResourceMap, index: inout Index) throws(KustomizeError) {
        do throws(KustomizeError) {
            try absorb(generated, into: &map, index: &index)
        } catch {
            // kustomize prints the generator as a Go pointer; its address differs on every run.
            throw error.wrapped("merging from generator &{0xc000a2c000 <nil>}: ")
        }
    }

    /// The positions of the resources having a given id as their current or a
    /// previous id, keyed with effective namespaces, so lookups are O(1). Filled
    /// one kind at a time, from the map, when an id of that kind is first looked
    /// up: generators make few kinds (ConfigMap, Secret) of the many in a build.
    public struct Index: Sendable {
        var positions: [ResId: [Int]] = [:]
        /// The kinds whose ids `positions` holds.
        var kinds: Set<String> = []

        public init() {}

        /// Files every current or previous id of kind `kind` in `map` (on all cores for a large map).
        mutating func fill(kind: String, from map: ResourceMap) {
            kinds.insert(kind)
            let found = Parallel.map(map.resources, threshold: ResourceMap.parallelKeysThreshold) { r in
                Self.keys(r) { $0 == kind }
            }
            for (i, keys) in found.enumerated() {
                for key in keys { positions[key, default: []].append(i) }
            }
        }

        /// The resource's distinct id keys of the kinds `filed` accepts, current
        /// first (most resources: none, found without building an id).
        static func keys(_ r: Resource, filed: (String) -> Bool) -> [ResId] {
            var keys: [ResId] = []
            if filed(r.kind) { keys.append(r.id.key) }
            for id in r.previousIds where filed(id.gvk.kind) && !keys.contains(id.key) { keys.append(id.key) }
            return keys
        }

        mutating func insert(_ r: Resource, at i: Int) {
            for key in Self.keys(r, filed: kinds.contains) { positions[key, default: []].append(i) }
        }

        mutating func remove(_ r: Resource, at i: Int) {
            for key in Self.keys(r, filed: kinds.contains) {
                positions[key]?.removeAll { $0 == i }
                if positions[key]?.isEmpty == true { positions[key] = nil }
            }
        }

        mutating func matches(_ id: ResId, in map: ResourceMap) -> [Int] {
            if !kinds.contains(id.gvk.kind) { fill(kind: id.gvk.kind, from: map) }
            return positions[id.key] ?? []
        }
    }

    /// Where a generated resource goes: appended, or in place of the one it merges into or replaces.
    enum Placement {
        case append
        case replace(position: Int, mergeData: Bool)
    }

    /// The placement `behavior` asks for, or the error it meets.
    static func placement(of new: Resource, in map: ResourceMap, index: inout Index) throws(KustomizeError) -> Placement {
        let id = new.id
        let behavior = GenerationBehavior(text: new.generatorBehavior ?? "")
        let matches = index.matches(id, in: map)
        guard let position = matches.first else {
            if behavior == .merge || behavior == .replace {
                throw .message("id \(goSyntax(id)) does not exist; cannot merge or replace")
            }
            return .append
        }
        guard matches.count == 1 else {
            let found = matches.sorted().map { map.resources[$0].id.description }.joined(separator: " ")
            throw .message("found multiple objects [\(found)] that could accept merge of \(id)")
        }
        switch behavior {
        case .replace:
            return .replace(position: position, mergeData: false)
        case .merge:
            return .replace(position: position, mergeData: true)
        case .create, .unspecified:
            throw .message("id \(goSyntax(id)) exists; can not use behavior: '\(behavior.rawValue)', behavior must be merge or replace")
        }
    }

    static func absorb(_ new: Resource, into map: inout ResourceMap, index: inout Index) throws(KustomizeError) {
        place(new, try placement(of: new, in: map, index: &index), into: &map, index: &index)
    }

    /// Puts `new` where `placement` says, keeping `index` in step.
    static func place(_ new: Resource, _ placement: Placement, into map: inout ResourceMap, index: inout Index) {
        switch placement {
        case .append:
            // No resource has this id even as a previous one, so none has it as current id.
            index.insert(new, at: map.count)
            map.resources.append(new)
        case .replace(let position, let mergeData):
            let old = map.resources[position]
            let result = merged(new, into: old, mergeData: mergeData)
            index.remove(old, at: position)
            index.insert(result, at: position)
            map.resources[position] = result
        }
    }

    /// Generated resources added in order, as `add` adds them one by one, but with
    /// the merges and replacements of a stretch done together on all cores: each
    /// one's place is found in its turn (a merge changes no id, so none moves a
    /// later lookup), and a stretch ends before an append, a second change of the
    /// same resource, or one that would change the ids the index files.
    public struct Batch {
        var pending: [(position: Int, new: Resource, mergeData: Bool)] = []
        var positions: Set<Int> = []

        public init() {}

        public mutating func add(_ generated: Resource, to map: inout ResourceMap, index: inout Index) throws(KustomizeError) {
            let placement: Placement
            do throws(KustomizeError) {
                placement = try GeneratorMerge.placement(of: generated, in: map, index: &index)
            } catch {
                throw error.wrapped("merging from generator &{0xc000a2c000 <nil>}: ")
            }
            if case .replace(let position, let mergeData) = placement,
               map.resources[position].id.gvk == generated.id.gvk, !positions.contains(position) {
                pending.append((position, generated, mergeData))
                positions.insert(position)
                return
            }
            flush(&map)
            GeneratorMerge.place(generated, placement, into: &map, index: &index)
        }

        /// Applies the waiting merges (on all cores when there are many).
        public mutating func flush(_ map: inout ResourceMap) {
            guard !pending.isEmpty else { return }
            let resources = map.resources
            let results = Parallel.map(pending, threshold: 16) { p in
                GeneratorMerge.merged(p.new, into: resources[p.position], mergeData: p.mergeData)
            }
            // Each result has its target's ids (same kind, name, namespace, previous
            // ids): the index stays as it is.
            for (p, result) in zip(pending, results) { map.resources[p.position] = result }
            pending = []
            positions = []
        }
    }

    /// `new` taking the place of `old`: labels and annotations united (new wins),
    /// name, namespace and build bookkeeping from `old`, the hash flag only if
    /// both had it; with `mergeData`, `data` and `binaryData` united too.
    static func merged(_ new: Resource, into old: Resource, mergeData: Bool) -> Resource {
        var r = new
        setStringMap(&r.node, ["metadata", "labels"], union(old.node[["metadata", "labels"]], r.node[["metadata", "labels"]]))
        setStringMap(&r.node, ["metadata", "annotations"],
                     union(old.node[["metadata", "annotations"]], r.node[["metadata", "annotations"]]))
        // The origin annotation: united like the others, but a merge restores the old one.
        r.source = mergeData ? (old.source ?? new.source) : (new.source ?? old.source)
        if r.transformations.isEmpty { r.transformations = old.transformations }
        r.name = old.name
        if old.namespace.isEmpty {
            r.node.remove(["metadata", "namespace"][...])
        } else {
            r.namespace = old.namespace
        }
        if mergeData {
            for field in ["data", "binaryData"] {
                setStringMap(&r.node, [field], union(old.node[field], r.node[field]))
            }
        }
        r.previousIds = old.previousIds
        r.namePrefixes = old.namePrefixes
        r.nameSuffixes = old.nameSuffixes
        r.generatorBehavior = old.generatorBehavior
        r.needsHashSuffix = old.needsHashSuffix && new.needsHashSuffix
        return r
    }

    /// Two string maps united, `b` winning; values are the scalars' texts.
    static func union(_ a: Node?, _ b: Node?) -> OrderedStrings {
        var out = OrderedStrings()
        for node in [a, b] {
            guard let m = node?.mapping else { continue }
            for e in m.entries { out.set(e.key.value, e.value.scalar?.value ?? "") }
        }
        return out
    }

    /// Replaces the map at `path` by `values` as strings; an empty map removes the field.
    static func setStringMap(_ node: inout Node, _ path: [String], _ values: OrderedStrings) {
        if values.isEmpty {
            node.remove(path[...])
        } else {
            node.set(path, .mapping(Mapping(values.entries.map { Entry(key: Scalar($0.0), value: .string($0.1)) })))
        }
    }

    /// Go's `%#v` of a `resid.ResId`, as kustomize prints it in these errors.
    static func goSyntax(_ id: ResId) -> String {
        "resid.ResId{Gvk:resid.Gvk{Group:\(goQuote(id.gvk.group)), Version:\(goQuote(id.gvk.version)), "
            + "Kind:\(goQuote(id.gvk.kind)), isClusterScoped:\(id.gvk.isClusterScoped)}, "
            + "Name:\(goQuote(id.name)), Namespace:\(goQuote(id.namespace))}"
    }
}

/// A small insertion-ordered string map (later sets replace earlier values in place).
struct OrderedStrings {
    private(set) var entries: [(String, String)] = []
    /// Positions by key, once there are too many entries to search them in turn.
    private var index: [String: Int]? = nil
    static let searchLimit = 16

    var isEmpty: Bool { entries.isEmpty }

    mutating func set(_ key: String, _ value: String) {
        if let i = position(key) {
            entries[i].1 = value
            return
        }
        index?[key] = entries.count
        entries.append((key, value))
        if index == nil && entries.count > Self.searchLimit {
            var byKey: [String: Int] = [:]
            for (i, e) in entries.enumerated() { byKey[e.0] = i }
            index = byKey
        }
    }

    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.0 == key }
    }
}
