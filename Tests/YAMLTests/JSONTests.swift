import Testing
@testable import YAML

@Suite struct JSONTests {
    /// Go's string encoding spelled out one Unicode scalar at a time (the
    /// definition the byte-run writer must agree with).
    static func reference(_ s: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [34]
        for v in s.unicodeScalars {
            switch v.value {
            case 0x22: out += [92, 34]
            case 0x5C: out += [92, 92]
            case 0x0A: out += [92, UInt8(ascii: "n")]
            case 0x0D: out += [92, UInt8(ascii: "r")]
            case 0x09: out += [92, UInt8(ascii: "t")]
            case 0x08: out += [92, UInt8(ascii: "b")]
            case 0x0C: out += [92, UInt8(ascii: "f")]
            case 0x3C, 0x3E, 0x26, 0x2028, 0x2029, 0x00..<0x20:
                let x = v.value
                out += [92, UInt8(ascii: "u"), hex[Int(x >> 12 & 0xF)], hex[Int(x >> 8 & 0xF)],
                        hex[Int(x >> 4 & 0xF)], hex[Int(x & 0xF)]]
            default:
                out += Array(String(v).utf8)
            }
        }
        return out + [34]
    }

    @Test func stringsAsGoWritesThem() {
        let pieces: [String] = ["a", "Z", " ", "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\u{08}", "\u{0C}",
                                "\u{00}", "\u{1F}", "\u{7F}", "é", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}",
                                "\u{E2}", "€", "😀", "\u{FEFF}"]
        var strings: [String] = [""] + pieces
        for a in pieces { for b in pieces { strings.append(a + b) } }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            strings.append((0..<Int.random(in: 3...20, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for s in strings {
            var out: [UInt8] = []
            JSON.writeString(s, into: &out)
            #expect(out == Self.reference(s), "\(s.debugDescription)")
        }
    }
}
