/// Inline suppressions. A line carrying `pragma: allowlist secret` (the detect-secrets
/// convention, in any comment syntax) is never reported; `kustos:allow` accepts every rule on
/// its line, `kustos:allow RULE[,RULE…]` only those. `pragma: allowlist nextline secret` and
/// `kustos:allow-next-line [RULE…]` on their own line cover the line below.
enum Suppression {
    static func allows(_ rule: Rule, line: Int, in t: [UInt8], lines: [Range<Int>]) -> Bool {
        guard line >= 1, line <= lines.count else { return false }
        let r = lines[line - 1]
        if Bytes.contains("pragma: allowlist secret", in: t, r) { return true }
        if let rules = directive("kustos:allow", t, r), rules.isEmpty || rules.contains(rule.id) { return true }
        if line >= 2 {
            let p = lines[line - 2]
            if Bytes.contains("pragma: allowlist nextline secret", in: t, p) { return true }
            if let rules = directive("kustos:allow-next-line", t, p), rules.isEmpty || rules.contains(rule.id) { return true }
        }
        return false
    }

    /// The rule ids after a directive, empty for "all rules"; nil when the directive is absent.
    /// Ids are read while they name known rules, so prose after the directive is ignored.
    static func directive(_ name: StaticString, _ t: [UInt8], _ r: Range<Int>) -> [String]? {
        var from = r.lowerBound
        while let at = Bytes.find(name, in: t, from..<r.upperBound) {
            let after = at + name.utf8CodeUnitCount
            from = after
            if after < r.upperBound && t[after] == Bytes.dash { continue }  // a longer directive
            let rest = Bytes.string(t, after..<r.upperBound)
            var ids: [String] = []
            for token in rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                guard Rule.named(String(token)) != nil else { break }
                ids.append(String(token))
            }
            return ids
        }
        return nil
    }
}
