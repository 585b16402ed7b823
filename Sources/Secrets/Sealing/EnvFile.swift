/// `KEY=VALUE` files for `--from-env-file`: one entry a line, blank lines and `#` comments
/// skipped, the value taken verbatim after the first `=` (no quote removal, like kustomize's
/// env files). Errors give the line number, never the line.
public enum EnvFile {
    public static func parse(_ text: String, file: String) throws(SealError) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Split on scalars: "\r\n" is one Character and would hide the line break.
        for raw in body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(raw.last == "\r" ? raw.dropLast() : raw)
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw SealError.input(origin: "\(file):\(lineNumber)", problem: "expected KEY=VALUE")
            }
            let key = String(trimmed[..<eq]).trimmingSpaces
            guard isValidKey(key) else {
                throw SealError.input(origin: "\(file):\(lineNumber)", problem: "invalid key \"\(key)\" (keys may contain letters, digits, '-', '_' and '.')")
            }
            let value = String(trimmed[trimmed.index(after: eq)...])
            if let i = seen[key] { out[i].1 = value } else {
                seen[key] = out.count
                out.append((key, value))
            }
        }
        return out
    }

    /// A valid Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters.
    public static func isValidKey(_ key: String) -> Bool {
        guard !key.isEmpty, key.utf8.count <= 253 else { return false }
        return key.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 46 || c == 95
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
