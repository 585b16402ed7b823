import YAML

/// Dot-separated field paths of `replacements` and `vars` (`spec.containers.[name=app].image`):
/// kyaml's `SmarterPathSplitter`, `PathGetter` (lookup) and `PathMatcher` (match, create).
enum FieldPath {
    /// Splits at `delimiter`; `\.` escapes a delimiter, a leading delimiter is ignored,
    /// `[a.b]` is one key `a.b` and `[name=a.b]` one list selector.
    static func split(_ path: String, delimiter: Character = ".") -> [String] {
        var raw = path.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
        if raw.count > 1 && raw[0].isEmpty { raw.removeFirst() }
        var parts: [String] = []
        for p in raw {
            if let last = parts.last, last.hasSuffix("\\") {
                parts[parts.count - 1] = String(last.dropLast()) + String(delimiter) + p
            } else {
                parts.append(p)
            }
        }
        var out: [String] = []
        var i = 0
        while i < parts.count {
            let elem = parts[i]
            if elem.hasPrefix("[") && !elem.hasSuffix("]") {
                var bracketed = [elem]
                while i < parts.count - 1 {
                    i += 1
                    bracketed.append(parts[i])
                    if parts[i].hasSuffix("]") { break }
                }
                let joined = bracketed.joined(separator: String(delimiter))
                out.append(joined.contains("=") ? joined : trimBrackets(joined))
            } else {
                out.append(elem)
            }
            i += 1
        }
        return out
    }

    static func trimBrackets(_ s: String) -> String {
        var sub = s[...]
        while sub.first == "[" || sub.first == "]" { sub = sub.dropFirst() }
        while sub.last == "[" || sub.last == "]" { sub = sub.dropLast() }
        return String(sub)
    }

    /// `[name=value]` (or `[=value]` for scalars).
    static func isListSelector(_ part: String) -> Bool { part.hasPrefix("[") && part.hasSuffix("]") }

    /// A non-negative list index, as Go's `strconv.Atoi` reads it.
    static func index(_ part: String) -> Int? {
        guard let i = goAtoi(part), i >= 0 else { return nil }
        return i
    }

    static func goAtoi(_ s: String) -> Int? {
        var digits = Substring(s)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    /// The field name and value of a `[name=value]` selector.
    static func selector(_ part: String) throws(KustomizeError) -> (field: String, value: String) {
        let inner = part.dropFirst().dropLast()
        guard let eq = inner.firstIndex(of: "=") else {
            throw .message("\(part) is not a valid list selector: expected [fieldName=fieldValue]")
        }
        return (String(inner[..<eq]), String(inner[inner.index(after: eq)...]))
    }

    /// The text kyaml compares a list element's field with (its YAML, trimmed).
    static func matchText(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.value
        default: return trim((try? Emitter.emit(node)) ?? "")
        }
    }

    // MARK: lookup

    /// One resolved step of a lookup: a map key or a list position.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// kyaml's `Lookup` (PathGetter without create): nil when a part is missing.
    /// List selectors match exactly; `-` is the last element.
    static func lookup(_ node: Node, _ path: [String]) throws(KustomizeError) -> Node? {
        guard let steps = try resolve(node, path) else { return nil }
        return get(node, steps)
    }

    /// The steps that lead to the node at `path`, or nil when a part is missing.
    static func resolve(_ node: Node, _ path: [String]) throws(KustomizeError) -> [Step]? {
        var current = node
        var steps: [Step] = []
        for rawPart in path {
            let part = trim(rawPart)
            if part.isEmpty { continue }
            if current.isNull { return nil }
            if let i = goAtoi(part) {
                if i < 0 { throw .message("array index \(i) cannot be negative") }
                guard let items = current.sequence else { throw wrongKind("SequenceNode", current) }
                guard i < items.count else { return nil }
                current = items[i]
                steps.append(.index(i))
            } else if part == "-" {
                guard let items = current.sequence else { throw wrongKind("SequenceNode", current) }
                guard let last = items.last else { return nil }
                current = last
                steps.append(.index(items.count - 1))
            } else if part == "*" {
                throw .message("wildcard is not supported in PathGetter")
            } else if isListSelector(part) {
                let (field, value) = try selector(part)
                guard let items = current.sequence else { throw wrongKind("SequenceNode", current) }
                let found = items.firstIndex { item in
                    if field.isEmpty { return item.scalar?.value == value }
                    return item[field]?.scalar?.value == value
                }
                guard let found else { return nil }
                current = items[found]
                steps.append(.index(found))
            } else {
                guard let m = current.mapping else { throw wrongKind("MappingNode", current) }
                guard let child = m[part] else { return nil }
                current = child
                steps.append(.key(part))
            }
        }
        return steps
    }

    static func get(_ node: Node, _ steps: [Step]) -> Node? {
        var current = node
        for step in steps {
            switch step {
            case .key(let k): guard let c = current[k] else { return nil }; current = c
            case .index(let i):
                guard let items = current.sequence, i < items.count else { return nil }
                current = items[i]
            }
        }
        return current
    }

