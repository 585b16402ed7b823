import YAML

/// An RFC 6902 JSON patch with the semantics and error texts of the Go library
/// kustomize uses (`gopkg.in/evanphx/json-patch.v4`), applied directly to a
/// resource node: `replace` of a missing map key adds it, negative list indexes
/// count from the end, a pointer without a leading `/` loses its first segment.
public struct JSONPatch: Sendable {
    /// The operations, each a mapping with `op`, `path`, `from`, `value`.
    public var operations: [Node]

    public init(operations: [Node]) {
        self.operations = operations
    }

    /// Decodes patch text. JSON is YAML, so both forms are read by the YAML parser;
    /// values are typed by YAML 1.1 rules, as `sigs.k8s.io/yaml` converts YAML to JSON.
    /// Only the first YAML document counts. Empty or null text has no operations.
    public init(text: String) throws(KustomizeError) {
        if text.isEmpty { throw .message("empty json patch operations") }
        let doc: Node?
        do { doc = try Parser.parseFirst(text) } catch { throw .message("\(error)") }
        guard let doc, !doc.isNull else {
            self.operations = []
            return
        }
        guard case .sequence(let items) = doc else {
            throw .message("json: cannot unmarshal \(Self.jsonType(doc)) into Go value of type jsonpatch.Patch")
        }
        var ops: [Node] = []
        for item in items {
            switch item {
            case .mapping: ops.append(Self.jsonTyped(item))
            case .scalar(let s) where s.isNull: ops.append(.mapping(Mapping()))
            default:
                throw .message("json: cannot unmarshal \(Self.jsonType(item)) into Go value of type jsonpatch.Operation")
            }
        }
        self.operations = ops
    }

    public var isEmpty: Bool { operations.isEmpty }

