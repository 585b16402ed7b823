/// A direct parser for the block-style YAML that Kubernetes manifests are
/// written in: block mappings and sequences, single-line plain and quoted
/// scalars, literal block scalars, empty flow collections and one-line flow
/// sequences of scalars, comments and `---` separators.
///
/// It builds the same nodes as the libyaml path (values, styles, marks) without
/// libyaml's token queue and per-event allocations. It returns nil as soon as it
/// meets anything else — a tab, a non-ASCII byte, an anchor, a tag, a multi-line
/// scalar, a folded scalar, a flow mapping, any error — and the caller parses the
/// whole text with libyaml instead, which also produces the error messages.
/// `BlockParserTests` checks both paths agree on every input the corpus holds.
struct BlockParser {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var pos = 0
    private var line = 0
    private var lineStart = 0

    private struct Unsupported: Error {}

    private init(_ buf: UnsafeBufferPointer<UInt8>) {
        p = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
        n = buf.count
    }

    /// The documents of `buf` (at most `maxDocuments`), or nil when the text
    /// needs the full parser.
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, maxDocuments: Int) -> [Node]? {
        guard isPlainText(buf) else { return nil }
        var parser = BlockParser(buf)
        return try? parser.documents(maxDocuments: maxDocuments)
    }

    /// Printable ASCII and line feeds only: no tab, carriage return, control
    /// character or multi-byte character, whose rules the fast path leaves to libyaml.
    private static func isPlainText(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var bad = false
        for c in buf { bad = bad || ((c &- 0x20) >= 0x5F && c != 0x0A) }
        return !bad
    }

    // MARK: Characters

    private static let space: UInt8 = 0x20, newline: UInt8 = 0x0A, colon: UInt8 = 0x3A, hash: UInt8 = 0x23
    private static let dash: UInt8 = 0x2D, dot: UInt8 = 0x2E, quote: UInt8 = 0x22, apostrophe: UInt8 = 0x27

    @inline(__always) private func at(_ i: Int) -> UInt8 { i < n ? p[i] : Self.newline }
    /// Space, line feed or the end of the text.
    @inline(__always) private func isBlankOrEnd(_ i: Int) -> Bool { i >= n || p[i] == Self.space || p[i] == Self.newline }
    private var column: Int { pos - lineStart }
    private func mark(_ offset: Int) -> Mark { Mark(line: line + 1, column: offset - lineStart + 1) }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    // MARK: Lines

    /// After a value: only spaces and a comment may follow on the line; moves to the next line.
    private mutating func finishLine() throws(Unsupported) {
        var i = pos
        while i < n && p[i] == Self.space { i += 1 }
        if i < n && p[i] == Self.hash {
            guard i > pos || i == lineStart else { throw Unsupported() }
            while i < n && p[i] != Self.newline { i += 1 }
        }
        guard i >= n || p[i] == Self.newline else { throw Unsupported() }
        pos = i
        if pos < n { nextLine() }
    }

    @inline(__always) private mutating func nextLine() {
        pos += 1
        line += 1
        lineStart = pos
    }

    /// From the start of a line: skips empty, blank and comment lines and stops
    /// at the first content character (or the end).
    private mutating func skipToContent() {
        while pos < n {
            while pos < n && p[pos] == Self.space { pos += 1 }
            if pos >= n { return }
            if p[pos] == Self.newline {
                nextLine()
            } else if p[pos] == Self.hash {
                while pos < n && p[pos] != Self.newline { pos += 1 }
                if pos < n { nextLine() }
            } else {
                return
            }
        }
    }

    /// `---` or `...` at the start of a line, alone or followed by a space.
    private var atDocumentMarker: Bool {
        guard column == 0, pos + 3 <= n, isBlankOrEnd(pos + 3) else { return false }
        let a = p[pos], b = p[pos + 1], c = p[pos + 2]
        return (a == Self.dash && b == Self.dash && c == Self.dash) || (a == Self.dot && b == Self.dot && c == Self.dot)
    }

    /// The column of the next content line; -1 at the end or at a document marker.
    private var contentIndent: Int { pos >= n || atDocumentMarker ? -1 : column }

    /// A block sequence entry (`-` then a space or the end of the line) at `pos`.
    private var atEntry: Bool { p[pos] == Self.dash && isBlankOrEnd(pos + 1) }

    /// Where libyaml puts the end of the stream: column 0 of the line after the last.
    private var endMark: Mark {
        var lines = 0
        for i in 0..<n where p[i] == Self.newline { lines += 1 }
        if n > 0 && p[n - 1] != Self.newline { lines += 1 }
        return Mark(line: lines + 1, column: 1)
    }

    // MARK: Documents

    private mutating func documents(maxDocuments: Int) throws(Unsupported) -> [Node] {
        var docs: [Node] = []
        skipToContent()
        var explicit = false
        while pos < n && docs.count < maxDocuments {
            if atDocumentMarker {
                guard p[pos] == Self.dash else { throw Unsupported() }  // `...`
                pos += 3
                try finishLine()
                skipToContent()
                if pos >= n || atDocumentMarker {
                    docs.append(.scalar(Scalar("", mark: pos >= n ? endMark : mark(pos))))
                    explicit = true
                    continue
                }
            } else if explicit {
                throw Unsupported()  // content after a document without `---`
            }
            docs.append(try node())
            explicit = true
            guard contentIndent == -1 else { throw Unsupported() }
        }
        return docs
    }

    /// A block collection starting at `pos`.
    private mutating func node() throws(Unsupported) -> Node {
        if atEntry { return .sequence(try sequence(indentless: false)) }
        guard let colon = try keyColon() else { throw Unsupported() }  // a scalar on its own lines
        return .mapping(try mapping(firstColon: colon))
    }

    // MARK: Collections

    /// A block mapping whose first key line is at `pos`, that key's colon at `firstColon`.
    private mutating func mapping(firstColon: Int) throws(Unsupported) -> Mapping {
        let indent = column
        let start = mark(pos)
        var entries: [Entry] = []
        var keyEnd = firstColon
        while true {
            let key = try keyScalar(end: keyEnd)
            pos = keyEnd + 1  // past the colon
            let afterColon = pos
            while pos < n && p[pos] == Self.space { pos += 1 }
            let value: Node
            if pos >= n || p[pos] == Self.newline || p[pos] == Self.hash {
                let emptyMark = mark(afterColon)
                pos = afterColon
                try finishLine()
                skipToContent()
                let next = contentIndent
                if next > indent {
                    value = try node()
                } else if next == indent && atEntry {
                    value = .sequence(try sequence(indentless: true))
                } else {
                    value = .scalar(Scalar("", mark: emptyMark))
                }
            } else {
                value = try inlineValue(parentIndent: indent)
            }
            entries.append(Entry(key: key, value: value))
            let next = contentIndent
            if next < indent { break }
            guard next == indent, !atEntry, let colon = try keyColon() else { throw Unsupported() }
            keyEnd = colon
        }
        return Mapping(entries, mark: start)
    }

    /// The items of a block sequence whose `-` is at the current column.
    private mutating func sequence(indentless: Bool) throws(Unsupported) -> [Node] {
        let indent = column
        var items: [Node] = []
        while true {
            let entryEnd = pos + 1
            pos = entryEnd
            while pos < n && p[pos] == Self.space { pos += 1 }
            if pos >= n || p[pos] == Self.newline || p[pos] == Self.hash {
                let emptyMark = mark(entryEnd)
                pos = entryEnd
                try finishLine()
                skipToContent()
                items.append(contentIndent > indent ? try node()
                                                    : .scalar(Scalar("", mark: emptyMark)))
            } else if atEntry {
                throw Unsupported()  // `- - x`
            } else if let colon = try keyColon() {
                items.append(.mapping(try mapping(firstColon: colon)))
            } else {
                items.append(try inlineValue(parentIndent: indent))
            }
            let next = contentIndent
            if next == indent && atEntry { continue }
            if next < indent || (indentless && next == indent) { break }
            throw Unsupported()
        }
        return items
    }

    /// A value that starts on the current line after a key or an entry, through the
    /// end of its line (or of its block scalar), leaving `pos` at the next content.
    private mutating func inlineValue(parentIndent: Int) throws(Unsupported) -> Node {
        let start = pos
        let c = p[pos]
        let value: Node
        switch c {
        case Self.quote, Self.apostrophe:
            let (scalar, end) = try quoted(at: pos)
            value = .scalar(scalar)
            pos = end
            try finishLine()
        case 0x7C:  // |
            value = .scalar(try literal(parentIndent: parentIndent))
        case 0x5B:  // [
            value = .sequence(try flowSequence())
            try finishLine()
        case 0x7B:  // {
            pos += 1
            while pos < n && p[pos] == Self.space { pos += 1 }
            guard at(pos) == 0x7D else { throw Unsupported() }
            pos += 1
            value = .mapping(Mapping([], mark: mark(start)))
            try finishLine()
        default:
            guard Self.startsPlain(c, next: at(pos + 1)) else { throw Unsupported() }
            var i = pos, end = pos
            while i < n {
                let b = p[i]
                if b == Self.newline { break }
                if b == Self.space {
                    if at(i + 1) == Self.hash { break }
                } else {
                    if b == Self.colon && isBlankOrEnd(i + 1) { throw Unsupported() }
                    end = i + 1
                }
                i += 1
            }
            value = .scalar(Scalar(string(pos, end), mark: mark(pos)))
            pos = end
            try finishLine()
        }
        skipToContent()
        // A deeper line would continue a plain scalar or be an error: libyaml decides.
        if contentIndent > parentIndent { throw Unsupported() }
        return value
    }

    // MARK: Scalars

    /// Whether a plain scalar may start with `c` (followed by `next`) in block context.
    @inline(__always) private static func startsPlain(_ c: UInt8, next: UInt8) -> Bool {
        switch c {
        case 0x2D:  // - followed by a non-blank
            return next != space && next != newline
        case 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60,
             space, newline:
            return false  // ? : , [ ] { } # & * ! | > ' " % @ `
        default:
            return true
        }
    }

    /// If the current line starts with a single-line key followed by `:` and a
    /// blank, the offset of that colon.
    private func keyColon() throws(Unsupported) -> Int? {
        let c = p[pos]
        if c == Self.quote || c == Self.apostrophe {
            guard let end = try? quotedEnd(at: pos), at(end) == Self.colon, isBlankOrEnd(end + 1) else { return nil }
            return end
        }
        guard Self.startsPlain(c, next: at(pos + 1)) else { return nil }
        var i = pos + 1
        while i < n {
            let b = p[i]
            if b == Self.newline { return nil }
            if b == Self.colon && isBlankOrEnd(i + 1) {
                guard i - pos < 1024 else { throw Unsupported() }
                return i
            }
            if b == Self.hash && p[i - 1] == Self.space { return nil }
            i += 1
        }
        return nil
    }

    /// The key that ends at `end` (the offset of its colon).
    private func keyScalar(end: Int) throws(Unsupported) -> Scalar {
        let c = p[pos]
        if c == Self.quote || c == Self.apostrophe { return try quoted(at: pos).0 }
        var e = end
        while e > pos && p[e - 1] == Self.space { e -= 1 }
        if e - pos == 2 && p[pos] == 0x3C && p[pos + 1] == 0x3C { throw Unsupported() }  // `<<` merge key
        return Scalar(string(pos, e), mark: mark(pos))
    }

    /// The offset just past the closing quote of the quoted scalar at `start`.
    private func quotedEnd(at start: Int) throws(Unsupported) -> Int {
        let q = p[start]
        var i = start + 1
        while i < n {
            let b = p[i]
            if b == Self.newline { throw Unsupported() }
            if q == Self.apostrophe {
                if b == q {
                    if at(i + 1) == q { i += 2; continue }
                    return i + 1
                }
            } else if b == 0x5C {  // backslash
                i += 2
                continue
            } else if b == q {
                return i + 1
            }
            i += 1
        }
        throw Unsupported()
    }

    /// The single-line quoted scalar at `start` and the offset past it.
    private func quoted(at start: Int) throws(Unsupported) -> (Scalar, Int) {
        let end = try quotedEnd(at: start)
        let single = p[start] == Self.apostrophe
        let body = UnsafeBufferPointer(start: p + start + 1, count: end - start - 2)
        let value: String
        if !body.contains(single ? Self.apostrophe : 0x5C) {
            value = string(start + 1, end - 1)
        } else if single {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(body.count)
            var i = 0
            while i < body.count {
                bytes.append(body[i])
                i += body[i] == Self.apostrophe ? 2 : 1
            }
            value = String(decoding: bytes, as: UTF8.self)
        } else {
            value = try Self.unescape(body)
        }
        return (Scalar(value, style: single ? .singleQuoted : .doubleQuoted, mark: mark(start)), end)
    }

    /// The text of a double-quoted body; escapes beyond the common ones go to libyaml.
    private static func unescape(_ body: UnsafeBufferPointer<UInt8>) throws(Unsupported) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.count)
        var i = 0
        while i < body.count {
            let b = body[i]
            guard b == 0x5C else {
                bytes.append(b)
                i += 1
                continue
            }
            guard i + 1 < body.count else { throw Unsupported() }
            let e = body[i + 1]
            i += 2
            switch e {
            case 0x5C, 0x22, 0x2F: bytes.append(e)       // \\ \" \/
            case 0x6E: bytes.append(0x0A)                 // \n
            case 0x74: bytes.append(0x09)                 // \t
            case 0x72: bytes.append(0x0D)                 // \r
            case 0x30: bytes.append(0x00)                 // \0
            case 0x20: bytes.append(0x20)                 // "\ "
            case 0x78, 0x75, 0x55:                        // \x \u \U
                let digits = e == 0x78 ? 2 : e == 0x75 ? 4 : 8
                guard i + digits <= body.count else { throw Unsupported() }
                var v: UInt32 = 0
                for k in 0..<digits {
                    let d = body[i + k]
                    let h: UInt32
                    switch d {
                    case 0x30...0x39: h = UInt32(d - 0x30)
                    case 0x41...0x46: h = UInt32(d - 0x41 + 10)
                    case 0x61...0x66: h = UInt32(d - 0x61 + 10)
                    default: throw Unsupported()
                    }
                    v = v << 4 | h
                }
                i += digits
                guard let scalar = Unicode.Scalar(v) else { throw Unsupported() }
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            default:
                throw Unsupported()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A literal block scalar (`|`, `|-`, `|+`) whose header is at `pos`.
    private mutating func literal(parentIndent: Int) throws(Unsupported) -> Scalar {
        let start = mark(pos)
        pos += 1
        var chomp: UInt8 = 0
        if pos < n && (p[pos] == Self.dash || p[pos] == 0x2B) {
            chomp = p[pos]
            pos += 1
        }
        guard isBlankOrEnd(pos) else { throw Unsupported() }  // an indentation indicator
        try finishLine()
        // Leading empty lines, then the first content line decides the indentation.
        var breaks = 0
        while pos < n && p[pos] == Self.newline {
            breaks += 1
            nextLine()
        }
        var spaces = 0
        while pos + spaces < n && p[pos + spaces] == Self.space { spaces += 1 }
        if pos + spaces < n && p[pos + spaces] == Self.newline { throw Unsupported() }  // a blank line with spaces
        let indent = max(spaces, parentIndent + 1, 1)
        var text: [UInt8] = []
        // `breaks` counts the empty lines not yet written: the leading ones, then
        // those after the last content line (kept only by `|+`).
        var hasLineBreak = false
        var first = true
        while pos < n {
            var s = 0
            while pos + s < n && p[pos + s] == Self.space && s < indent { s += 1 }
            let i = pos + s
            if i >= n { pos = i; break }
            if p[i] == Self.newline {
                // An empty line (or one with no more than the indentation's spaces).
                breaks += 1
                pos = i
                nextLine()
                continue
            }
            if s < indent { break }  // a less indented line ends the scalar, `pos` at its start
            if !first { text.append(Self.newline) }
            text.append(contentsOf: repeatElement(Self.newline, count: breaks))
            first = false
            breaks = 0
            var e = i
            while e < n && p[e] != Self.newline { e += 1 }
            text.append(contentsOf: UnsafeBufferPointer(start: p + i, count: e - i))
            pos = e
            hasLineBreak = e < n
            if e < n { nextLine() } else { break }
        }
        if chomp != Self.dash && hasLineBreak { text.append(Self.newline) }
        if chomp == 0x2B { text.append(contentsOf: repeatElement(Self.newline, count: breaks)) }
        return Scalar(String(decoding: text, as: UTF8.self), style: .literal, mark: start)
    }

    /// A flow sequence of scalars on one line, `pos` at its `[`; leaves `pos` past the `]`.
    private mutating func flowSequence() throws(Unsupported) -> [Node] {
        pos += 1
        var items: [Node] = []
        while pos < n && p[pos] == Self.space { pos += 1 }
        if at(pos) == 0x5D { pos += 1; return items }
        while true {
            let c = at(pos)
            if c == Self.quote || c == Self.apostrophe {
                let (scalar, end) = try quoted(at: pos)
                items.append(.scalar(scalar))
                pos = end
            } else {
                guard Self.startsPlain(c, next: at(pos + 1)) else { throw Unsupported() }
                var i = pos, end = pos
                loop: while i < n {
                    switch p[i] {
                    case 0x2C, 0x5D: break loop  // , ]
                    case Self.newline, Self.colon, Self.hash, 0x5B, 0x7B, 0x7D: throw Unsupported()
                    case Self.space: break
                    default: end = i + 1
                    }
                    i += 1
                }
                items.append(.scalar(Scalar(string(pos, end), mark: mark(pos))))
                pos = i
            }
            while pos < n && p[pos] == Self.space { pos += 1 }
            let sep = at(pos)
            pos += 1
            if sep == 0x5D { return items }
            guard sep == 0x2C else { throw Unsupported() }
            while pos < n && p[pos] == Self.space { pos += 1 }
            if at(pos) == 0x5D { throw Unsupported() }  // a trailing comma
        }
    }
}
