/// Writes nodes as compact JSON exactly as Go's `encoding/json` marshals the
/// generic value kustomize holds: object keys sorted bytewise, `<`, `>`, `&`,
/// U+2028 and U+2029 escaped. Used for name hashes and `-o json`.
public enum JSON {
    public static func encode(_ node: Node) throws(YAMLError) -> String {
        var out: [UInt8] = []
        try write(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func write(_ node: Node, into out: inout [UInt8]) throws(YAMLError) {
        switch node {
        case .scalar(let s):
            switch s.resolved {
            case .null: out += Array("null".utf8)
            case .bool(let b): out += Array((b ? "true" : "false").utf8)
            case .int(let t): out += Array(t.utf8)
            case .float(let d):
                guard d.isFinite else { throw YAMLError("json: unsupported value: \(d)") }
                out += Array(GoNumber.kustomizeFloatText(d).utf8)
            case .string(let t): writeString(t, into: &out)
            }
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let m):
            out.append(UInt8(ascii: "{"))
            let sorted = m.entries.sorted { $0.key.value.utf8.lexicographicallyPrecedes($1.key.value.utf8) }
            for (i, e) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(e.key.value, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(e.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string as Go's encoder writes it: `"`, `\` and the usual controls
    /// escaped by letter, other controls, `<`, `>`, `&`, U+2028 and U+2029 as
    /// `\u` escapes, everything else as it is (runs of such bytes copied at once).
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var run = 0  // start of the bytes not yet written
            var i = 0
            while i < u.count {
                let c = u[i]
                let escape: UInt32
                switch c {
                case 0x22, 0x5C, 0x3C, 0x3E, 0x26, 0x00..<0x20:
                    escape = UInt32(c)
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escape = u[i + 2] == 0xA8 ? 0x2028 : 0x2029
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i]))
                writeEscape(escape, into: &out)
                i += escape > 0x7F ? 3 : 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeEscape(_ x: UInt32, into out: inout [UInt8]) {
        switch x {
        case 0x22: out += [92, 34]
        case 0x5C: out += [92, 92]
        case 0x0A: out += [92, UInt8(ascii: "n")]
        case 0x0D: out += [92, UInt8(ascii: "r")]
        case 0x09: out += [92, UInt8(ascii: "t")]
        case 0x08: out += [92, UInt8(ascii: "b")]
        case 0x0C: out += [92, UInt8(ascii: "f")]
        default:
            out += [92, UInt8(ascii: "u"), hex[Int(x >> 12 & 0xF)], hex[Int(x >> 8 & 0xF)],
                    hex[Int(x >> 4 & 0xF)], hex[Int(x & 0xF)]]
        }
    }
}
