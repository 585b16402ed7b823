import YAML

/// Where a transformer writes: resources selected by group/version/kind, and a
/// `/`-separated path inside them (`\/` is a literal slash; `[]` marks a list).
public struct FieldSpec: Hashable, Sendable {
    public var gvk: GVK
    public var path: [String]
    public var create: Bool
    /// Indexes of path segments written with a `[]` suffix: such a field is
    /// expected to be a list and is never created.
    public var sequenceHints: Set<Int> = []

    public init(gvk: GVK = GVK(), path: [String], create: Bool = false) {
        self.gvk = gvk
        self.path = path
        self.create = create
    }

    /// A spec whose path is already split (the built-in tables).
    init(gvk: GVK, path: [String], create: Bool, sequenceHints: Set<Int>) {
        self.init(gvk: gvk, path: path, create: create)
        self.sequenceHints = sequenceHints
    }

    public init(gvk: GVK = GVK(), pathString: String, create: Bool = false) {
        let (path, hints) = FieldSpec.parsePath(pathString)
        self.init(gvk: gvk, path: path, create: create)
        sequenceHints = hints
    }

    /// True when segment `i` was written with `[]`: the field is expected to be a list.
    @inline(__always)
    func expectsList(at i: Int) -> Bool {
        !sequenceHints.isEmpty && sequenceHints.contains(i)
    }

    /// Indexes of the segments of `s` that end in `[]`.
    public static func sequenceHints(_ s: String) -> Set<Int> {
        parsePath(s).hints
    }

    /// Splits `a/b\/c/d[]` into `["a", "b/c", "d"]`; a leading `/` is ignored.
    public static func splitPath(_ s: String) -> [String] {
        parsePath(s).path
    }

    /// `splitPath` and `sequenceHints` in one pass over the bytes. The hints count
    /// raw `/`-separated parts, a part ending in `\` joining the next (kustomize's
    /// reading, kept even where it differs from the split, as for `\\/`).
    static func parsePath(_ s: String) -> (path: [String], hints: Set<Int>) {
        s.withBytes { b in
            let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
            var parts: [String] = []
            var current: [UInt8] = []
            var escaped = false
            func finish(_ bytes: [UInt8]) -> String {
                let n = bytes.count
                let list = n >= 2 && bytes[n - 2] == UInt8(ascii: "[") && bytes[n - 1] == UInt8(ascii: "]")
                return String(decoding: list ? bytes[..<(n - 2)] : bytes[...], as: UTF8.self)
            }
            for c in b {
                if escaped {
                    if c != slash { current.append(backslash) }
                    current.append(c)
                    escaped = false
                } else if c == backslash {
                    escaped = true
                } else if c == slash {
                    parts.append(finish(current))
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(c)
                }
            }
            if escaped { current.append(backslash) }
            parts.append(finish(current))
            if b.isEmpty || b.first == slash { parts.removeFirst() }  // an empty first part
            // Hints: raw parts between every `/`.
            var hints: Set<Int> = []
            var index = 0
            var from = b.first == slash ? 1 : 0
            if b.isEmpty { return (parts, hints) }
            for i in from...b.count where i == b.count || b[i] == slash {
                let n = i - from
                if n >= 2 && b[i - 2] == UInt8(ascii: "[") && b[i - 1] == UInt8(ascii: "]") { hints.insert(index) }
                if !(n >= 1 && b[i - 1] == backslash) { index += 1 }
                from = i + 1
            }
            return (parts, hints)
        }
    }

    public var pathString: String {
        path.map { $0.replacingOccurrences(of: "/", with: "\\/") }.joined(separator: "/")
    }

    /// `list` plus `add`, as kustomize's `FsSlice.MergeAll`: a spec already present
    /// (an existing spec selected by its GVK, with the same path) is skipped, or is a
    /// conflict when its `create` differs.
    public static func merging(_ list: [FieldSpec], _ add: [FieldSpec]) throws(FieldSpecMergeError) -> [FieldSpec] {
        var out = list
        for spec in add {
            if let existing = out.first(where: { $0.path == spec.path && $0.gvk.isSelected(by: spec.gvk) }) {
                if existing.create != spec.create { throw FieldSpecMergeError() }
                continue
            }
            out.append(spec)
        }
        return out
    }

    /// True when this spec applies to a resource of the given GVK.
    public func applies(to resource: GVK) -> Bool { resource.isSelected(by: gvk) }

    /// Decodes a list of field specs (`[{path, kind, group, version, create}]`).
    public static func list(from node: Node?) throws(KustomizeError) -> [FieldSpec] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else { throw .message("field specs must be a list") }
        var out: [FieldSpec] = []
        for item in items {
            guard let m = item.mapping else { throw .message("a field spec must be a mapping") }
            let gvk = GVK(group: m["group"]?.string ?? "", version: m["version"]?.string ?? "",
                          kind: m["kind"]?.string ?? "")
            let create = m["create"]?.scalar.map { $0.value == "true" } ?? false
            out.append(FieldSpec(gvk: gvk, pathString: m["path"]?.string ?? "", create: create))
        }
        return out
    }
}

