import YAML

/// The fields of one transformer entry (`images:`, `replicas:`, `labels:` items,
/// builtin plugin configs), read as Go's `encoding/json` reads them after
/// kustomize's YAML 1.1 → JSON conversion: names match case-insensitively,
/// unknown names are errors when `strict`, and type errors name the Go field.
struct EntryFields {
    /// The field names the entry's type has, and the value given for each (nil:
    /// absent). A few names: looked for in a list, not hashed.
    private let known: [String]
    private let found: [Node?]
    /// `Image.images` in `Go struct field Image.images.newTag`.
    let goPath: String
    /// Put before every message (`invalid Kustomization: ` for kustomization entries).
    let messagePrefix: String
    /// Kustomization entries are typed strictly (YAML 1.1, `true` is no string);
    /// plugin configs are unmarshalled towards the Go type, so any scalar fills a
    /// string field.
    let strict: Bool

    init(_ node: Node, known: [String], goPath: String, strict: Bool,
         messagePrefix: String = "invalid Kustomization: ") throws(KustomizeError) {
        self.goPath = goPath
        self.messagePrefix = messagePrefix
        self.strict = strict
        self.known = known
        guard let m = node.mapping else {
            if node.isNull {
                found = Array(filled: nil, count: known.count)
                return
            }
            throw .message("\(messagePrefix)json: cannot unmarshal \(Decoder().jsonType(node)) into Go struct field \(goPath) of type \(goPath.split(separator: ".").first ?? "")")
        }
        var found = [Node?](filled: nil, count: known.count)
        for e in m.entries {
            if let i = Self.index(of: e.key.value, in: known) {
                found[i] = e.value
            } else if strict {
                throw .message("\(messagePrefix)json: unknown field \"\(e.key.value)\"")
            }
        }
        self.found = found
    }

    /// The known name a key stands for: the (last) one equal to it lowercased. An
    /// ASCII key is compared byte by byte, ignoring ASCII case (the same answer
    /// without building lowercased strings); any other key is lowercased.
    static func index(of key: String, in known: [String]) -> Int? {
        var match: Int? = nil
        let isASCII = key.utf8.allSatisfy { $0 < 0x80 }
        var lower: String?
        for (i, k) in known.enumerated() {
            let equal: Bool
            if isASCII && k.utf8.allSatisfy({ $0 < 0x80 }) {
                equal = Self.equalIgnoringASCIICase(key, k)
            } else {
                if lower == nil { lower = key.lowercased() }
                equal = k.lowercased() == lower
            }
            if equal { match = i }
        }
        return match
    }

    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8) { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }

    func typeError(_ node: Node, _ key: String, _ goType: String) -> KustomizeError {
        .message("\(messagePrefix)json: cannot unmarshal \(Decoder().jsonType(node)) into Go struct field \(goPath).\(key) of type \(goType)")
    }

    /// The node of a field that is present and not null.
    func node(_ key: String) -> Node? {
        guard let i = known.firstIndex(where: { $0.bytesEqual(key) }), let n = found[i], !n.isNull else { return nil }
        return n
    }

    func string(_ key: String) throws(KustomizeError) -> String {
        guard let n = node(key) else { return "" }
        guard let v = text(n) else { throw typeError(n, key, "string") }
        return v
    }

    /// A scalar as a Go string field receives it; nil when it cannot be one.
    func text(_ n: Node) -> String? {
        guard case .scalar(let s) = n else { return nil }
        if !strict {
            switch s.resolved {
            case .null: return ""
            case .bool(let b): return b ? "true" : "false"
            case .int(let t): return t
            case .float, .string: return s.value
            }
        }
        switch Resolver.resolve11(s) {
        case .string(let v): return v
        case .null: return ""
        default: return nil
        }
    }

    func bool(_ key: String) throws(KustomizeError) -> Bool {
        guard let n = node(key) else { return false }
        guard case .scalar(let s) = n, case .bool(let v) = Resolver.resolve11(s) else {
            throw typeError(n, key, "bool")
        }
        return v
    }

    func int64(_ key: String) throws(KustomizeError) -> Int64 {
        guard let n = node(key) else { return 0 }
        guard case .scalar(let s) = n, case .int(let text) = Resolver.resolve11(s), let v = Int64(text) else {
            throw typeError(n, key, "int64")
        }
        return v
    }

    /// A `map[string]string`; a null value is the empty string.
    func stringMap(_ key: String) throws(KustomizeError) -> [(String, String)] {
        guard let n = node(key) else { return [] }
        guard let m = n.mapping else { throw typeError(n, key, "map[string]string") }
        var out: [(String, String)] = []
        for e in m.entries {
            guard let v = text(e.value) else { throw typeError(e.value, key, "string") }
            out.append((e.key.value, v))
        }
        return out
    }
}
