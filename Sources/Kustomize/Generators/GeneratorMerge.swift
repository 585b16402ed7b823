import YAML

/// Adds a generated resource to the accumulated ones honouring its
/// `behavior` (kustomize's `appendReplaceOrMerge`).
///
/// `merge` and `replace` need exactly one resource whose current or any
/// previous id equals the new one's (empty namespace = `default`); the result
/// takes that resource's place, name, namespace and bookkeeping. `create` and
/// `unspecified` need no such resource.
public enum GeneratorMerge {
    public static func add(_ generated: Resource, to map: inout ResourceMap) throws(KustomizeError) {
        do throws(KustomizeError) {
            try absorb(generated, into: &map)
        } catch {
            // kustomize prints the generator as a Go pointer; its address differs on every run.
            throw error.wrapped("merging from generator &{0xc000a2c000 <nil>}: ")
        }
    }

    static func absorb(_ new: Resource, into map: inout ResourceMap) throws(KustomizeError) {
        let id = new.id
        let behavior = GenerationBehavior(text: new.generatorBehavior ?? "")
        // One pass, no allocation per resource: generators may run against large maps.
        var matches: [Int] = []
        for (i, r) in map.resources.enumerated()
        where r.id.matches(id) || r.previousIds.contains(where: { $0.matches(id) }) {
            matches.append(i)
        }
        guard let index = matches.first else {
            if behavior == .merge || behavior == .replace {
                throw .message("id \(goSyntax(id)) does not exist; cannot merge or replace")
            }
            try map.append(new)
            return
        }
        guard matches.count == 1 else {
            let found = matches.map { map.resources[$0].id.description }.joined(separator: " ")
            throw .message("found multiple objects [\(found)] that could accept merge of \(id)")
        }
        let old = map.resources[index]
        switch behavior {
        case .replace:
            map.resources[index] = merged(new, into: old, mergeData: false)
        case .merge:
            map.resources[index] = merged(new, into: old, mergeData: true)
        case .create, .unspecified:
            throw .message("id \(goSyntax(id)) exists; can not use behavior: '\(behavior.rawValue)', behavior must be merge or replace")
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
    private var index: [String: Int] = [:]

    var isEmpty: Bool { entries.isEmpty }

    mutating func set(_ key: String, _ value: String) {
        if let i = index[key] {
            entries[i].1 = value
        } else {
            index[key] = entries.count
            entries.append((key, value))
        }
    }
}
