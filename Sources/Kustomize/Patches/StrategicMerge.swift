import YAML

/// kyaml's strategic merge (`merge2.Merge` with the prepend list direction, as
/// kustomize's patchstrategicmerge filter runs it), ported step by step because
/// its quirks are visible in the output (TRANSFORMERS.md §10): fields are walked
/// in sorted order, only lists whose schema says `merge` merge element-wise, patch
/// elements come first, `$patch` directives are elided where kyaml elides them.
///
/// kyaml mutates its destination in place and sometimes walks a patch subtree
/// against itself (when the target lacks it). Here every step returns the value
/// the parent stores, says whether that value *is* the destination (so list
/// merging can see in-place changes), and `aliased` marks a walk of a node
/// against itself.
public struct StrategicMerge: Sendable {
    public let schema: PatchSchema

    public init(schema: PatchSchema = .builtin) {
        self.schema = schema
    }

    /// Merges `patch` into `target`. Returns nil when the patch deletes the
    /// resource. A top-level `$patch: replace` leaves the target unchanged, as in
    /// kustomize (only in-place changes of the target are kept).
    public func apply(_ patch: Node, to target: Node) throws(KustomizeError) -> Node? {
        let w = try walk(target, patch, aliased: false, schema: nil)
        guard let node = w.node else { return nil }
        return w.isDest ? node : target
    }

    struct Walked {
        var node: Node?
        /// The value is the (possibly changed) destination node itself.
        var isDest = false
        /// A null kyaml keeps (`MakePersistentNullNode`) instead of clearing the field.
        var keepNull = false
    }

    enum Directive { case merge, replace, delete, unknown }

    // MARK: walker

    func walk(_ dest: Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref?) throws(KustomizeError) -> Walked {
        let origin = aliased ? dest : origin
        let schema = schema ?? lookup(dest) ?? lookup(origin)
        let kindNode = [dest, origin].lazy.compactMap { $0 }.first { !$0.isNull }
        switch kindNode {
        case .mapping?:
            try Self.requireKind(.mapping, dest, origin)
            return try walkMap(dest, origin, aliased: aliased, schema: schema)
        case .sequence?:
            try Self.requireKind(.sequence, dest, origin)
            if let schema, self.schema.isAssociative(schema) {
                return try walkAssociativeList(dest, origin, aliased: aliased, schema: schema)
            }
            if let origin { return Walked(node: origin, isDest: aliased) }
            return Walked(node: dest, isDest: true)
        case .scalar?:
            try Self.requireKind(.scalar, dest, origin)
            if let origin { return Walked(node: origin, isDest: aliased) }
            return Walked(node: dest, isDest: true)
        case nil:
            return try walkMap(dest, origin, aliased: aliased, schema: schema)
        }
    }

    /// kyaml looks a schema up by apiVersion/kind wherever it has none.
    func lookup(_ node: Node?) -> PatchSchema.Ref? {
        guard let m = node?.mapping, let av = m["apiVersion"]?.string, !av.isEmpty,
              let kind = m["kind"]?.string, !kind.isEmpty else { return nil }
        return schema.root(apiVersion: av, kind: kind)
    }

