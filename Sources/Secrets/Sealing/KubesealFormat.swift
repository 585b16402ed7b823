import YAML

/// kubeseal's two output formats (FORMAT.md §5).
public enum OutputFormat: String, Sendable {
    case json, yaml

    /// The bytes kubeseal prints for these objects: YAML documents each start with `---`;
    /// JSON objects are `MarshalIndent(obj, "", "  ")` each followed by a newline.
    public func render(_ objects: [SealedSecret], legacyCreationTimestamp: Bool = false) throws(SealError) -> String {
        var out = ""
        for o in objects {
            let node = o.node(legacyCreationTimestamp: legacyCreationTimestamp)
            switch self {
            case .json:
                out += IndentedJSON.encode(node) + "\n"
            case .yaml:
                do {
                    out += "---\n" + (try Emitter.emit(node))
                } catch {
                    throw SealError.input(origin: o.metadata.name, problem: "cannot write YAML (\(error.message)); use -o json")
                }
            }
        }
        return out
    }
}

/// Go's `json.MarshalIndent(v, "", "  ")` over a node whose mappings are already in the order
/// Go would write them (struct fields in declaration order, maps sorted).
enum IndentedJSON {
    static func encode(_ node: Node) -> String {
        var out: [UInt8] = []
        write(node, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ node: Node, indent: Int, into out: inout [UInt8]) {
        switch node {
        case .scalar(let s):
            if s.style.isQuoted || s.tag == "!!str" {
                JSON.writeString(s.value, into: &out)
            } else {
                // Typed scalars (bool, int, null) built by kustos; JSON.write never fails on them.
                var tmp: [UInt8] = []
                if (try? JSON.write(node, into: &tmp)) != nil { out += tmp } else { JSON.writeString(s.value, into: &out) }
            }
        case .sequence(let items):
            if items.isEmpty { out += Array("[]".utf8); return }
            out += Array("[\n".utf8)
            for (i, item) in items.enumerated() {
                spaces(indent + 2, &out)
                write(item, indent: indent + 2, into: &out)
                out += Array((i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            spaces(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .mapping(let m):
            if m.isEmpty { out += Array("{}".utf8); return }
            out += Array("{\n".utf8)
            for (i, e) in m.entries.enumerated() {
                spaces(indent + 2, &out)
                JSON.writeString(e.key.value, into: &out)
                out += Array(": ".utf8)
                write(e.value, indent: indent + 2, into: &out)
                out += Array((i + 1 < m.entries.count ? ",\n" : "\n").utf8)
            }
            spaces(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func spaces(_ n: Int, _ out: inout [UInt8]) {
        out += [UInt8](repeating: 32, count: n)
    }
}