    /// Applies every operation in order. The document is consumed: pass it
    /// without keeping another reference, so that it changes in place.
    public func apply(to doc: consuming Node) throws(KustomizeError) -> Node {
        for op in operations {
            let kind = op["op"].flatMap(Self.stringValue) ?? "unknown"
            switch kind {
            case "add":
                let path = try Self.path(op, "path", "add operation failed to decode path: missing value")
                let value = Self.value(op)
                try Self.withContainer(&doc, path, missing: "add operation does not apply: doc is missing path: \"\(path)\": missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { try Self.add(&c, key, value) } catch {
                        throw error.wrapped("error in add for path: '\(path)': ")
                    }
                }
            case "remove":
                let path = try Self.path(op, "path", "remove operation failed to decode path: missing value")
                try Self.withContainer(&doc, path, missing: "remove operation does not apply: doc is missing path: \"\(path)\": missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { _ = try Self.remove(&c, key) } catch {
                        throw error.wrapped("error in remove for path: '\(path)': ")
                    }
                }
            case "replace":
                let path = try Self.path(op, "path", nil)
                let value = Self.value(op)
                if path.isEmpty {
                    guard value.mapping != nil || value.sequence != nil else {
                        throw .message("replace operation value must be object or array: %!w(<nil>)")
                    }
                    doc = value
                    continue
                }
                try Self.withContainer(&doc, path, missing: "replace operation does not apply: doc is missing path: \(path): missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { _ = try Self.get(c, key) } catch {
                        throw .message("replace operation does not apply: doc is missing key: \(path): missing value")
                    }
                    do throws(KustomizeError) { try Self.set(&c, key, value) } catch {
                        throw error.wrapped("error in remove for path: '\(path)': ")
                    }
                }
            case "move":
                let from = try Self.path(op, "from", nil)
                var moved: Node = .null
                try Self.withContainer(&doc, from, missing: "move operation does not apply: doc is missing from path: \(from): missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) {
                        moved = try Self.get(c, key) ?? .null
                        _ = try Self.remove(&c, key)
                    } catch {
                        throw error.wrapped("error in move for path: '\(key)': ")
                    }
                }
                let path = try Self.path(op, "path", nil)
                let value = moved
                try Self.withContainer(&doc, path, missing: "move operation does not apply: doc is missing destination path: \(path): missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { try Self.add(&c, key, value) } catch {
                        throw error.wrapped("error in move for path: '\(path)': ")
                    }
                }
            case "copy":
                let from = try Self.path(op, "from", nil)
                var copied: Node = .null
                try Self.withContainer(&doc, from, missing: "copy operation does not apply: doc is missing from path: \(from): missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { copied = try Self.get(c, key) ?? .null } catch {
                        throw error.wrapped("error in copy for from: '\(from)': ")
                    }
                }
                let path = try Self.path(op, "path", "copy operation failed to decode path: missing value")
                let value = copied
                try Self.withContainer(&doc, path, missing: "copy operation does not apply: doc is missing destination path: \(path): missing value") { c, key throws(KustomizeError) in
                    do throws(KustomizeError) { try Self.add(&c, key, value) } catch {
                        throw error.wrapped("error while adding value during copy: ")
                    }
                }
            case "test":
                let path = try Self.path(op, "path", nil)
                let expected = op["value"].flatMap { $0.isNull ? nil : $0 }
                let failed = KustomizeError.message("testing value \(path) failed: test failed")
                if path.isEmpty {
                    guard let expected, Self.equal(doc, expected) else { throw failed }
                    continue
                }
                try Self.withContainer(&doc, path, missing: "test operation does not apply: is missing path: \(path): missing value") { c, key throws(KustomizeError) in
                    let actual: Node?
                    do throws(KustomizeError) { actual = try Self.get(c, key) } catch {
                        throw error.wrapped("error in test for path: '\(path)': ")
                    }
                    guard let actual, !actual.isNull else {
                        if expected == nil { return }
                        throw failed
                    }
                    guard let expected, Self.equal(actual, expected) else { throw failed }
                }
            default:
                throw .message("Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    // MARK: pointers and containers

    static func stringValue(_ n: Node) -> String? {
        guard case .scalar(let s) = n, !s.isNull, case .string(let v) = s.resolved else { return nil }
        return v
    }

    static func path(_ op: Node, _ field: String, _ missing: String?) throws(KustomizeError) -> String {
        guard let v = op[field], !v.isNull else {
            throw .message(missing ?? "operation missing \(field) field: missing value")
        }
        guard let s = stringValue(v) else {
            throw .message("json: cannot unmarshal \(jsonType(v)) into Go value of type string")
        }
        return s
    }

    static func value(_ op: Node) -> Node { op["value"] ?? .null }

    /// A pointer segment decoded as json-patch decodes it (`strings.NewReplacer("~1",
    /// "/", "~0", "~")`): left to right, `~1` and `~0` are replaced and any other
    /// byte is kept, so `~~1` is `~/`.
    static func decodeKey(_ k: Substring) -> String {
        let tilde = UInt8(ascii: "~")
        guard k.utf8.contains(tilde) else { return String(k) }
        let bytes = Array(k.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == tilde, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "1") || bytes[i + 1] == UInt8(ascii: "0") {
                out.append(bytes[i + 1] == UInt8(ascii: "1") ? UInt8(ascii: "/") : tilde)
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `findObject`: runs `body` on the container of the pointer's last segment.
    /// The pointer is split at `/` bytes, as Go splits it (and a character-wise
    /// split cost ~4M instructions per 100-service build); `missing` is only
    /// formatted when reported.
    static func withContainer(_ doc: inout Node, _ path: String,
                              missing: @autoclosure () -> String,
                              _ body: (inout Node, String) throws(KustomizeError) -> Void) throws(KustomizeError) {
        let segments = segments(path)
        guard let key = segments.last else { throw .message(missing()) }
        guard try descend(&doc, segments.dropLast(), key, body) else { throw .message(missing()) }
    }

    /// The pointer's segments, decoded, as json-patch reads them: split at `/`
    /// bytes, the part before the first `/` dropped (empty for a pointer without one).
    static func segments(_ path: String) -> [String] {
        path.split(atByte: UInt8(ascii: "/")).dropFirst().map(decodeKey)
    }

    /// False when a parent is missing or not a container.
    static func descend(_ node: inout Node, _ parents: ArraySlice<String>, _ key: String,
                        _ body: (inout Node, String) throws(KustomizeError) -> Void) throws(KustomizeError) -> Bool {
        guard let part = parents.first else {
            try body(&node, key)
            return true
        }
        switch node {
        case .mapping(var m):
            guard let i = m.index(of: part) else { return false }
            var child = m.entries[i].value
            guard child.mapping != nil || child.sequence != nil else { return false }
            node = .null
            defer { node = .mapping(m) }
            m.entries[i].value = .null
            defer { m.entries[i].value = child }
            return try descend(&child, parents.dropFirst(), key, body)
        case .sequence(var items):
            guard let idx = try? index(part, count: items.count), idx < items.count else { return false }
            var child = items[idx]
            guard child.mapping != nil || child.sequence != nil else { return false }
            node = .null
            defer { node = .sequence(items) }
            items[idx] = .null
            defer { items[idx] = child }
            return try descend(&child, parents.dropFirst(), key, body)
        case .scalar:
            return false
        }
    }

    /// An array index: Go's `strconv.Atoi`, negative counting from the end.
    static func index(_ key: String, count: Int) throws(KustomizeError) -> Int {
        guard let idx = Int(key) else {
            throw .message("strconv.Atoi: parsing \(goQuote(key)): invalid syntax")
        }
        if idx < 0 {
            if idx < -count { throw .message("Unable to access invalid index: \(idx): invalid index referenced") }
            return idx + count
        }
        return idx
    }

    static func get(_ c: Node, _ key: String) throws(KustomizeError) -> Node? {
        switch c {
        case .mapping(let m): return m[key]
        case .sequence(let items):
            let idx = try index(key, count: items.count)
            guard idx < items.count else { throw .message("Unable to access invalid index: \(idx): invalid index referenced") }
            return items[idx]
        case .scalar: return nil
        }
    }

    static func add(_ c: inout Node, _ key: String, _ value: Node) throws(KustomizeError) {
        switch c {
        case .mapping(var m):
            c = .null
            m[key] = value
            c = .mapping(m)
        case .sequence(var items):
            if key == "-" {
                c = .null
                items.append(value)
                c = .sequence(items)
                return
            }
            guard let raw = Int(key) else {
                throw .message("value was not a proper array index: '\(key)': strconv.Atoi: parsing \(goQuote(key)): invalid syntax")
            }
            var idx = raw
            if idx > items.count { throw .message("Unable to access invalid index: \(idx): invalid index referenced") }
            if idx < 0 {
                if idx < -(items.count + 1) { throw .message("Unable to access invalid index: \(idx): invalid index referenced") }
                idx += items.count + 1
            }
            c = .null
            items.insert(value, at: idx)
            c = .sequence(items)
        case .scalar:
            break
        }
    }

    static func set(_ c: inout Node, _ key: String, _ value: Node) throws(KustomizeError) {
        switch c {
        case .mapping(var m):
            c = .null
            m[key] = value
            c = .mapping(m)
        case .sequence(var items):
            let idx = try index(key, count: items.count)
            guard idx < items.count else { throw .message("Unable to access invalid index: \(idx): invalid index referenced") }
            c = .null
            items[idx] = value
            c = .sequence(items)
        case .scalar:
            break
        }
    }

    static func remove(_ c: inout Node, _ key: String) throws(KustomizeError) -> Node? {
        switch c {
        case .mapping(var m):
            guard let i = m.index(of: key) else {
                throw .message("Unable to remove nonexistent key: \(key): missing value")
            }
            c = .null
            let old = m.entries.remove(at: i).value
            c = .mapping(m)
            return old
        case .sequence(var items):
            guard let raw = Int(key) else {
                throw .message("strconv.Atoi: parsing \(goQuote(key)): invalid syntax")
            }
            if raw >= items.count { throw .message("Unable to access invalid index: \(raw): invalid index referenced") }
            let idx = try index(key, count: items.count)
            c = .null
            let old = items.remove(at: idx)
            c = .sequence(items)
            return old
        case .scalar:
            return nil
        }
    }

    // MARK: values

    /// JSON equality (`lazyNode.equal`): same JSON text, maps compared by content.
    static func equal(_ a: Node, _ b: Node) -> Bool {
        guard let x = try? JSON.encode(a), let y = try? JSON.encode(b) else { return false }
        return x == y
    }

    /// Retypes plain scalars by YAML 1.1 rules, as YAML-to-JSON conversion does.
    static func jsonTyped(_ n: Node) -> Node {
        switch n {
        case .scalar(let s):
            guard s.style == .plain, s.tag == nil else { return n }
            switch Resolver.resolve11(s) {
            case .null: return .scalar(Scalar("null", mark: s.mark))
            case .bool(let b): return .scalar(Scalar(b ? "true" : "false", mark: s.mark))
            case .int(let i): return .scalar(Scalar(i, mark: s.mark))
            case .float(let d):
                guard d.isFinite else { return n }
                return .scalar(Scalar(GoNumber.kustomizeFloatText(d), mark: s.mark))
            case .string(let v):
                return .scalar(Scalar(v, style: .doubleQuoted, mark: s.mark))
            }
        case .sequence(let items):
            return .sequence(items.map(jsonTyped))
        case .mapping(var m):
            for i in m.entries.indices {
                m.entries[i].key = jsonKey(m.entries[i].key)
                m.entries[i].value = jsonTyped(m.entries[i].value)
            }
            return .mapping(m)
        }
    }

    /// A mapping key as YAML-to-JSON conversion turns it into a JSON string.
    static func jsonKey(_ k: Scalar) -> Scalar {
        guard k.style == .plain, k.tag == nil else { return k }
        let text: String
        switch Resolver.resolve11(k) {
        case .null: text = "null"
        case .bool(let b): text = b ? "true" : "false"
        case .int(let i): text = i
        case .float(let d): text = d.isFinite ? GoNumber.kustomizeFloatText(d) : k.value
        case .string: return k
        }
        return text == k.value ? k : Scalar(text, style: .doubleQuoted, mark: k.mark)
    }

    static func jsonType(_ n: Node) -> String {
        switch n {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let s):
            switch Resolver.resolve11(s) {
            case .null: return "null"
            case .bool: return "bool"
            case .int, .float: return "number"
            case .string: return "string"
            }
        }
    }
}

