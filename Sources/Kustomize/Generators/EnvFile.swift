/// Env files of `envs:` parsed as kustomize does (`kv.keyValuesFromLines`):
/// no quote removal, no `export`, no environment lookup, trailing blanks kept.
public enum EnvFile {
    /// Go's `bufio.MaxScanTokenSize`: a line this long (before its `\n`) stops
    /// the scanner, silently dropping it and everything after it.
    static let maxLineLength = 64 * 1024

    /// The pairs of an env file's bytes, in file order.
    public static func pairs(_ content: [UInt8]) throws(KustomizeError) -> [KeyValue] {
        var out: [KeyValue] = []
        var lineNumber = 0
        var start = 0
        let end = content.count
        while start < end {
            let newline = content[start...].firstIndex(of: UInt8(ascii: "\n"))
            let lineEnd = newline ?? end
            if lineEnd - start >= maxLineLength { break }
            var line = content[start..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if let pair = try parseLine(line, isFirst: lineNumber == 0) { out.append(pair) }
            lineNumber += 1
            start = lineEnd + 1
        }
        return out
    }

    /// One line: nil for blank lines, comments and lines with an empty key.
    static func parseLine(_ bytes: ArraySlice<UInt8>, isFirst: Bool) throws(KustomizeError) -> KeyValue? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return asciiLine(bytes) }
        return try unicodeLine(bytes, isFirst: isFirst)
    }

    /// `unicodeLine` for a line of ASCII bytes (most lines), without decoding it:
    /// the white space Unicode knows in ASCII is tab to carriage return and space.
    static func asciiLine(_ bytes: ArraySlice<UInt8>) -> KeyValue? {
        guard let start = bytes.firstIndex(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }),
              bytes[start] != UInt8(ascii: "#") else { return nil }
        guard let eq = bytes[start...].firstIndex(of: UInt8(ascii: "=")) else {
            return KeyValue(key: String(decoding: bytes[start...], as: UTF8.self), value: [])
        }
        if eq == start { return nil }
        return KeyValue(key: String(decoding: bytes[start..<eq], as: UTF8.self), value: Array(bytes[(eq + 1)...]))
    }

    /// `parseLine` for any line: decoded, a byte-order mark dropped from the first.
    static func unicodeLine(_ bytes: ArraySlice<UInt8>, isFirst: Bool) throws(KustomizeError) -> KeyValue? {
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let list = "[" + bytes.map { String($0) }.joined(separator: " ") + "]"
            throw .message("line \(list) has invalid utf8 bytes : \(String(decoding: bytes, as: UTF8.self))")
        }
        if isFirst, text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let scalars = text.unicodeScalars
        let firstNonSpace = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let trimmed = scalars[firstNonSpace...]
        guard let first = trimmed.first, first != "#" else { return nil }
        guard let eq = trimmed.firstIndex(of: "=") else {
            return KeyValue(key: String(trimmed), value: [])
        }
        if eq == trimmed.startIndex { return nil }
        return KeyValue(key: String(trimmed[..<eq]), text: String(trimmed[trimmed.index(after: eq)...]))
    }
}
