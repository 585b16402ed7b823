import YAML

/// kustomize's content hash of a generated ConfigMap or Secret, appended to its
/// name as `-<suffix>` (kustomize's `hasher.Hasher`).
///
/// The hashed object is `{"data", "kind", "name"}` (+ `binaryData`) for a
/// ConfigMap and `{"data", "kind", "name", "type"}` (+ `stringData`) for a
/// Secret, as Go `encoding/json` bytes. `name` is always empty: kustomize looks
/// the name up with the single path element `metadata/name`, which never exists.
public enum NameHash {
    /// The ten-character suffix for a resource.
    public static func suffix(of node: Node) throws(KustomizeError) -> String {
        suffix(ofInput: try input(of: node))
    }

    /// The exact bytes kustomize hashes for this resource.
    public static func input(of node: Node) throws(KustomizeError) -> [UInt8] {
        let kind = node["kind"]?.scalar?.value ?? ""
        var fields: [(String, Node)] = [("kind", .string(kind)), ("name", .string(""))]
        switch kind {
        case "ConfigMap":
            fields.append(("data", field(node["data"])))
            if let b = node["binaryData"], b.mapping != nil { fields.append(("binaryData", b)) }
        case "Secret":
            fields.append(("data", field(node["data"])))
            fields.append(("type", field(node["type"])))
            if let s = node["stringData"], s.mapping != nil { fields.append(("stringData", s)) }
        default:
            // kustomize would JSON-encode its internal yaml.Node struct (with line numbers).
            throw .unsupported("name hash of kind '\(kind)'")
        }
        var out: [UInt8] = []
        do throws(YAMLError) {
            try JSON.write(Node.map(fields), into: &out)
        } catch {
            throw .message("\(error)")
        }
        return out
    }

    /// The suffix for given hash input: the first ten hex digits of its SHA-256,
    /// with `0 1 3 a e` replaced so the result cannot read as a number or word.
    public static func suffix(ofInput input: [UInt8]) -> String {
        var out = ""
        for c in SHA256.hex(input).prefix(10) {
            switch c {
            case "0": out.append("g")
            case "1": out.append("h")
            case "3": out.append("k")
            case "a": out.append("m")
            case "e": out.append("t")
            default: out.append(c)
            }
        }
        return out
    }

    /// A looked-up field as the hasher sees it: a scalar's text, a mapping as
    /// itself, a missing field as `""`, anything else as JSON `null`.
    private static func field(_ node: Node?) -> Node {
        guard let node else { return .string("") }
        switch node {
        case .scalar(let s): return .string(s.value)
        case .mapping: return node
        case .sequence: return .null
        }
    }
}
