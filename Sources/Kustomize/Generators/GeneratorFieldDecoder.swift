import YAML

/// Reads generator fields the way kustomize does: YAML 1.1 scalars decoded into
/// Go structs by `encoding/json`, with its field matching (case-insensitive,
/// keys visited in sorted order, first error wins) and its messages.
struct GeneratorFieldDecoder {
    /// Put before every message: `invalid Kustomization: ` for kustomization
    /// fields, the plugin context for builtin plugin configurations.
    var prefix: String
    /// Unknown fields are errors in a kustomization file, ignored in plugin configs.
    var strict: Bool
    /// Plugin configs are resources, typed by YAML 1.2 rules (kustomize re-emits
    /// them with 1.1-looking strings quoted); a kustomization file uses YAML 1.1.
    var yaml12 = false

    func resolve(_ s: Scalar) -> ResolvedScalar {
        yaml12 ? s.resolved : Resolver.resolve11(s)
    }

    /// encoding/json's name for the JSON type a node turns into.
    func jsonType(_ node: Node) -> String {
        switch node {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let s):
            switch resolve(s) {
            case .bool: return "bool"
            case .int, .float: return "number"
            case .null: return "null"
            case .string: return "string"
            }
        }
    }

    /// `json: cannot unmarshal <json type> into Go struct field <field> of type <goType>`.
    func typeError(_ node: Node, field: String, goType: String) -> KustomizeError {
        .message("\(prefix)json: cannot unmarshal \(jsonType(node)) into Go struct field \(field) of type \(goType)")
    }

    /// The entries of a struct-valued mapping keyed by canonical field name, in the
    /// order encoding/json visits them. `known` lists the canonical names.
    func fields(_ node: Node, known: [String], field: String, goType: String) throws(KustomizeError) -> [(String, Node)] {
        if node.isNull { return [] }  // null into a struct leaves it unchanged
        guard let m = node.mapping else { throw typeError(node, field: field, goType: goType) }
        // A repeated key keeps its last value; then keys in sorted order, as the JSON
        // that sigs.k8s.io/yaml hands to encoding/json.
        var last: [String: Int] = [:]
        for (i, e) in m.entries.enumerated() { last[e.key.value] = i }
        let sorted = last.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap { k in last[k].map { m.entries[$0] } }
        var out: [(String, Node)] = []
        for e in sorted {
            let key = e.key.value
            guard let name = known.first(where: { $0 == key }) ?? known.first(where: { $0.lowercased() == key.lowercased() }) else {
                if strict { throw .message("\(prefix)json: unknown field \"\(key)\"") }
                continue
            }
            if e.value.isNull { continue }
            out.append((name, e.value))
        }
        return out
    }

    func string(_ node: Node, field: String) throws(KustomizeError) -> String {
        guard case .scalar(let s) = node else { throw typeError(node, field: field, goType: "string") }
        switch resolve(s) {
        case .string(let v): return v
        case .null: return ""
        default: throw typeError(node, field: field, goType: "string")
        }
    }

    func bool(_ node: Node, field: String) throws(KustomizeError) -> Bool {
        guard case .scalar(let s) = node else { throw typeError(node, field: field, goType: "bool") }
        switch resolve(s) {
        case .bool(let b): return b
        case .null: return false
        default: throw typeError(node, field: field, goType: "bool")
        }
    }

    func strings(_ node: Node, field: String) throws(KustomizeError) -> [String] {
        guard let items = node.sequence else { throw typeError(node, field: field, goType: "[]string") }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try string(item, field: field)) }
        return out
    }

    /// A `map[string]string`: duplicate keys keep the last value.
    func stringMap(_ node: Node, field: String) throws(KustomizeError) -> [String: String] {
        guard let m = node.mapping else { throw typeError(node, field: field, goType: "map[string]string") }
        var out: [String: String] = [:]
        for e in m.entries { out[e.key.value] = try string(e.value, field: field) }
        return out
    }
}
