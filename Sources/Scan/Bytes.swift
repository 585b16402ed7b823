/// Byte-level helpers: the scanner works on UTF-8 bytes and makes Strings only for the few
/// values that turn out to matter.
enum Bytes {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r"), hash = UInt8(ascii: "#"), quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'"), colon = UInt8(ascii: ":"), equals = UInt8(ascii: "=")
    static let dash = UInt8(ascii: "-"), backslash = UInt8(ascii: "\\")

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 65 < 26 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c &- 97 < 26 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
    @inline(__always) static func isBase64(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
    }
    @inline(__always) static func isBase64URL(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
    }

    /// The ranges of the lines of `text`, without their line terminators.
    static func lines(_ text: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(text.count / 32 + 1)
        var start = 0
        var i = 0
        let n = text.count
        while i < n {
            if text[i] == newline {
                var end = i
                if end > start && text[end - 1] == cr { end -= 1 }
                out.append(start..<end)
                start = i + 1
            }
            i += 1
        }
        if start < n {
            var end = n
            if text[end - 1] == cr { end -= 1 }
            out.append(start..<end)
        }
        return out
    }

    /// First index of `needle` in `text[range]`, ASCII case-sensitive.
    static func find(_ needle: StaticString, in text: [UInt8], _ range: Range<Int>) -> Int? {
        needle.withUTF8Buffer { nb in
            let m = nb.count
            guard m > 0, range.count >= m else { return nil }
            let first = nb[0]
            var i = range.lowerBound
            let last = range.upperBound - m
            while i <= last {
                if text[i] == first {
                    var j = 1
                    while j < m && text[i + j] == nb[j] { j += 1 }
                    if j == m { return i }
                }
                i += 1
            }
            return nil
        }
    }

    static func contains(_ needle: StaticString, in text: [UInt8], _ range: Range<Int>) -> Bool {
        find(needle, in: text, range) != nil
    }

    /// Case-insensitive containment for ASCII needles given in lower case.
    static func containsIgnoringCase(_ needle: StaticString, in text: [UInt8], _ range: Range<Int>) -> Bool {
        needle.withUTF8Buffer { nb in
            let m = nb.count
            guard m > 0, range.count >= m else { return false }
            var i = range.lowerBound
            let last = range.upperBound - m
            while i <= last {
                var j = 0
                while j < m && lower(text[i + j]) == nb[j] { j += 1 }
                if j == m { return true }
                i += 1
            }
            return false
        }
    }

    static func hasPrefix(_ prefix: StaticString, _ text: [UInt8], at i: Int, end: Int) -> Bool {
        prefix.withUTF8Buffer { pb in
            guard end - i >= pb.count else { return false }
            for k in 0..<pb.count where text[i + k] != pb[k] { return false }
            return true
        }
    }

    static func string(_ text: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// True when the bytes look like text: no NUL in the first 8 KiB.
    static func isText(_ bytes: [UInt8]) -> Bool {
        !bytes.prefix(8192).contains(0)
    }
}

extension StringProtocol {
    /// ASCII lower-casing without locale machinery.
    var asciiLowercased: String {
        String(decoding: utf8.map { Bytes.lower($0) }, as: UTF8.self)
    }
}
