/// Finds `key → value` pairs on one line in the syntaxes a GitOps repository mixes:
/// YAML and JSON (`key: value`, `"key": "value"` anywhere on the line), `.env`, properties,
/// INI, TOML, HCL and shell (`KEY=value`, `export KEY='value'`, `key = "value"`), command-line
/// flags (`--from-literal=password=…`, `--db-password=…`) and kustomize literals (`- key=value`).
struct Assignment: Sendable {
    var key: Range<Int>
    /// The value without its quotes.
    var value: Range<Int>
    var quoted: Bool
}

enum Assignments {
    /// - Parameter commentOnly: set when the line is a comment; then only a comment that is
    ///   exactly one assignment (`# old-token=ghp_…`) yields a pair, never prose.
    static func extract(_ t: [UInt8], _ line: Range<Int>, codeComments: Bool) -> [Assignment] {
        let end = line.upperBound
        var i = line.lowerBound
        while i < end && Bytes.isBlank(t[i]) { i += 1 }
        guard i < end else { return [] }
        var comment = false
        if t[i] == Bytes.hash {
            comment = true
            while i < end && t[i] == Bytes.hash { i += 1 }
        } else if codeComments && t[i] == UInt8(ascii: "/") && i + 1 < end && t[i + 1] == UInt8(ascii: "/") {
            comment = true
            i += 2
        }
        while i < end && Bytes.isBlank(t[i]) { i += 1 }
        var out: [Assignment] = []
        // A key at the start of the line, after list markers and shell keywords.
        var j = i
        while j + 1 < end && t[j] == Bytes.dash && Bytes.isBlank(t[j + 1]) {
            j += 2
            while j < end && Bytes.isBlank(t[j]) { j += 1 }
        }
        j = skipShellKeyword(t, j, end)
        if let a = pair(t, j, end) {
            if comment {
                // the value must run to the end of the line: `# password: x`, not `# see x: y z`
                return a.value.upperBound + (a.quoted ? 1 : 0) >= end - trailingBlanks(t, line) ? [a] : []
            }
            out.append(a)
        }
        if comment { return [] }
        midLineAssignments(t, i, end, into: &out)
        jsonPairs(t, i, end, into: &out)
        return out
    }

    static func trailingBlanks(_ t: [UInt8], _ r: Range<Int>) -> Int {
        var n = 0
        var k = r.upperBound
        while k > r.lowerBound && Bytes.isBlank(t[k - 1]) { k -= 1; n += 1 }
        return n
    }

    static func skipShellKeyword(_ t: [UInt8], _ i: Int, _ end: Int) -> Int {
        for kw: StaticString in ["export ", "declare -x ", "readonly ", "local ", "set ", "ENV ", "ARG "] {
            if Bytes.hasPrefix(kw, t, at: i, end: end) {
                var j = i + kw.utf8CodeUnitCount
                while j < end && Bytes.isBlank(t[j]) { j += 1 }
                return j
            }
        }
        return i
    }

    @inline(__always)
    static func isKeyByte(_ c: UInt8) -> Bool {
        Bytes.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == Bytes.dash || c == UInt8(ascii: "/")
    }

    /// `key: value`, `key=value`, `"key": value`, `key ?= value` starting at `i`.
    static func pair(_ t: [UInt8], _ i: Int, _ end: Int) -> Assignment? {
        guard i < end else { return nil }
        var k = i
        let key: Range<Int>
        if t[i] == Bytes.quote || t[i] == Bytes.apostrophe {
            let q = t[i]
            k = i + 1
            while k < end && t[k] != q && (isKeyByte(t[k]) || t[k] == Bytes.space || t[k] == Bytes.colon) { k += 1 }
            guard k < end, t[k] == q, k > i + 1 else { return nil }
            key = (i + 1)..<k
            k += 1
        } else {
            while k < end && isKeyByte(t[k]) { k += 1 }
            guard k > i else { return nil }
            key = i..<k
        }
        while k < end && Bytes.isBlank(t[k]) { k += 1 }
        guard k < end else { return nil }
        let sep: UInt8
        if t[k] == Bytes.colon && (k + 1 == end || Bytes.isBlank(t[k + 1])) {
            sep = Bytes.colon
            k += 1
        } else if t[k] == Bytes.equals && (k + 1 == end || t[k + 1] != Bytes.equals) {
            sep = Bytes.equals
            k += 1
        } else if k + 1 < end && t[k + 1] == Bytes.equals && "?:+".utf8.contains(t[k]) {
            sep = Bytes.equals  // make: `?=`, `:=`, `+=`
            k += 2
        } else {
            return nil
        }
        guard let (v, q) = value(t, k, end, sep: sep) else { return nil }
        return Assignment(key: key, value: v, quoted: q)
    }