    /// Replaces the node reached by `steps`.
    static func set(_ node: inout Node, _ steps: ArraySlice<Step>, _ value: Node) {
        guard let step = steps.first else {
            node = value
            return
        }
        switch (step, node) {
        case (.key(let k), .mapping(var m)):
            guard let i = m.index(of: k) else { return }
            node = .null
            set(&m.entries[i].value, steps.dropFirst(), value)
            node = .mapping(m)
        case (.index(let i), .sequence(var items)) where i < items.count:
            node = .null
            set(&items[i], steps.dropFirst(), value)
            node = .sequence(items)
        default:
            return
        }
    }

    /// Go's `strings.TrimSpace` for ASCII whitespace.
    static func trim(_ text: String) -> String {
        var s = text[...]
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    static func wrongKind(_ expected: String, _ node: Node) -> KustomizeError {
        let got: String
        switch node {
        case .scalar: got = "ScalarNode"
        case .mapping: got = "MappingNode"
        case .sequence: got = "SequenceNode"
        }
        return .message("wrong node kind: expected \(expected) but got \(got): node contents:\n\((try? Emitter.emit(node)) ?? "")")
    }
}

/// What kind of node `PathMatcher` creates for a missing leaf.
enum CreateKind: Equatable {
    case scalar, mapping, sequence

    init(of node: Node) {
        switch node {
        case .scalar: self = .scalar
        case .mapping: self = .mapping
        case .sequence: self = .sequence
        }
    }

    var empty: Node {
        switch self {
        case .scalar: return .scalar(Scalar(""))
        case .mapping: return .mapping(Mapping())
        case .sequence: return .sequence([])
        }
    }
}

/// kyaml's `PathMatcher`: visits every node matching a path, where `*` is every
/// list element and `[field=regex]` every element whose field matches the
/// unanchored regular expression; with `create`, missing fields and a missing
/// `[field=value]` element are created.
struct PathMatcher {
    var create: CreateKind?

    /// Calls `visit` on every match; returns how many there were.
    @discardableResult
    func apply(_ node: inout Node, _ path: ArraySlice<String>,
               _ visit: (inout Node) throws(KustomizeError) -> Void) throws(KustomizeError) -> Int {
        guard let part = path.first else {
            try visit(&node)
            return 1
        }
        let rest = path.dropFirst()
        if let idx = FieldPath.index(part) {
            guard case .sequence(var items) = node else {
                if node.isNull { return 0 }
                throw FieldPath.wrongKind("SequenceNode", node)
            }
            node = .null
            defer { node = .sequence(items) }
            if items.count == idx, create != nil {
                items.append(kind(after: rest).empty)
            }
            guard idx < items.count else {
                throw .message("index \(idx) specified but only \(items.count) elements found")
            }
            return try apply(&items[idx], rest, visit)
        }
        if FieldPath.isListSelector(part) {
            let (field, pattern) = try FieldPath.selector(part)
            let regex = try GoRegex(pattern)
            if node.isNull { return 0 }
            guard case .sequence(var items) = node else { throw FieldPath.wrongKind("SequenceNode", node) }
            node = .null
            defer { node = .sequence(items) }
            var count = 0
            for j in items.indices {
                let text: String
                if field.isEmpty {
                    text = FieldPath.matchText(items[j])
                    guard regex.matches(text) else { continue }
                    try visit(&items[j])
                    count += 1
                    continue
                }
                guard let value = items[j].mapping?[field] else { continue }
                text = FieldPath.matchText(value)
                guard regex.matches(text) else { continue }
                count += try apply(&items[j], rest, visit)
            }
            if count > 0 || create == nil { return count }
            let element: Node = field.isEmpty ? .scalar(Scalar(pattern)) : .map([(field, .scalar(Scalar(pattern)))])
            items.append(element)
            let last = items.count - 1
            if field.isEmpty {
                try visit(&items[last])
                return 1
            }
            return try apply(&items[last], rest, visit)
        }
        if part == "*" {
            if node.isNull { return 0 }
            guard case .sequence(var items) = node else { throw FieldPath.wrongKind("SequenceNode", node) }
            node = .null
            defer { node = .sequence(items) }
            var count = 0
            for j in items.indices { count += try apply(&items[j], rest, visit) }
            return count
        }
        // A map field.
        if node.isNull { return 0 }
        guard case .mapping(var m) = node else { throw FieldPath.wrongKind("MappingNode", node) }
        node = .null
        defer { node = .mapping(m) }
        let i: Int
        if let found = m.index(of: part) {
            i = found
        } else {
            guard create != nil else { return 0 }
            m.entries.append(Entry(part, kind(after: rest).empty))
            i = m.entries.count - 1
        }
        if case .scalar(let s) = m.entries[i].value, !rest.isEmpty {
            // The scalar holds YAML or JSON text: match inside a parsed copy (kyaml
            // discards writes made there).
            var parsed = try StructuredScalar.parse(s.value)
            return try apply(&parsed, rest) { (_: inout Node) throws(KustomizeError) in }
        }
        var child = m.entries[i].value
        m.entries[i].value = .null
        defer { m.entries[i].value = child }
        return try apply(&child, rest, visit)
    }

    /// kyaml's `getPathPartKind`: what to create for a missing field followed by `rest`.
    func kind(after rest: ArraySlice<String>) -> CreateKind {
        guard let next = rest.first else { return create ?? .scalar }
        if FieldPath.isListSelector(next) || FieldPath.index(next) != nil { return .sequence }
        return .mapping
    }
}

