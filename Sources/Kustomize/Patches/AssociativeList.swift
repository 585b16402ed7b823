import YAML

/// Element-wise merge of one list whose schema says `merge` (kyaml's
/// `walk/associative_sequence.go` with the prepend direction), ported literally:
/// element identity is a tuple of key values, multi-key tuples are unified, a
/// merge result that is empty deletes every element with those key values, and
/// the target's elements finally replace their merged copies (or are appended).
/// The list helpers reproduce `ElementSetter`/`ElementMatcher`, including the
/// way they drop null and empty-map elements.
struct ListMerge {
    /// The target list (kyaml's destination, changed in place as it goes).
    var dest: [Node]
    /// The patch list; nil when missing or when the walk is aliased.
    var origin: [Node]?
    /// The list is walked against itself (the target had no such list).
    let aliased: Bool
    let elementSchema: PatchSchema.Ref?
    /// The list as an earlier merge returned it (see `StrategicMerge.apply`).
    var previous: [Node]? = nil

    /// The sources in the order kyaml reads them: patch first, then target.
    var sources: [[Node]?] { [aliased ? dest : origin, dest] }

    /// Key-value tuples of every element, patch first, without repeats.
    func elementValues(_ keys: [String]) -> [[String]] {
        var out: [[String]] = []
        var seen = Set<[String]>()
        for case let src? in sources {
            for elem in src {
                let tuple = keys.map { key -> String in
                    guard let f = elem.mapping?[key], !Self.isNilOrEmpty(f) else { return "" }
                    return StrategicMerge.goValue(f)
                }
                if tuple.isEmpty || seen.contains(tuple) { continue }
                seen.insert(tuple)
                out.append(tuple)
            }
        }
        return out
    }

    /// Values of a list of scalars, patch first, without repeats.
    func primitiveValues() -> [[String]] {
        var out: [[String]] = []
        var seen = Set<String>()
        for case let src? in sources {
            for item in src {
                let v = StrategicMerge.goValue(item)
                if seen.insert(v).inserted { out.append([v]) }
            }
        }
        return out
    }

    /// `setAssociativeSequenceElements`: the merged list.
    mutating func setElements(_ valuesList: [[String]], keys: [String], merge: StrategicMerge) throws(KustomizeError) -> [Node] {
        var items: [Node] = []
        let valuesList = keys.count > 1 ? Self.mergeValues(valuesList) : valuesList
        var validSet = Set<String>()
        for values in valuesList {
            for (i, v) in values.enumerated() where !v.isEmpty && i < keys.count { validSet.insert(keys[i]) }
        }
        var validKeys: [String] = []
        for values in valuesList where !values.isEmpty {
            let (vk, vv) = Self.validateKeys(validSet, values, keys)
            validKeys = vk
            let (mk, mv) = Self.validateKeys(Set(zip(vk, vv).filter { !$0.1.isEmpty }.map(\.0)), vv, vk)
            let di = Self.matchElement(dest, mk, mv)
            let dElem = di.map { dest[$0] }
            let oElem: Node? = aliased ? dElem : origin.flatMap { o in Self.matchElement(o, mk, mv).map { o[$0] } }
            if let di, Self.walkKeepsDest(dElem, oElem) {
                dest[di] = .null  // the walk changes the element in place; it is stored back below
            }
            let pElem = di == nil ? nil : previous.flatMap { p in Self.matchElement(p, mk, mv).map { p[$0] } }
            var w = try merge.walk(consume dElem, oElem, aliased: aliased, schema: elementSchema, previous: pElem)
            if w.isDest, let di, let n = w.node { dest[di] = n }
            var exit = false
            for (i, key) in vk.enumerated() {
                guard let val = w.node, !val.isNull, !(val.mapping?.isEmpty ?? false) else {
                    try Self.setElement(&dest, element: nil, keys: vk, values: vv)
                    exit = true
                    continue
                }
                if key.isEmpty || vv[i].isEmpty { continue }
                guard case .mapping(var m) = val else { throw StrategicMerge.wrongKind(.mapping, val) }
                if m[key] == nil {
                    m[key] = .scalar(Scalar(vv[i]))
                    w.node = .mapping(m)
                    if w.isDest, let di { dest[di] = w.node ?? .null }
                }
            }
            if exit { continue }
            try Self.setElement(&items, element: w.node, keys: vk, values: vv)
        }
        if valuesList.isEmpty { return dest }
        try Self.appendList(&items, from: dest, keys: validKeys)
        return items
    }

    /// True when walking a target element against a patch element surely
    /// returns the changed target element itself (or fails): a mapping, and a
    /// patch element that is absent or a mapping without a `$patch` directive.
    static func walkKeepsDest(_ dest: Node?, _ origin: Node?) -> Bool {
        guard case .mapping? = dest else { return false }
        switch origin {
        case nil: return true
        case .mapping(let m)?: return m.index(of: "$patch") == nil
        default: return false
        }
    }

