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
