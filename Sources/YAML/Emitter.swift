/// Writes nodes in kustomize's output format: the text yaml.v2 prints after
/// kustomize re-types every value through yaml.v3 and JSON (REFERENCE.md §1).
/// Keys are sorted with `KeyOrder`, strings quoted by YAML 1.1 rules, plain and
/// quoted values folded at 80 columns, multi-line strings written as literals.
public struct Emitter: ~Copyable {
    /// The output, appended through a pointer: `[UInt8].append` checked the
    /// array's uniqueness and capacity through generic code on each of the
    /// ~150,000 small appends of a 100-service build (~20% of the emitter's time).
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Characters (not bytes) already written on the current line.
    var column = 0
    static let bestWidth = 80

    /// `isPlainString`'s answers for short texts, by a hash of their bytes (512 slots).
    private let verdicts: UnsafeMutablePointer<ShortVerdict>

    struct ShortVerdict {
        /// The text's bytes and count (`isPlainString`); an empty slot's (0, 0) is no text's.
        var words: (UInt64, UInt64)
        var plain: Bool

        static let none = ShortVerdict(words: (0, 0), plain: false)
    }

    public init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
        verdicts = .allocate(capacity: 512)
        verdicts.initialize(repeating: .none, count: 512)
    }

    deinit {
        base.deallocate()
        verdicts.deallocate()
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// One document in kustomize's format, ending with a newline.
    public static func emit(_ node: Node) throws(YAMLError) -> String {
        var e = Emitter()
        try e.document(node)
        return String(decoding: UnsafeBufferPointer(start: e.base, count: e.count), as: UTF8.self)
    }

    /// Room for `n` more bytes.
    @inline(__always) private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        new.moveInitialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = larger
    }

    /// Appends bytes (no column bookkeeping).
    @inline(__always) private mutating func append(_ u: UnsafeBufferPointer<UInt8>) {
        reserve(u.count)
        if let from = u.baseAddress { (base + count).initialize(from: from, count: u.count) }
        count += u.count
    }

    @inline(__always) private mutating func append(_ c: UInt8) {
        reserve(1)
        base[count] = c
        count += 1
    }

    private var last: UInt8? { count == 0 ? nil : base[count - 1] }

    /// Appends one document.
    public mutating func document(_ node: Node) throws(YAMLError) {
        switch node {
        case .mapping(let m) where !m.isEmpty:
            try mapping(m, indent: 0, inline: false)
        case .sequence(let s) where !s.isEmpty:
            try sequence(s, indent: 0, inline: false)
        case .mapping:
            raw("{}")
        case .sequence:
            raw("[]")
        case .scalar(let s):
            try scalarValue(s, indent: 0, leadingSpace: false)
        }
        newlineIfNeeded()
    }

    /// Appends raw text (for `---` separators).
    public mutating func raw(_ s: String) {
        // Text without line breaks or non-ASCII (numbers, `null`, `---` lines but
        // their break) is appended at once.
        let done = s.withBytes { u -> Bool in
            guard !u.contains(where: { $0 == 10 || $0 >= 0x80 }) else { return false }
            append(u)
            column += u.count
            return true
        }
        if done { return }
        for c in s.utf8 {
            append(c)
            if c == 10 { column = 0 } else if c & 0xC0 != 0x80 { column += 1 }
        }
    }

    mutating func newlineIfNeeded() {
        if column != 0 || last != 10 {
            if count != 0 && last != 10 { put(10) }
        }
        column = 0
    }

    @inline(__always) mutating func put(_ c: UInt8) {
        append(c)
        if c == 10 { column = 0 } else { column += 1 }
    }

    mutating func spaces(_ n: Int) {
        if n <= 0 { return }
        reserve(n)
        (base + count).initialize(repeating: 32, count: n)
        count += n
        column += n
    }

    mutating func writeIndent(_ indent: Int) {
        if column != 0 { put(10) }
        spaces(indent)
    }

    // MARK: collections

    mutating func mapping(_ m: borrowing Mapping, indent: Int, inline: Bool) throws(YAMLError) {
        // Entries are read in place (no copy of a key or value per entry).
        try m.entries.withUnsafeBufferPointer { (entries) throws(YAMLError) in
            if Self.inKeyOrder(entries) {
                for i in entries.indices { try entry(entries, i, first: i == 0, indent: indent, inline: inline) }
                return
            }
            try withUnsafeTemporaryAllocation(of: Int.self, capacity: entries.count) { (order) throws(YAMLError) in
                try Self.sortKeys(entries, into: order)
                for k in order.indices { try entry(entries, order[k], first: k == 0, indent: indent, inline: inline) }
            }
        }
    }

    /// Writes entry `i`, read in place.
    mutating func entry(_ entries: UnsafeBufferPointer<Entry>, _ i: Int, first: Bool, indent: Int,
                        inline: Bool) throws(YAMLError) {
        if !(first && inline) { writeIndent(indent) }
        if entries[i].key.tagNumber == 0, writeIfPlain(entries[i].key.value, indent: indent + 2, isKey: true, leadingSpace: false) {
            put(UInt8(ascii: ":"))
        } else {
            let keyText = try keyString(entries[i].key)
            if keyText.utf8.count <= 128 && !keyText.containsLineBreak {
                try string(keyText, indent: indent + 2, isKey: true, leadingSpace: false)
                put(UInt8(ascii: ":"))
            } else {
                put(UInt8(ascii: "?"))
                try string(keyText, indent: indent + 2, isKey: false, leadingSpace: true)
                writeIndent(indent)
                put(UInt8(ascii: ":"))
            }
        }
        try value(entries[i].value, indent: indent, inSequence: false)
    }

    mutating func sequence(_ s: borrowing [Node], indent: Int, inline: Bool) throws(YAMLError) {
        try s.withUnsafeBufferPointer { (items) throws(YAMLError) in
            for i in items.indices {
                if !(i == 0 && inline) { writeIndent(indent) }
                put(UInt8(ascii: "-"))
                try value(items[i], indent: indent, inSequence: true)
            }
        }
    }

    /// Writes a value after `key:` or `-`; `indent` is the enclosing collection's.
    mutating func value(_ node: borrowing Node, indent: Int, inSequence: Bool) throws(YAMLError) {
        switch node {
        case .scalar(let s):
            try scalarValue(s, indent: indent + 2, leadingSpace: true)
            newlineIfNeeded()
        case .mapping(let m):
            if m.isEmpty {
                raw(" {}")
                put(10)
            } else if inSequence {
                put(32)
                try mapping(m, indent: indent + 2, inline: true)
            } else {
                put(10)
                try mapping(m, indent: indent + 2, inline: false)
            }
        case .sequence(let items):
            if items.isEmpty {
                raw(" []")
                put(10)
            } else if inSequence {
                put(32)
                try sequence(items, indent: indent + 2, inline: true)
            } else {
                put(10)
                try sequence(items, indent: indent, inline: false)
            }
        }
    }

    /// True when the keys are strictly in order (so without repeats): common, and
    /// one comparison per entry.
    static func inKeyOrder(_ entries: UnsafeBufferPointer<Entry>) -> Bool {
        var i = 1
        while i < entries.count {
            if !KeyOrder.less(entries[i - 1].key.value, entries[i].key.value) { return false }
            i += 1
        }
        return true
    }

    /// Fills `order` with the entry indexes in key order (a stable insertion sort:
    /// mappings are small); a repeated key is an error.
    static func sortKeys(_ entries: UnsafeBufferPointer<Entry>,
                         into order: UnsafeMutableBufferPointer<Int>) throws(YAMLError) {
        for i in entries.indices {
            var j = i
            while j > 0 && KeyOrder.less(entries[i].key.value, entries[order[j - 1]].key.value) {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
        }
        var k = 1
        while k < order.count {
            if entries[order[k]].key.value.bytesEqual(entries[order[k - 1]].key.value) {
                throw YAMLError("mapping key \"\(entries[order[k]].key.value)\" already defined")
            }
            k += 1
        }
    }

    /// Mapping keys must be strings after yaml.v3 typing; Go's JSON encoder refuses others.
    func keyString(_ k: Scalar) throws(YAMLError) -> String {
        switch k.resolved {
        case .string(let s): return s
        default:
            // yaml.v3 keeps timestamp-looking keys as strings in string maps.
            if k.tag == nil, !k.style.isQuoted, Timestamp.parse(k.value) != nil { return k.value }
            throw YAMLError("json: unsupported type: map[interface {}]interface {}")
        }
    }

    // MARK: scalars

    mutating func scalarValue(_ s: borrowing Scalar, indent: Int, leadingSpace: Bool) throws(YAMLError) {
        // Most values: untagged printable ASCII that stays a string in YAML 1.1
        // (so also in yaml.v3's typing, whatever its style), written as is.
        if s.tagNumber == 0, writeIfPlain(s.value, indent: indent, isKey: false, leadingSpace: leadingSpace) { return }
        // Plain decimal integers (ports, replicas) print as written: no typing needed.
        if s.tagNumber == 0, s.style == .plain, Self.isCanonicalDecimal(s.value) {
            if leadingSpace { put(32) }
            raw(s.value)
            return
        }
        switch s.resolved {
        case .null:
            if leadingSpace { put(32) }
            raw("null")
        case .bool(let b):
            if leadingSpace { put(32) }
            raw(b ? "true" : "false")
        case .int(let text):
            if leadingSpace { put(32) }
            raw(text)
        case .float(let d):
            guard d.isFinite else {
                throw YAMLError("json: unsupported value: \(d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf"))")
            }
            if leadingSpace { put(32) }
            raw(GoNumber.kustomizeFloatText(d))
        case .string(let text):
            try string(text, indent: indent, isKey: false, leadingSpace: leadingSpace)
        }
    }

    /// `0` or an optional `-` and up to 18 digits without a leading zero: a YAML
    /// 1.1 int that Go's encoder prints back as the same text.
    static func isCanonicalDecimal(_ text: String) -> Bool {
        text.withBytes { u in
            var digits = u[...]
            if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
            guard let first = digits.first, digits.count <= 18,
                  digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
            return first != UInt8(ascii: "0") || (digits.count == 1 && u.count == 1)
        }
    }

    enum Style { case plain, single, double, literal }

    struct Analysis {
        var plainAllowed = true
        var singleAllowed = true
        var blockAllowed = true
        var multiline = false
    }

    static func isPrintable(_ v: UInt32) -> Bool {
        v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
    }

    @inline(__always) static func isBreak(_ v: UInt32) -> Bool {
        v == 0x0A || v == 0x0D || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// yaml.v2 `yaml_emitter_analyze_scalar` for block context.
    static func analyze(_ scalars: [Unicode.Scalar]) -> Analysis {
        var a = Analysis()
        if scalars.isEmpty {
            a.blockAllowed = false
            return a
        }
        var blockIndicators = false
        var lineBreaks = false, special = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        var precededByWhitespace = true
        let n = scalars.count
        if n >= 3 {
            let a0 = scalars[0], a1 = scalars[1], a2 = scalars[2]
            if (a0 == "-" && a1 == "-" && a2 == "-") || (a0 == "." && a1 == "." && a2 == ".") {
                blockIndicators = true
            }
        }
        for i in 0..<n {
            let c = scalars[i]
            let v = c.value
            let followedByWhitespace: Bool
            if i + 1 >= n {
                followedByWhitespace = true
            } else {
                let nx = scalars[i + 1].value
                followedByWhitespace = nx == 0x20 || nx == 0x09 || isBreak(nx)
            }
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    blockIndicators = true
                case "?", ":":
                    if followedByWhitespace { blockIndicators = true }
                case "-":
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                switch c {
                case ":":
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace { blockIndicators = true }
                default: break
                }
            }
            if !isPrintable(v) { special = true }
            if v == 0x20 {
                if i == 0 { leadingSpace = true }
                if i == n - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak(v) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i == n - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = v == 0x20 || v == 0x09 || isBreak(v) || v == 0
        }
        a.multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { a.plainAllowed = false }
        if trailingSpace { a.blockAllowed = false }
        if breakSpace {
            a.plainAllowed = false
            a.singleAllowed = false
        }
        if spaceBreak || special {
            a.plainAllowed = false
            a.singleAllowed = false
            a.blockAllowed = false
        }
        if lineBreaks { a.plainAllowed = false }
        if blockIndicators { a.plainAllowed = false }
        return a
    }

    /// Writes a string value or key with the style yaml.v2 picks for it.
    mutating func string(_ text: String, indent: Int, isKey: Bool, leadingSpace: Bool) throws(YAMLError) {
        // Fast path: printable ASCII that is plain-safe (so no control character,
        // no line break) needs no analysis array.
        if Self.fastPlain(text) {
            if leadingSpace { put(32) }
            if Resolver.isNonString11(text) {
                writeDouble(Array(text.unicodeScalars), indent: indent, allowBreaks: !isKey)
            } else {
                writePlainASCII(text, indent: indent, allowBreaks: !isKey)
            }
            return
        }
        var text = text
        if Self.mayHaveControls(text), text.unicodeScalars.contains(where: { v in
            let x = v.value
            return x == 0x7F || (x >= 0x80 && x <= 0x9F) || x == 0xFFFE || x == 0xFFFF
        }) {
            if text.unicodeScalars.contains(where: { v in
                let x = v.value
                return x == 0x7F || (x >= 0x80 && x <= 0x9F && x != 0x85) || x == 0xFFFE || x == 0xFFFF
            }) {
                throw YAMLError("control characters are not allowed")
            }
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value == 0x85 ? " " : $0 }))
        }
        // ASCII text (most): its scalars are its bytes, found in one pass.
        let (scalars, hasNewline) = text.withBytes { u -> ([Unicode.Scalar], Bool) in
            var high: UInt8 = 0
            var newline = false
            for c in u {
                high |= c
                newline = newline || c == 10
            }
            if high < 0x80 { return (u.map { Unicode.Scalar($0) }, newline) }
            return (Array(text.unicodeScalars), newline)
        }
        var style: Style
        if hasNewline {
            style = .literal
        } else if Resolver.isNonString11(text) {
            style = .double
        } else {
            style = .plain
        }
        let a = Self.analyze(scalars)
        if isKey && a.multiline { style = .double }
        if style == .plain {
            if !a.plainAllowed { style = .single }
            if scalars.isEmpty && isKey { style = .single }
        }
        if style == .single && !a.singleAllowed { style = .double }
        if style == .literal && (!a.blockAllowed || isKey) { style = .double }
        if leadingSpace { put(32) }
        switch style {
        case .plain: writePlain(scalars, indent: indent, allowBreaks: !isKey)
        case .single: writeSingle(scalars, indent: indent, allowBreaks: !isKey)
        case .double: writeDouble(scalars, indent: indent, allowBreaks: !isKey)
        case .literal: writeLiteral(scalars, indent: indent)
        }
    }

    /// Writes the text of an untagged key or value as is when it is printable
    /// ASCII, plain-safe and a string in YAML 1.1 (so also in yaml.v3's typing,
    /// whatever its style), and a key is short; false, writing nothing, otherwise.
    mutating func writeIfPlain(_ text: String, indent: Int, isKey: Bool, leadingSpace: Bool) -> Bool {
        text.withBytes { u -> Bool in
            guard !isKey || u.count <= 128, isPlainString(u, text) else { return false }
            if leadingSpace { put(32) }
            writePlainASCII(u, indent: indent, allowBreaks: !isKey)
            return true
        }
    }

    /// `fastPlain(u) && !Resolver.isNonString11(text)` (`u` being `text`'s bytes),
    /// remembered for short texts: keys and values repeat (`name`, `image`,
    /// `protocol`, `TCP`...), and the answer depends on the bytes alone.
    mutating func isPlainString(_ u: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard u.count <= 15 else { return Self.fastPlain(u) && !Resolver.isNonString11(text) }
        let words = PackedText.words(u)  // never an empty slot's (0, 0)
        let slot = Self.slot(words)
        let known = verdicts[slot]
        if known.words == words { return known.plain }
        let plain = Self.fastPlain(u) && !Resolver.isNonString11(text)
        verdicts[slot] = ShortVerdict(words: words, plain: plain)
        return plain
    }

    static func slot(_ words: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: (words.0 &* 0x9E37_79B9_7F4A_7C15 ^ words.1 &* 0xC2B2_AE3D_27D4_EB4F) >> 55)
    }

    /// False when no byte of `text` can start U+007F, U+0080–U+009F, U+FFFE or U+FFFF.
    static func mayHaveControls(_ text: String) -> Bool {
        text.withBytes { buf in
            for c in buf where c == 0x7F || c == 0xC2 || c == 0xEF { return true }
            return false
        }
    }

    /// True when `text` is printable ASCII with nothing that keeps it from plain style.
    static func fastPlain(_ text: String) -> Bool {
        text.withBytes { u in fastPlain(u) }
    }

    static func fastPlain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = u.first, let last = u.last else { return false }
        if first == 32 || last == 32 { return false }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return false
        default: break
        }
        // Eight bytes at a time: a word of printable ASCII without space or `#`
        // needs no look at its bytes (most words of names, labels, images).
        let n = u.count
        let base = UnsafeRawPointer(u.baseAddress!)
        var prev: UInt8 = 0
        var i = 0
        while i + 8 <= n {
            if Self.mayNeedLook(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                for j in i..<(i + 8) {
                    if !Self.plainByteAllowed(u[j], after: prev) { return false }
                    prev = u[j]
                }
            } else {
                prev = u[i + 7]
            }
            i += 8
        }
        // The last bytes: a loop of their own (folding them into the word loop, with
        // a bound test per word, measured 5.8M -> 7.1M instructions in this check).
        while i < n {
            if !Self.plainByteAllowed(u[i], after: prev) { return false }
            prev = u[i]
            i += 1
        }
        return last != UInt8(ascii: ":")
    }

    /// Whether a byte of a plain scalar may follow `prev`: printable ASCII, no
    /// `: ` and no ` #`.
    @inline(__always)
    static func plainByteAllowed(_ c: UInt8, after prev: UInt8) -> Bool {
        if c <= 32 { return c == 32 && prev != UInt8(ascii: ":") }
        if c > 0x7E { return false }
        return c != UInt8(ascii: "#") || prev != 32
    }

    /// False only when no byte of the word is below 0x21, above 0x7E or `#` (it
    /// may be true for a word without such a byte). A `:` needs no look: only a
    /// space after it matters, and the space is looked at (with the `:` before it
    /// as `prev`, even across words).
    @inline(__always)
    static func mayNeedLook(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
        let below = (x &- ones &* 0x21) & ~x & high
        let flagged = below | (x & high) | hasZeroByte(x ^ (ones &* 0x7F))
            | hasZeroByte(x ^ (ones &* 0x23))
        return flagged != 0
    }

    mutating func foldBreak(_ indent: Int) {
        put(10)
        spaces(indent)
    }

    mutating func writePlainASCII(_ text: String, indent: Int, allowBreaks: Bool) {
        text.withBytes { writePlainASCII($0, indent: indent, allowBreaks: allowBreaks) }
    }

    mutating func writePlainASCII(_ u: UnsafeBufferPointer<UInt8>, indent: Int, allowBreaks: Bool) {
        if !allowBreaks || column + u.count <= Self.bestWidth {
            append(u)
            column += u.count
            return
        }
        var spacesRun = false
        for i in u.indices {
            let c = u[i]
            if c == 32 {
                if !spacesRun && column > Self.bestWidth && (i + 1 == u.count || u[i + 1] != 32) {
                    foldBreak(indent)
                } else {
                    put(c)
                }
                spacesRun = true
            } else {
                put(c)
                spacesRun = false
            }
        }
    }

    mutating func writeScalarChar(_ c: Unicode.Scalar) {
        let v = c.value
        if v < 0x80 {
            append(UInt8(v))
        } else {
            for b in UTF8.encode(c)! { append(b) }
        }
        column += 1
    }

    mutating func writePlain(_ s: [Unicode.Scalar], indent: Int, allowBreaks: Bool) {
        var spacesRun = false
        for i in 0..<s.count {
            let c = s[i]
            if c == " " {
                let nextIsSpace = i + 1 < s.count && s[i + 1] == " "
                if allowBreaks && !spacesRun && column > Self.bestWidth && !nextIsSpace {
                    foldBreak(indent)
                } else {
                    put(32)
                }
                spacesRun = true
            } else {
                writeScalarChar(c)
                spacesRun = false
            }
        }
    }

    mutating func writeSingle(_ s: [Unicode.Scalar], indent: Int, allowBreaks: Bool) {
        put(UInt8(ascii: "'"))
        var spacesRun = false
        var breaks = false
        for i in 0..<s.count {
            let c = s[i]
            if c == " " {
                let nextIsSpace = i + 1 < s.count && s[i + 1] == " "
                if allowBreaks && !spacesRun && column > Self.bestWidth && i > 0 && i < s.count - 1 && !nextIsSpace {
                    foldBreak(indent)
                } else {
                    put(32)
                }
                spacesRun = true
            } else if Self.isBreak(c.value) {
                if !breaks && c == "\n" { put(10) }
                if c == "\n" { put(10) } else { writeScalarChar(c); column = 0 }
                breaks = true
            } else {
                if breaks { writeIndent(indent) }
                if c == "'" { put(UInt8(ascii: "'")) }
                writeScalarChar(c)
                spacesRun = false
                breaks = false
            }
        }
        put(UInt8(ascii: "'"))
    }

    static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    mutating func writeDouble(_ s: [Unicode.Scalar], indent: Int, allowBreaks: Bool) {
        put(UInt8(ascii: "\""))
        let bom = s.first == "\u{FEFF}"
        var spacesRun = false
        for i in 0..<s.count {
            let c = s[i]
            let v = c.value
            if bom || !Self.isPrintable(v) || Self.isBreak(v) || c == "\"" || c == "\\" {
                put(UInt8(ascii: "\\"))
                switch v {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let width: Int
                    if v <= 0xFF {
                        put(UInt8(ascii: "x")); width = 2
                    } else if v <= 0xFFFF {
                        put(UInt8(ascii: "u")); width = 4
                    } else {
                        put(UInt8(ascii: "U")); width = 8
                    }
                    var k = width - 1
                    while k >= 0 {
                        put(Self.hex[Int((v >> (UInt32(k) * 4)) & 0xF)])
                        k -= 1
                    }
                }
                spacesRun = false
            } else if c == " " {
                if allowBreaks && !spacesRun && column > Self.bestWidth && i > 0 && i < s.count - 1 {
                    foldBreak(indent)
                    if s[i + 1] == " " { put(UInt8(ascii: "\\")) }
                } else {
                    put(32)
                }
                spacesRun = true
            } else {
                writeScalarChar(c)
                spacesRun = false
            }
        }
        put(UInt8(ascii: "\""))
    }

    mutating func writeLiteral(_ s: [Unicode.Scalar], indent: Int) {
        put(UInt8(ascii: "|"))
        if let f = s.first, f == " " || Self.isBreak(f.value) { put(UInt8(ascii: "2")) }
        if let l = s.last {
            if !Self.isBreak(l.value) {
                put(UInt8(ascii: "-"))
            } else if s.count == 1 || Self.isBreak(s[s.count - 2].value) {
                put(UInt8(ascii: "+"))
            }
        } else {
            put(UInt8(ascii: "-"))
        }
        put(10)
        var breaks = true
        for c in s {
            if Self.isBreak(c.value) {
                if c == "\n" || c == "\r" {
                    put(10)
                } else {
                    writeScalarChar(c)
                    column = 0
                }
                breaks = true
            } else {
                if breaks { spaces(indent - column) }
                writeScalarChar(c)
                breaks = false
            }
        }
    }
}