/// Two field specs with the same selector and path disagree on `create`.
public struct FieldSpecMergeError: Error, Sendable, CustomStringConvertible {
    public var description: String { "conflicting fieldspecs" }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].utf8.starts(with: t) {
                let end = self.utf8.index(i, offsetBy: t.count)
                return i..<end
            }
            i = index(after: i)
        }
        return nil
    }
}

/// How a missing leaf is created when a field spec has `create: true`.
public enum FieldKind: Sendable {
    case scalar, mapping
}

/// Walks field-spec paths through a node, visiting every match.
public enum FieldWalker {
    /// Calls `visit` on every node at `path` (lists on the way are traversed element
    /// by element). With `create`, missing maps and the leaf are created; a created
    /// leaf starts as an empty mapping or an empty string scalar.
    /// `visit` returns the new node for the field.
    public static func apply(_ node: inout Node, path: ArraySlice<String>, create: Bool, leaf: FieldKind,
                             _ visit: (inout Node) throws(KustomizeError) -> Void) throws(KustomizeError) {
        guard let key = path.first else {
            try visit(&node)
            return
        }
        switch node {
        case .mapping(var m):
            node = .null
            defer { node = .mapping(m) }
            if let i = m.index(of: key) {
                var child = m.entries[i].value
                m.entries[i].value = .null
                if child.isNull && create {
                    child = path.count == 1 ? empty(leaf) : .mapping(Mapping())
                }
                if child.isNull && path.count > 1 {
                    m.entries[i].value = child
                    return
                }
                try apply(&child, path: path.dropFirst(), create: create, leaf: leaf, visit)
                m.entries[i].value = child
            } else if create {
                var child = path.count == 1 ? empty(leaf) : .mapping(Mapping())
                try apply(&child, path: path.dropFirst(), create: create, leaf: leaf, visit)
                m.entries.append(Entry(key: Scalar(key), value: child))
            }
        case .sequence(var items):
            node = .null
            defer { node = .sequence(items) }
            for j in items.indices {
                var child = items[j]
                items[j] = .null
                try apply(&child, path: path, create: create, leaf: leaf, visit)
                items[j] = child
            }
        case .scalar:
            return
        }
    }

    /// True when `test` holds for a node `apply` would visit (without `create`).
    /// Reads only: no copy of a shared tree is made.
    public static func anyVisited(_ node: Node, path: ArraySlice<String>, _ test: (Node) -> Bool) -> Bool {
        guard let key = path.first else { return test(node) }
        switch node {
        case .mapping(let m):
            guard let i = m.index(of: key) else { return false }
            let child = m.entries[i].value
            if child.isNull && path.count > 1 { return false }
            return anyVisited(child, path: path.dropFirst(), test)
        case .sequence(let items):
            return items.contains { anyVisited($0, path: path, test) }
        case .scalar:
            return false
        }
    }

    static func empty(_ kind: FieldKind) -> Node {
        switch kind {
        case .scalar: return .string("")
        case .mapping: return .mapping(Mapping())
        }
    }
}

/// Field paths merged into a tree of their segments, so that one walk reads the
/// fields of many field specs (shared prefixes are walked once).
struct PathTree: Sendable {
    struct Step: Sendable {
        var children: [(key: String, step: Int)] = []
        /// The number of the path ending here (equal paths share it), or -1.
        var end = -1
    }

    var steps = [Step()]
    /// For each path given, the number of its end (nil for an empty path).
    private(set) var endOfPath: [Int?] = []
    /// How many distinct paths end somewhere.
    private(set) var endCount = 0

    init(_ paths: [[String]]) {
        for path in paths {
            guard !path.isEmpty else {
                endOfPath.append(nil)
                continue
            }
            var at = 0
            for key in path {
                if let next = steps[at].children.first(where: { $0.key == key })?.step {
                    at = next
                } else {
                    steps.append(Step())
                    steps[at].children.append((key, steps.count - 1))
                    at = steps.count - 1
                }
            }
            if steps[at].end < 0 {
                steps[at].end = endCount
                endCount += 1
            }
            endOfPath.append(steps[at].end)
        }
    }

    /// `FieldWalker.anyVisited` for each path, in one walk: `result[endOfPath[k]]`
    /// is its answer for path `k`.
    func visitedEnds(_ node: Node, _ test: (Node) -> Bool) -> [Bool] {
        var result = [Bool](filled: false, count: endCount)
        descend(node, 0, test, &result)
        return result
    }

    private func descend(_ node: Node, _ at: Int, _ test: (Node) -> Bool, _ result: inout [Bool]) {
        let children = steps[at].children
        if children.isEmpty { return }
        switch node {
        case .mapping(let m):
            for (key, next) in children {
                guard let i = m.index(of: key) else { continue }
                let child = m.entries[i].value
                let end = steps[next].end
                if end >= 0 && !result[end] && test(child) { result[end] = true }
                // A null ends every longer path.
                if !child.isNull { descend(child, next, test, &result) }
            }
        case .sequence(let items):
            for item in items { descend(item, at, test, &result) }
        case .scalar:
            return
        }
    }
}