    /// `walkAssociativeList` of a target list the patch does not reach, when
    /// every element is a non-empty mapping whose key fields are distinct
    /// non-empty scalars: then kyaml's merge keeps the list as it is, each
    /// element walked. Returns nil (and leaves `items` alone) for other lists.
    static func walkKeyedTarget(_ items: inout [Node], keys: [String], elementSchema: PatchSchema.Ref?,
                                merge: StrategicMerge) throws(KustomizeError) -> [Node]? {
        if items.isEmpty { return items }
        if items.count > 64 { return nil }
        var tuples: [[String]] = []
        tuples.reserveCapacity(items.count)
        for item in items {
            guard case .mapping(let m) = item, !m.isEmpty else { return nil }
            var tuple: [String] = []
            tuple.reserveCapacity(keys.count)
            for key in keys {
                guard case .scalar(let s)? = m[key], !s.isNull, !s.value.isEmpty else { return nil }
                tuple.append(s.value)
            }
            if tuples.contains(tuple) { return nil }
            tuples.append(tuple)
        }
        var out = items
        items = []
        for i in out.indices {
            let elem = out[i]
            out[i] = .null
            // A mapping walked alone stays a mapping and keeps its (non-null) key fields.
            out[i] = try merge.walkTarget(consume elem, schema: elementSchema).node ?? .null
        }
        return out
    }

    /// `walkAssociativeList` of a patch list against a target list, both made of
    /// mappings with distinct, non-empty scalar values of the one merge key, no
    /// patch element carrying a directive other than `$patch: delete`. Then
    /// kyaml's element-wise merge comes down to: the patch's elements in order,
    /// each merged into its target counterpart (or walked alone), then the
    /// target's other elements in order, each walked alone; an element that a
    /// walk deletes or empties drops out. Returns nil (and leaves `items` alone)
    /// for other lists.
    static func mergeKeyed(_ items: inout [Node], patch: [Node], key: String, elementSchema: PatchSchema.Ref?,
                           previous: [Node]?, merge: StrategicMerge) throws(KustomizeError) -> [Node]? {
        guard !key.isEmpty, items.count <= 64, patch.count <= 64,
              let targetKeys = keyValues(items, key: key, allowDelete: false),
              let patchKeys = keyValues(patch, key: key, allowDelete: true) else { return nil }
        var dest = items
        items = []
        var taken = [Bool](filled: false, count: dest.count)
        var out: [Node] = []
        out.reserveCapacity(dest.count + patch.count)
        func keep(_ w: StrategicMerge.Walked, _ value: String) throws(KustomizeError) {
            guard let node = w.node, !node.isNull, !(node.mapping?.isEmpty ?? false) else { return }
            guard case .mapping(var m) = node else { throw StrategicMerge.wrongKind(.mapping, node) }
            if m[key] == nil {
                m[key] = .scalar(Scalar(value))
                out.append(.mapping(m))
            } else {
                out.append(node)
            }
        }
        /// The element with this key value in the list an earlier merge returned.
        func earlier(_ value: String) -> Node? {
            previous.flatMap { list in matchElement(list, [key], [value]).map { list[$0] } }
        }
        for (p, patchElement) in patch.enumerated() {
            let value = patchKeys[p]
            guard let d = targetKeys.firstIndex(where: { $0.bytesEqual(value) }) else {
                try keep(try merge.walk(nil, patchElement, aliased: false, schema: elementSchema), value)
                continue
            }
            taken[d] = true
            let target = dest[d]
            dest[d] = .null
            try keep(try merge.walk(consume target, patchElement, aliased: false, schema: elementSchema,
                                    previous: earlier(value)), value)
        }
        for d in dest.indices where !taken[d] {
            let target = dest[d]
            dest[d] = .null
            try keep(try merge.walk(consume target, nil, aliased: false, schema: elementSchema,
                                    previous: earlier(targetKeys[d])), targetKeys[d])
        }
        return out
    }

    /// The merge-key value of every element, when each is a non-empty mapping
    /// whose key field is a distinct, non-empty, non-null scalar (and carries no
    /// `$patch`, or with `allowDelete` only `$patch: delete`).
    private static func keyValues(_ list: [Node], key: String, allowDelete: Bool) -> [String]? {
        var values: [String] = []
        values.reserveCapacity(list.count)
        for elem in list {
            guard case .mapping(let m) = elem, !m.isEmpty,
                  case .scalar(let s)? = m[key], !s.isNull, !s.value.isEmpty else { return nil }
            if let directive = m["$patch"] {
                guard allowDelete, directive.string == "delete" else { return nil }
            }
            if values.contains(where: { $0.bytesEqual(s.value) }) { return nil }
            values.append(s.value)
        }
        return values
    }

    // MARK: kyaml helpers

