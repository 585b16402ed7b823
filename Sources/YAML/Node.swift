import Synchronization

/// A position in a YAML source, 1-based line and column.
public struct Mark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int32
    public var column: Int32

    public init(line: Int, column: Int) {
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }

    public static let none = Mark(line: 0, column: 0)

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written in the source. It decides how a plain scalar is typed
/// (only plain scalars resolve to numbers, booleans, null and timestamps).
public enum ScalarStyle: UInt8, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// True for every style that makes the scalar a string regardless of its text.
    public var isQuoted: Bool { self != .plain }
}

/// A YAML scalar: its text, the style it was written in and its tag (`!!str`,
/// `!!int`, a custom tag, or nil when untagged).
///
/// 24 bytes: the text, then line, column and tag number packed into seven bytes,
/// then the style, whose unused bits let `Node` tell its cases apart without a
/// byte of its own (a `Node` is 24 bytes too, an `Entry` 48).
public struct Scalar: Sendable, Hashable {
    public var value: String
    /// Bits 0-23 the line, 24-43 the column, 44-55 the tag number (see `packed`).
    private var low: UInt32
    private var middle: UInt16
    private var high: UInt8
    public var style: ScalarStyle

    /// Largest line and column kept: a position past them reads as the largest.
    public static let maxLine = 1 << 24 - 1
    public static let maxColumn = 1 << 20 - 1

    public init(_ value: String, style: ScalarStyle = .plain, tag: String? = nil, mark: Mark = .none) {
        self.init(value, style: style, tagNumber: tag.map(Tags.number) ?? 0, mark: mark)
    }

    /// A scalar with a tag already numbered (0: untagged).
    init(_ value: String, style: ScalarStyle, tagNumber: UInt32, mark: Mark) {
        self.value = value
        self.style = style
        low = 0
        middle = 0
        high = 0
        packed = Self.pack(mark) | UInt64(tagNumber) << 44
    }

    /// The seven bytes of position and tag as one number.
    private var packed: UInt64 {
        get { UInt64(low) | UInt64(middle) << 32 | UInt64(high) << 48 }
        set {
            low = UInt32(truncatingIfNeeded: newValue)
            middle = UInt16(truncatingIfNeeded: newValue >> 32)
            high = UInt8(truncatingIfNeeded: newValue >> 48)
        }
    }

    private static func pack(_ mark: Mark) -> UInt64 {
        let line = UInt64(min(max(Int(mark.line), 0), maxLine))
        let column = UInt64(min(max(Int(mark.column), 0), maxColumn))
        return line | column << 24
    }

    /// Where the scalar starts in its source (lines and columns past
    /// `maxLine`/`maxColumn` read as those).
    public var mark: Mark {
        get {
            let p = packed
            return Mark(line: Int(p & 0xFF_FFFF), column: Int(p >> 24 & 0xF_FFFF))
        }
        set { packed = packed & ~0xFFF_FFFF_FFFF | Self.pack(newValue) }
    }

    /// The tag's number in `Tags` (0: untagged): copying a scalar copies no tag text.
    var tagNumber: UInt32 {
        get { UInt32(high) << 4 | UInt32(middle >> 12) }
        set { packed = packed & 0xFFF_FFFF_FFFF | UInt64(newValue) << 44 }
    }

    public var tag: String? {
        get { tagNumber == 0 ? nil : Tags.text(tagNumber) }
        set { tagNumber = newValue.map(Tags.number) ?? 0 }
    }

    public var isTagged: Bool { tagNumber != 0 }

    /// A scalar that is a string whatever its text looks like.
    public static func string(_ value: String) -> Scalar {
        Scalar(value, style: .doubleQuoted)
    }

    public static func == (a: Scalar, b: Scalar) -> Bool {
        a.value == b.value && a.style == b.style && a.tagNumber == b.tagNumber
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

/// One key/value pair of a mapping. Keys are scalars: kustomize cannot print
/// anything else.
public struct Entry: Sendable, Hashable {
    public var key: Scalar
    public var value: Node

    public init(key: Scalar, value: Node) {
        self.key = key
        self.value = value
    }

    public init(_ key: String, _ value: Node) {
        self.key = Scalar(key)
        self.value = value
    }
}

/// A mapping that keeps its entries in source order.
public struct Mapping: Sendable, Hashable {
    public var entries: [Entry]
    public var mark: Mark

    public init(_ entries: [Entry] = [], mark: Mark = .none) {
        self.entries = entries
        self.mark = mark
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var keys: [String] { entries.map { $0.key.value } }

    /// The index of the last entry with this key (YAML duplicate keys: last wins).
    @inlinable
    public func index(of key: String) -> Int? {
        // The key's bytes are fetched once, not once per entry compared.
        key.withBytes { k in
            var i = entries.count - 1
            while i >= 0 {
                if entries[i].key.value.bytesEqual(k) { return i }
                i -= 1
            }
            return nil
        }
    }

    public subscript(key: String) -> Node? {
        get {
            guard let i = index(of: key) else { return nil }
            return entries[i].value
        }
        set {
            if let i = index(of: key) {
                if let newValue {
                    entries[i].value = newValue
                } else {
                    entries.remove(at: i)
                }
            } else if let newValue {
                entries.append(Entry(key: Scalar(key), value: newValue))
            }
        }
    }

    public static func == (a: Mapping, b: Mapping) -> Bool { a.entries == b.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries.count) }
}

/// A YAML document node: a value that keeps mapping order, scalar style, tag
/// and source position.
public enum Node: Sendable, Hashable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence([Node])

    public static let null = Node.scalar(Scalar("null"))

    /// A node that is the string `s`, never re-typed as a number or boolean.
    public static func string(_ s: String) -> Node { .scalar(.string(s)) }
    public static func int(_ i: Int) -> Node { .scalar(Scalar(String(i))) }
    public static func bool(_ b: Bool) -> Node { .scalar(Scalar(b ? "true" : "false")) }
    public static func map(_ entries: [(String, Node)]) -> Node {
        .mapping(Mapping(entries.map { Entry($0.0, $0.1) }))
    }

    public var mapping: Mapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let s) = self { return s }
        return nil
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The text of a scalar that is not null; nil for collections and null.
    public var string: String? {
        guard case .scalar(let s) = self else { return nil }
        if s.isNull { return nil }
        return s.value
    }

