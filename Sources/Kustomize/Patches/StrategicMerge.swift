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
    /// Shortcuts that give the same result as the literal port: walks of target
    /// subtrees the patch does not touch, and clean merging lists. Tests turn
    /// them off to compare.
    var fastPaths = true
    /// Tests: check that every subtree taken as unchanged walks to itself.
    var verifyUnchanged = false

    public init(schema: PatchSchema = .builtin) {
        self.schema = schema
    }

    /// Merges `patch` into `target`. Returns nil when the patch deletes the
    /// resource. A top-level `$patch: replace` leaves the target unchanged, as in
    /// kustomize (only in-place changes of the target are kept).
    ///
    /// The target is consumed: pass it without keeping another reference, so
    /// that the walk changes its nodes in place instead of copying them.
    ///
    /// `previous` is the target as an earlier merge returned it, when there was
    /// one: subtrees of the target that still share storage with it are unchanged
    /// since that walk, and walking them again gives them back as they are.
    public func apply(_ patch: Node, to target: consuming Node, previous: Node? = nil) throws(KustomizeError) -> Node? {
        try merge(patch, into: target, previous: previous)?.node
    }

    /// `apply`, also telling whether the result is the walk's (and so can be the
    /// `previous` of a later merge) or the target handed back as it was.
    func merge(_ patch: Node, into target: consuming Node,
               previous: Node? = nil) throws(KustomizeError) -> (node: Node, walked: Bool)? {
        if case .mapping = target, case .mapping(let p) = patch, p.index(of: "$patch") == nil {
            // No top-level directive: the walk always returns the (changed) target.
            let w = try walk(consume target, patch, aliased: false, schema: nil, previous: previous)
            return w.node.map { ($0, true) }
        }
        let original = copy target
        let w = try walk(consume target, patch, aliased: false, schema: nil, previous: previous)
        guard let node = w.node else { return nil }
        return w.isDest ? (node, true) : (original, false)
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

    /// Walks `dest` (consumed, so that its nodes change in place) against `origin`.
    func walk(_ dest: consuming Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref?,
              previous: Node? = nil) throws(KustomizeError) -> Walked {
        if fastPaths && origin == nil && !aliased {
            return try walkTarget(consume dest, schema: schema, previous: previous)
        }
        let previous = aliased ? nil : previous
        let origin = aliased ? copy dest : origin
        let schema = schema ?? lookup(dest) ?? lookup(origin)
        switch Kind.of(dest) ?? Kind.of(origin) {
        case .mapping?:
            try Self.requireKind(.mapping, dest, origin)
            return try walkMap(consume dest, origin, aliased: aliased, schema: schema, previous: previous)
        case .sequence?:
            try Self.requireKind(.sequence, dest, origin)
            if let schema, self.schema.isAssociative(schema) {
                return try walkAssociativeList(consume dest, origin, aliased: aliased, schema: schema, previous: previous)
            }
            if let origin { return Walked(node: origin, isDest: aliased) }
            return Walked(node: consume dest, isDest: true)
        case .scalar?:
            try Self.requireKind(.scalar, dest, origin)
            if let origin { return Walked(node: origin, isDest: aliased) }
            return Walked(node: consume dest, isDest: true)
        case nil:
            return try walkMap(consume dest, origin, aliased: aliased, schema: schema, previous: previous)
        }
    }

    /// kyaml looks a schema up by apiVersion/kind wherever it has none.
    func lookup(_ node: Node?) -> PatchSchema.Ref? {
        guard case .mapping(let m)? = node, let av = m["apiVersion"]?.string, !av.isEmpty,
              let kind = m["kind"]?.string, !kind.isEmpty else { return nil }
        return schema.root(apiVersion: av, kind: kind)
    }

    func walkMap(_ dest: consuming Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref?,
                 previous: Node? = nil) throws(KustomizeError) -> Walked {
        var origin = origin
        var d: Node
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
                d = (consume dest) ?? .null
                isDest = true
                aliasedBelow = aliased
            }
        }
        guard case .mapping(var m) = d else { return Walked(node: d, isDest: isDest) }
        d = .null  // `m` is now the only reference
        let originMap = aliasedBelow ? nil : origin?.mapping
        let previousMap = aliasedBelow ? nil : previous?.mapping
        if fastPaths, let originMap, !Self.hasDuplicateKeys(m), !Self.hasDuplicateKeys(originMap) {
            try walkFields(&m, originMap, schema: schema, previous: previousMap)
            return Walked(node: .mapping(m), isDest: isDest)
        }
        var names = Set(m.keys)
        if let originMap { names.formUnion(originMap.keys) }
        for key in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let fieldSchema = schema.flatMap { self.schema.field($0, key) }
            let index = m.index(of: key)
            var child: Node? = nil
            if let index {
                child = m.entries[index].value
                m.entries[index].value = .null
            }
            let w = try walk(consume child, originMap?[key], aliased: aliasedBelow, schema: fieldSchema,
                             previous: previousMap?[key])
            let keep = w.node.map { w.keepNull || !$0.isNull } ?? false
            switch (index, keep) {
            case (let i?, true): m.entries[i].value = w.node ?? .null
            case (let i?, false): m.entries.remove(at: i)
            case (nil, true): m.entries.append(Entry(key: Scalar(key), value: w.node ?? .null))
            case (nil, false): break
            }
        }
        return Walked(node: .mapping(m), isDest: isDest)
    }

    /// `walkMap`'s field loop for a target and a patch mapping without duplicate
    /// keys, in entry order instead of sorted order: fields are independent, so
    /// the target's fields come out as the sorted walk leaves them, and the
    /// patch's new fields are appended in sorted order, as that walk appends them.
    /// Of several failing fields, the sorted walk reports the first sorted one.
    func walkFields(_ m: inout Mapping, _ originMap: Mapping, schema: PatchSchema.Ref?,
                    previous previousMap: Mapping?) throws(KustomizeError) {
        var failure = FirstFailure()
        func fieldSchema(_ key: String, _ child: Node?) -> PatchSchema.Ref? {
            if case .scalar(let s)? = child, !s.isNull { return nil }  // a scalar walk reads no schema
            return schema.flatMap { self.schema.field($0, key) }
        }
        var matched = [Bool](filled: false, count: originMap.count)
        var matchedCount = 0
        walkEachField(&m, &failure) { (i, key, child) throws(KustomizeError) -> Walked in
            let originIndex = originMap.index(of: key)
            if let o = originIndex {
                matched[o] = true
                matchedCount += 1
            }
            let origin = originIndex.map { originMap.entries[$0].value }
            let childSchema = fieldSchema(key, origin == nil ? child : nil)
            return try walk(consume child, origin, aliased: false, schema: childSchema,
                            previous: previousMap.flatMap { Self.field($0, key, near: i) })
        }
        if matchedCount < originMap.count {
            var added: [Entry] = []
            for (o, e) in originMap.entries.enumerated() where !matched[o] {
                added.append(e)
            }
            added.sort { $0.key.value.utf8.lexicographicallyPrecedes($1.key.value.utf8) }
            for e in added {
                let key = e.key.value
                let w: Walked
                do throws(KustomizeError) {
                    w = try walk(nil, e.value, aliased: false, schema: fieldSchema(key, nil),
                                 previous: previousMap?[key])
                } catch {
                    failure.record(key, error)
                    continue
                }
                if let v = w.node, w.keepNull || !v.isNull {
                    m.entries.append(Entry(key: Scalar(key), value: v))
                }
            }
        }
        try failure.throwIfAny()
    }

    /// Of the fields that fail, the first in sorted key order: the one the
    /// literal (sorted) walk would have stopped at.
    struct FirstFailure {
        var failure: (key: String, error: KustomizeError)?

        mutating func record(_ key: String, _ error: KustomizeError) {
            if failure.map({ key.utf8.lexicographicallyPrecedes($0.key.utf8) }) ?? true {
                failure = (key, error)
            }
        }

        func throwIfAny() throws(KustomizeError) {
            if let failure { throw failure.error }
        }
    }

    /// Walks every field of `m` in entry order with `step` (given the field's
    /// position, key and value, handed over so that it changes in place), keeps
    /// what it returns unless that is an empty null, and records a failing field.
    @inline(__always)
    func walkEachField(_ m: inout Mapping, _ failure: inout FirstFailure,
                       _ step: (Int, String, consuming Node) throws(KustomizeError) -> Walked) {
        var i = 0
        while i < m.entries.count {
            let key = m.entries[i].key.value
            let child = m.entries[i].value
            m.entries[i].value = .null
            let w: Walked
            do throws(KustomizeError) {
                w = try step(i, key, consume child)
            } catch {
                failure.record(key, error)
                i += 1
                continue
            }
            if let v = w.node, w.keepNull || !v.isNull {
                m.entries[i].value = v
                i += 1
            } else {
                m.entries.remove(at: i)
            }
        }
    }

    // MARK: target-only walks

    /// `walk(dest, nil, aliased: false, schema:)`: a target subtree the patch
    /// does not reach. kyaml still walks it, dropping empty nulls and
    /// normalising merging lists; for ordinary subtrees this does the same
    /// without sorting, hashing or copying.
    func walkTarget(_ dest: consuming Node?, schema: PatchSchema.Ref?, previous: Node? = nil) throws(KustomizeError) -> Walked {
        if let previous, let d = dest, d.sharesStorage(with: previous) {
            return try unchanged(d, schema: schema)
        }
        switch dest {
        case nil:
            return Walked(node: nil)
        case .scalar(let s)?:
            if !s.isNull { return Walked(node: consume dest, isDest: true) }
            // kyaml keeps a null written out (`~`, `null`) and drops an empty one.
            return s.value.isEmpty ? Walked(node: nil) : Walked(node: consume dest, keepNull: true)
        case .sequence?:
            guard let schema = schema ?? lookup(dest), self.schema.isAssociative(schema) else {
                return Walked(node: consume dest, isDest: true)
            }
            return try walkAssociativeList(consume dest, nil, aliased: false, schema: schema, previous: previous)
        case .mapping?:
            break
        }
        let schema = schema ?? lookup(dest)
        guard case .mapping(var m)? = dest else { return Walked(node: nil) }
        dest = nil  // `m` is now the only reference
        if Self.hasDuplicateKeys(m) {
            // Only the last of equal keys is walked: keep the literal port.
            return try walkMap(.mapping(m), nil, aliased: false, schema: schema, previous: previous)
        }
        // Fields are independent, so entry order gives the sorted walk's result;
        // of several failing fields, the literal walk reports the first sorted one.
        let previousMap = previous?.mapping
        var failure = FirstFailure()
        walkEachField(&m, &failure) { (i, key, child) throws(KustomizeError) -> Walked in
            let fieldSchema: PatchSchema.Ref?
            switch child {
            case .scalar: fieldSchema = nil
            default: fieldSchema = schema.flatMap { self.schema.field($0, key) }
            }
            return try walkTarget(consume child, schema: fieldSchema,
                                  previous: previousMap.flatMap { Self.field($0, key, near: i) })
        }
        try failure.throwIfAny()
        return Walked(node: .mapping(m), isDest: true)
    }

    /// What walking a subtree that an earlier merge returned (and nothing changed
    /// since) gives: the subtree itself, as `walkTarget` would return it.
    func unchanged(_ node: Node, schema: PatchSchema.Ref?) throws(KustomizeError) -> Walked {
        var result = Walked(node: node, isDest: true)
        if case .sequence = node, let s = schema ?? lookup(node), self.schema.isAssociative(s) {
            result.isDest = false  // a merging list comes back as a new list
        }
        if verifyUnchanged {
            let walked = try walkTarget(node, schema: schema)
            guard walked.node == node, walked.isDest == result.isDest, !walked.keepNull else {
                throw .message("internal error: a merged subtree changed when walked again")
            }
        }
        return result
    }

    /// The value of `key` in `m`, looked for first at position `i`.
    static func field(_ m: Mapping, _ key: String, near i: Int) -> Node? {
        if i < m.entries.count && m.entries[i].key.value == key { return m.entries[i].value }
        return m[key]
    }

    static func hasDuplicateKeys(_ m: Mapping) -> Bool {
        let n = m.entries.count
        if n < 2 { return false }
        if n > 12 {
            var seen = Set<String>()
            seen.reserveCapacity(n)
            for e in m.entries where !seen.insert(e.key.value).inserted { return true }
            return false
        }
        for i in 1..<n {
            let k = m.entries[i].key.value
            for j in 0..<i where m.entries[j].key.value.bytesEqual(k) { return true }
        }
        return false
    }

    func walkAssociativeList(_ dest: consuming Node?, _ origin: Node?, aliased: Bool, schema: PatchSchema.Ref,
                             previous: Node? = nil) throws(KustomizeError) -> Walked {
        var origin = origin
        var d: Node
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
                d = (consume dest) ?? .null
                aliasedBelow = aliased
            }
        }
        var items: [Node] = []
        if case .sequence(let s) = d { items = s }
        d = .null  // `items` is now the only reference
        let keys = self.schema.mergeKeys(schema)
        let elementSchema = self.schema.elements(schema)
        if fastPaths && !aliasedBelow && origin == nil, !keys.isEmpty,
           let walked = try ListMerge.walkKeyedTarget(&items, keys: keys, elementSchema: elementSchema, merge: self) {
            return Walked(node: .sequence(walked))
        }
        if fastPaths && !aliasedBelow, keys.count == 1, let patch = origin?.sequence,
           let merged = try ListMerge.mergeKeyed(&items, patch: patch, key: keys[0], elementSchema: elementSchema,
                                                 previous: previous?.sequence, merge: self) {
            return Walked(node: .sequence(merged))
        }
        var list = ListMerge(dest: items,
                             origin: aliasedBelow ? nil : origin?.sequence,
                             aliased: aliasedBelow,
                             elementSchema: elementSchema,
                             previous: aliasedBelow ? nil : previous?.sequence)
        items = []
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

        /// The kind of a node that is present and not null.
        static func of(_ n: Node?) -> Kind? {
            switch n {
            case nil: return nil
            case .mapping?: return .mapping
            case .sequence?: return .sequence
            case .scalar(let s)?: return s.isNull ? nil : .scalar
            }
        }
    }

    /// `ErrorIfAnyInvalidAndNonNull`.
    static func requireKind(_ kind: Kind, _ a: Node?, _ b: Node?) throws(KustomizeError) {
        if let a { try requireKind(kind, a) }
        if let b { try requireKind(kind, b) }
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