    static func isNilOrEmpty(_ n: Node) -> Bool {
        switch n {
        case .scalar(let s): return s.isNull
        case .mapping(let m): return m.isEmpty
        case .sequence(let s): return s.isEmpty
        }
    }

    /// `validateKeys`: keeps the keys that have a value in some tuple.
    static func validateKeys(_ validSet: Set<String>, _ values: [String], _ keys: [String]) -> ([String], [String]) {
        if validSet.isEmpty { return (keys, values) }
        let vk = keys.filter { validSet.contains($0) }
        var vv: [String] = []
        for (i, v) in values.enumerated() where !v.isEmpty || (i < keys.count && validSet.contains(keys[i])) {
            vv.append(v)
        }
        return (vk, vv)
    }

    /// `mergeValues`: tuples that agree somewhere and never conflict become their union.
    static func mergeValues(_ list: [[String]]) -> [[String]] {
        var list = list
        for i in list.indices {
            let v1 = list[i]
            for j in list.indices {
                if let u = unify(v1, list[j]) {
                    list[i] = u
                    list[j] = u
                }
            }
        }
        return list
    }

    static func unify(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var common = false
        var out: [String] = []
        out.reserveCapacity(a.count)
        for i in a.indices {
            if a[i] == b[i] {
                common = true
                out.append(a[i])
            } else if !a[i].isEmpty && !b[i].isEmpty {
                return nil
            } else {
                out.append(a[i].isEmpty ? b[i] : a[i])
            }
        }
        return common ? out : nil
    }

    /// `ElementMatcher` with values: the first element whose key fields equal the values.
    static func matchElement(_ list: [Node], _ keys: [String], _ values: [String]) -> Int? {
        let keys = keys.isEmpty ? [""] : keys
        let values = values.isEmpty ? [""] : values
        if keys[0].isEmpty {
            return list.firstIndex { StrategicMerge.goValue($0) == values[0] }
        }
        for (i, elem) in list.enumerated() {
            if !elem.isNull && elem.mapping == nil { continue }
            if keys.count != values.count { return nil }
            guard let m = elem.mapping else { continue }
            var all = true
            for (k, v) in zip(keys, values) {
                guard let f = m[k], StrategicMerge.goValue(f) == v else {
                    all = false
                    break
                }
            }
            if all { return i }
        }
        return nil
    }

    /// `FieldMatcher{Name, StringValue}`: an empty value matches any present field.
    static func fieldMatches(_ elem: Node, name: String, value: String) throws(KustomizeError) -> Bool {
        if elem.isNull { return false }
        if name.isEmpty {
            try StrategicMerge.requireKind(.scalar, elem)
            return StrategicMerge.goValue(elem) == value
        }
        guard let m = elem.mapping else { throw StrategicMerge.wrongKind(.mapping, elem) }
        guard let f = m[name] else { return false }
        return value.isEmpty || StrategicMerge.goValue(f) == value
    }

    /// `ElementSetter`: replaces (or with no element, removes) every element whose
    /// key fields match, appends the element when none did; drops null and
    /// empty-map elements on the way.
    static func setElement(_ list: inout [Node], element: Node?, keys: [String], values: [String]) throws(KustomizeError) {
        let keys = keys.isEmpty ? [""] : keys
        let mappingSetter = !keys[0].isEmpty && !values.isEmpty && !values[0].isEmpty
        var out: [Node] = []
        out.reserveCapacity(list.count + 1)
        var matched = false
        for elem in list {
            if elem.isNull || (elem.mapping?.isEmpty ?? false) { continue }
            if elem.mapping == nil && mappingSetter {
                out.append(elem)
                continue
            }
            var found = false
            for (j, key) in keys.enumerated() {
                if j < values.count { found = try fieldMatches(elem, name: key, value: values[j]) }
                if !found { break }
            }
            if !found {
                if !values.isEmpty { out.append(elem) }
                continue
            }
            matched = true
            if let element { out.append(element) }
        }
        list = out
        guard let element, !element.isNull else { return }
        if !matched { list.append(element) }
    }

    /// `appendListNode`: the target's elements replace their counterparts in `dst`
    /// or are appended (with several keys: always moved to the end).
    static func appendList(_ dst: inout [Node], from src: [Node], keys: [String]) throws(KustomizeError) {
        guard let first = keys.first else { return }
        for elem in src {
            if first.isEmpty {
                try setElement(&dst, element: elem, keys: [""], values: [StrategicMerge.goValue(elem)])
                continue
            }
            var v: [String] = []
            for key in keys {
                if elem.isNull {
                    dst.append(elem)
                    continue
                }
                guard let m = elem.mapping else { throw StrategicMerge.wrongKind(.mapping, elem) }
                guard let f = m[key] else {
                    dst.append(elem)
                    continue
                }
                v.append(StrategicMerge.goValue(f))
            }
            if keys.count > 1 { try setElement(&dst, element: nil, keys: keys, values: v) }
            try setElement(&dst, element: elem, keys: keys, values: v)
        }
    }
}