    func walkMap(_ dest: Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref?) throws(KustomizeError) -> Walked {
        var origin = origin
        var dest = dest
        let d: Node
        let isDest: Bool
        let aliasedBelow: Bool
        if dest?.isNull ?? true {
            let ps = (try? Self.directive(&origin)) ?? .unknown
            if ps == .delete { return Walked(node: nil) }
            guard let o = origin else {
                if let dn = dest, let s = dn.scalar, !s.value.isEmpty {
                    return Walked(node: dn, keepNull: true)
                }
                return Walked(node: nil)
            }
            d = o
            isDest = aliased
            aliasedBelow = true
        } else {
            if let o = origin, o.isNull { return Walked(node: nil) }
            let ps = try Self.directive(&origin)
            if aliased { dest = origin }
            switch ps {
            case .delete:
                return Walked(node: nil)
            case .replace:
                d = origin ?? .null
                isDest = aliased
                aliasedBelow = true
            default:
                d = dest ?? .null
                isDest = true
                aliasedBelow = aliased
            }
        }
        guard case .mapping(var m) = d else { return Walked(node: d, isDest: isDest) }
        let originMap = aliasedBelow ? nil : origin?.mapping
        var names = Set(m.keys)
        if let originMap { names.formUnion(originMap.keys) }
        for key in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let fieldSchema = schema.flatMap { self.schema.field($0, key) }
            let w = try walk(m[key], originMap?[key], aliased: aliasedBelow, schema: fieldSchema)
            if let v = w.node, w.keepNull || !v.isNull {
                m[key] = v
            } else {
                m[key] = nil
            }
        }
        return Walked(node: .mapping(m), isDest: isDest)
    }

    func walkAssociativeList(_ dest: Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref) throws(KustomizeError) -> Walked {
        var origin = origin
        var dest = dest
        let d: Node
        let aliasedBelow: Bool
        if dest?.isNull ?? true {
            d = origin ?? .null
            aliasedBelow = true
        } else {
            if let o = origin, o.isNull { return Walked(node: nil) }
            let ps = try Self.directive(&origin)
            if aliased { dest = origin }
            switch ps {
            case .delete: return Walked(node: nil)
            case .replace:
                d = origin ?? .null
                aliasedBelow = true
            default:
                d = dest ?? .null
                aliasedBelow = aliased
            }
        }
        var list = ListMerge(dest: d.sequence ?? [],
                             origin: aliasedBelow ? nil : origin?.sequence,
                             aliased: aliasedBelow,
                             elementSchema: self.schema.elements(schema))
        let keys = self.schema.mergeKeys(schema)
        let values = list.elementValues(keys)
        let result: [Node]
        if !values.isEmpty || !keys.isEmpty {
            result = try list.setElements(values, keys: keys, merge: self)
        } else {
            result = try list.setElements(list.primitiveValues(), keys: [""], merge: self)
        }
        return Walked(node: .sequence(result))
    }

    // MARK: directives

    /// `$patch` of a patch node, removed from it when recognised.
    static func directive(_ patch: inout Node?) throws(KustomizeError) -> Directive {
        guard let p = patch else { return .merge }
        switch p {
        case .mapping(var m):
            guard let v = m["$patch"] else { return .merge }
            let text = goValue(v)
            guard let d = directive(named: text) else { throw .message("unknown patch strategy '\(text)'") }
            if let i = m.entries.firstIndex(where: { $0.key.value == "$patch" }) { m.entries.remove(at: i) }
            patch = .mapping(m)
            return d
        case .sequence(var items):
            guard let elem = items.first(where: { $0.mapping?["$patch"] != nil }), let m = elem.mapping,
                  m.count <= 1, let v = m["$patch"] else { return .merge }
            let text = goValue(v)
            guard let d = directive(named: text) else { throw .message("unknown patch strategy '\(text)'") }
            try ListMerge.setElement(&items, element: nil, keys: ["$patch"], values: [text])
            patch = .sequence(items)
            return d
        case .scalar(let s):
            throw .message("no implemented strategic merge patch strategy for '\(s.tag ?? "")' ('\(s.value)')")
        }
    }

    static func directive(named s: String) -> Directive? {
        switch s {
        case "delete": return .delete
        case "replace": return .replace
        case "merge": return .merge
        default: return nil
        }
    }

    // MARK: helpers

    enum Kind: String {
        case mapping = "MappingNode", sequence = "SequenceNode", scalar = "ScalarNode"
        init(_ n: Node) {
            switch n {
            case .mapping: self = .mapping
            case .sequence: self = .sequence
            case .scalar: self = .scalar
            }
        }
    }

    /// `ErrorIfAnyInvalidAndNonNull`.
    static func requireKind(_ kind: Kind, _ nodes: Node?...) throws(KustomizeError) {
        for case let n? in nodes where !n.isNull {
            try requireKind(kind, n)
        }
    }

    static func requireKind(_ kind: Kind, _ n: Node) throws(KustomizeError) {
        if n.isNull { return }
        let actual = Kind(n)
        if actual != kind { throw wrongKind(kind, n) }
    }

    static func wrongKind(_ kind: Kind, _ n: Node) -> KustomizeError {
        var msg = "wrong node kind: expected \(kind.rawValue) but got \(Kind(n).rawValue)"
        // kubectl ends the message with the node's trailing newline; it adds none of its own.
        if let text = try? Emitter.emit(n) {
            msg += ": node contents:\n" + (text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        return .message(msg)
    }

    /// The `Value` of a yaml.v3 node: a scalar's text, empty for collections.
    static func goValue(_ n: Node) -> String {
        if case .scalar(let s) = n { return s.value }
        return ""
    }
}