    /// Reads a value starting at `i` (blanks first): a quoted string, or a plain value that
    /// runs to a comment (YAML) or the next blank (everything written with `=`).
    static func value(_ t: [UInt8], _ start: Int, _ end: Int, sep: UInt8) -> (Range<Int>, Bool)? {
        var i = start
        while i < end && Bytes.isBlank(t[i]) { i += 1 }
        guard i < end else { return nil }
        if sep == Bytes.colon && t[i] == UInt8(ascii: "!") {  // YAML tag: `!!str`, `!secret`
            while i < end && !Bytes.isBlank(t[i]) { i += 1 }
            while i < end && Bytes.isBlank(t[i]) { i += 1 }
            guard i < end else { return nil }
        }
        let c = t[i]
        if c == Bytes.quote {
            var j = i + 1
            while j < end && t[j] != Bytes.quote {
                if t[j] == Bytes.backslash { j += 1 }
                j += 1
            }
            return ((i + 1)..<min(j, end), true)
        }
        if c == Bytes.apostrophe {
            var j = i + 1
            while j < end {
                if t[j] == Bytes.apostrophe {
                    if j + 1 < end && t[j + 1] == Bytes.apostrophe { j += 2; continue }
                    break
                }
                j += 1
            }
            return ((i + 1)..<min(j, end), true)
        }
        var j = i
        if sep == Bytes.colon {
            while j < end && !(t[j] == Bytes.hash && Bytes.isBlank(t[j - 1])) { j += 1 }
        } else {
            while j < end {
                let d = t[j]
                if Bytes.isBlank(d) || d == UInt8(ascii: ";") || d == UInt8(ascii: "&") || d == Bytes.quote
                    || d == Bytes.apostrophe || d == UInt8(ascii: "`") || d == Bytes.backslash { break }
                j += 1
            }
        }
        while j > i && (Bytes.isBlank(t[j - 1]) || t[j - 1] == UInt8(ascii: ",") || t[j - 1] == Bytes.backslash) { j -= 1 }
        guard j > i else { return nil }
        return (i..<j, false)
    }

    /// `--from-literal=password=…`, `Password=…;` in a connection string, `KEY=value` after
    /// other text on a shell line.
    static func midLineAssignments(_ t: [UInt8], _ start: Int, _ end: Int, into out: inout [Assignment]) {
        var p = start
        while p < end {
            defer { p += 1 }
            guard t[p] == Bytes.equals, p > start else { continue }
            if p + 1 < end && (t[p + 1] == Bytes.equals || t[p + 1] == UInt8(ascii: ">") || t[p + 1] == UInt8(ascii: "~")) {
                p += 1
                continue
            }
            var q = p
            if "!<>=".utf8.contains(t[q - 1]) { continue }
            if "?:+".utf8.contains(t[q - 1]) { q -= 1 }
            while q > start && Bytes.isBlank(t[q - 1]) { q -= 1 }
            var s = q
            while s > start && isKeyByte(t[s - 1]) && t[s - 1] != UInt8(ascii: "/") { s -= 1 }
            guard s < q else { continue }
            if s > start {
                let b = t[s - 1]
                guard Bytes.isBlank(b) || ";,({[&?'\"=:|".utf8.contains(b) else { continue }
            }
            while s < q && t[s] == Bytes.dash { s += 1 }  // `--flag=`
            guard s < q, !out.contains(where: { $0.key.lowerBound == s }) else { continue }
            guard let (v, quoted) = value(t, p + 1, end, sep: Bytes.equals) else { continue }
            out.append(Assignment(key: s..<q, value: v, quoted: quoted))
        }
    }

    /// `"key": "value"` anywhere on the line: minified JSON, JSON in an annotation.
    static func jsonPairs(_ t: [UInt8], _ start: Int, _ end: Int, into out: inout [Assignment]) {
        var p = start
        while p < end {
            guard t[p] == Bytes.quote else { p += 1; continue }
            var k = p + 1
            while k < end && t[k] != Bytes.quote && (isKeyByte(t[k]) || t[k] == Bytes.space) { k += 1 }
            guard k < end, t[k] == Bytes.quote, k > p + 1 else { p = k; continue }
            let key = (p + 1)..<k
            var j = k + 1
            while j < end && Bytes.isBlank(t[j]) { j += 1 }
            guard j < end, t[j] == Bytes.colon else { p = k; continue }
            j += 1
            while j < end && Bytes.isBlank(t[j]) { j += 1 }
            guard j < end, t[j] == Bytes.quote else { p = j; continue }
            guard let (v, _) = value(t, j, end, sep: Bytes.colon) else { p = j + 1; continue }
            if !out.contains(where: { $0.key == key }) {
                out.append(Assignment(key: key, value: v, quoted: true))
            }
            p = v.upperBound + 1
        }
    }
}