    public var isNull: Bool {
        if case .scalar(let s) = self { return s.isNull }
        return false
    }

    public var mark: Mark {
        switch self {
        case .scalar(let s): return s.mark
        case .mapping(let m): return m.mark
        case .sequence: return .none
        }
    }

    public subscript(key: String) -> Node? {
        get { mapping?[key] }
        set {
            guard case .mapping(var m) = self else { return }
            self = .null  // release the payload so `m` is uniquely referenced
            m[key] = newValue
            self = .mapping(m)
        }
    }

    /// The node at a path of mapping keys.
    public subscript(path: [String]) -> Node? {
        var node: Node? = self
        for key in path {
            node = node?[key]
            if node == nil { return nil }
        }
        return node
    }

    /// Sets the node at a path of mapping keys, creating intermediate mappings.
    public mutating func set(_ path: ArraySlice<String>, _ value: Node) {
        guard let first = path.first else {
            self = value
            return
        }
        guard case .mapping(var m) = self else { return }
        self = .null
        var child = m[first] ?? .mapping(Mapping())
        if child.isNull { child = .mapping(Mapping()) }
        child.set(path.dropFirst(), value)
        m[first] = child
        self = .mapping(m)
    }

    public mutating func set(_ path: [String], _ value: Node) {
        set(path[...], value)
    }

    /// Removes the node at a path of mapping keys.
    public mutating func remove(_ path: ArraySlice<String>) {
        guard let first = path.first, case .mapping(var m) = self else { return }
        self = .null
        if path.count == 1 {
            m[first] = nil
        } else if var child = m[first] {
            child.remove(path.dropFirst())
            m[first] = child
        }
        self = .mapping(m)
    }
}

/// The tags of every scalar read or made, numbered from 1 in order of first use
/// (the standard ones first). Few documents have tags, and they are few and
/// short: the table stays small. A scalar has room for `limit` numbers; the
/// parser refuses input with more distinct tags (`numberIfRoom`).
enum Tags {
    /// Tag numbers a scalar can hold: 1 ... 4095.
    static let limit = 4095

    /// The numbers of the standard tags asked for most (numbered first, in this order).
    static let str: UInt32 = 1
    static let null: UInt32 = 5

    private static let table = Mutex(Table(limit: limit))

    struct Table {
        let limit: Int
        private var numbers: [String: UInt32] = [:]
        private(set) var texts: [String] = []

        init(limit: Int) {
            self.limit = limit
            for text in ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq",
                         "!!merge", "!!binary", "!!timestamp"] {
                _ = number(text)
            }
            assert(numbers["!!str"] == Tags.str && numbers["!!null"] == Tags.null)
        }

        /// The number of `text`, numbering it if new; nil when the table is full.
        mutating func number(_ text: String) -> UInt32? {
            if let n = numbers[text] { return n }
            guard texts.count < limit else { return nil }
            texts.append(text)
            numbers[text] = UInt32(texts.count)
            return UInt32(texts.count)
        }
    }

    /// The number of `text`, numbering it if new; nil when the table is full
    /// (checked and numbered under one lock: files are parsed on several threads).
    static func numberIfRoom(_ text: String) -> UInt32? {
        table.withLock { $0.number(text) }
    }

    /// `numberIfRoom` for the tags a program sets (the standard ones are always numbered).
    static func number(_ text: String) -> UInt32 {
        guard let n = numberIfRoom(text) else { preconditionFailure("more than \(limit) distinct YAML tags") }
        return n
    }

    static func text(_ number: UInt32) -> String {
        table.withLock { $0.texts[Int(number) - 1] }
    }
}

extension Scalar {
    /// True when this scalar resolves to null (YAML 1.2 core rules, as yaml.v3).
    public var isNull: Bool {
        if isTagged { return tagNumber == Tags.null }
        guard style == .plain else { return false }
        switch value.utf8.count {
        case 0: return true
        case 1: return value.bytesEqual("~")
        case 4: return value.bytesEqual("null") || value.bytesEqual("Null") || value.bytesEqual("NULL")
        default: return false
        }
    }
}

extension Node {
    /// True when both are non-empty collections holding the very same storage:
    /// one is an unchanged copy of the other. (A collection changed while both
    /// were alive got storage of its own: copy on write.)
    public func sharesStorage(with other: Node) -> Bool {
        switch (self, other) {
        case (.mapping(let a), .mapping(let b)):
            return !a.entries.isEmpty && a.entries.sharesStorage(with: b.entries)
        case (.sequence(let a), .sequence(let b)):
            return !a.isEmpty && a.sharesStorage(with: b)
        default:
            return false
        }
    }
}

extension Array {
    /// True when both arrays use the same buffer (one is an unchanged copy of the
    /// other; all empty arrays share one).
    public func sharesStorage(with other: [Element]) -> Bool {
        count == other.count
            && withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }
}
