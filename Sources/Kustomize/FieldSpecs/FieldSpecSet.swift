import YAML

/// A field-spec list compiled once per transformer: specs are bucketed by kind so
/// finding the specs for a resource does not scan the whole list.
public struct FieldSpecSet: Sendable {
    public let specs: [FieldSpec]
    private let byKind: [String: [Int]]
    private let anyKind: [Int]

    public init(_ specs: [FieldSpec]) {
        self.specs = specs
        var byKind: [String: [Int]] = [:]
        var anyKind: [Int] = []
        for (i, s) in specs.enumerated() {
            if s.gvk.kind.isEmpty { anyKind.append(i) } else { byKind[s.gvk.kind, default: []].append(i) }
        }
        self.byKind = byKind
        self.anyKind = anyKind
    }

    public var isEmpty: Bool { specs.isEmpty }

    /// The specs selecting `gvk`, in list order.
    public func matching(_ gvk: GVK) -> [FieldSpec] {
        let kinded = byKind[gvk.kind] ?? []
        var out: [FieldSpec] = []
        out.reserveCapacity(kinded.count + anyKind.count)
        var a = 0, b = 0
        while a < kinded.count || b < anyKind.count {
            let i: Int
            if b == anyKind.count || (a < kinded.count && kinded[a] < anyKind[b]) {
                i = kinded[a]
                a += 1
            } else {
                i = anyKind[b]
                b += 1
            }
            if specs[i].applies(to: gvk) { out.append(specs[i]) }
        }
        return out
    }
}

/// The field specs of each GVK of a resource list worked out once, so that a
/// transformer run over many resources of few kinds (on several cores) only
/// looks them up.
struct FieldSpecCache: Sendable {
    /// The specs of one GVK (`FieldSpecSet.matching`, or a transformer's own choice).
    private let specs: @Sendable (GVK) -> [FieldSpec]
    private(set) var byGVK: [GVK: [FieldSpec]] = [:]

    init(_ set: FieldSpecSet, for resources: [Resource]) {
        // A few resources (a small base) are each looked up once anyway: no table.
        if resources.count < ResourceMap.parallelThreshold {
            self.init(gvks: []) { set.matching($0) }
            return
        }
        // The distinct kinds of each part of the list, on all cores when it is long.
        let workers = Parallel.workers(for: resources.count, threshold: ResourceMap.parallelKeysThreshold)
        let parts = Parallel.map(workers: workers) { w in
            Self.distinctGVKs(resources, Parallel.chunk(w, of: workers, count: resources.count))
        }
        self.init(gvks: parts.joined()) { set.matching($0) }
    }

    /// The GVKs of `resources[range]`, each at least once. A list holds few kinds:
    /// their `apiVersion` and `kind` texts are gathered in a short list compared
    /// by bytes, and each pair is made a GVK once (instead of a GVK made and hashed
    /// per resource); past 32 pairs the rest go through a set.
    static func distinctGVKs(_ resources: [Resource], _ range: Range<Int>) -> [GVK] {
        var pairs: [(apiVersion: String, kind: String)] = []
        var i = range.lowerBound
        while i < range.upperBound && pairs.count <= 32 {
            let t = resources[i].typeTexts
            if !pairs.contains(where: { $0.kind.bytesEqual(t.kind) && $0.apiVersion.bytesEqual(t.apiVersion) }) {
                pairs.append(t)
            }
            i += 1
        }
        var gvks = pairs.map { GVK(apiVersion: $0.apiVersion, kind: $0.kind) }
        if i < range.upperBound {
            gvks += Set((i..<range.upperBound).map { resources[$0].gvk })
        }
        return gvks
    }

    init(gvks: some Sequence<GVK>, _ specs: @escaping @Sendable (GVK) -> [FieldSpec]) {
        self.specs = specs
        for gvk in gvks where byGVK[gvk] == nil { byGVK[gvk] = specs(gvk) }
    }

    func matching(_ gvk: GVK) -> [FieldSpec] {
        byGVK[gvk] ?? specs(gvk)
    }
}

extension Resource {
    /// `id` for an already known `gvk`: transformers that look the GVK up to
    /// select field specs need not parse `apiVersion` and `kind` twice.
    func id(gvk: GVK) -> ResId { ResId(gvk: gvk, name: name, namespace: namespace) }
}

/// Why a field spec could not be applied; worded as kustomize words it.
public enum FieldSpecError: Error, Sendable, CustomStringConvertible {
    /// The path continues through a scalar.
    case expectedCollection
    /// A path segment is empty (`spec//x`).
    case emptyFieldName
    /// The field holds another kind of node than the transformer writes.
    case wrongNodeKind(expected: String, actual: Node)

    public var description: String {
        switch self {
        case .expectedCollection: return "expected sequence or mapping node"
        case .emptyFieldName: return "cannot set or create an empty field name"
        case .wrongNodeKind(let expected, let actual):
            var contents = (try? Emitter.emit(actual)) ?? ""
            if contents.hasSuffix("\n") { contents.removeLast() }
            return "wrong node kind: expected \(expected) but got \(FieldSpecError.kindName(actual)): node contents:\n\(contents)"
        }
    }

    public var isWrongNodeKind: Bool {
        if case .wrongNodeKind = self { return true }
        return false
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: return "ScalarNode"
        case .mapping: return "MappingNode"
        case .sequence: return "SequenceNode"
        }
    }

    /// The message kustomize prints for this failure on `spec` in `resource`.
    func message(_ spec: FieldSpec, _ resource: ResId) -> String {
        "considering field '\(spec.pathString)' of object \(resource): \(self)"
    }
}

/// Applies one field spec to an object with kustomize's rules (`fieldspec.Filter`):
/// lists on the way are walked element by element, a missing field is silently
/// skipped unless the spec says `create` (then maps are created on the way and
/// the leaf gets `create`'s kind), a null on the way becomes the needed kind,
/// `[]`-hinted fields are never created.
public enum FieldSpecWalker {
    public static func apply(_ spec: FieldSpec, to node: inout Node, create: FieldKind?,
                             _ visit: (inout Node) throws(FieldSpecError) -> Void) throws(FieldSpecError) {
        var trail: [PathStep] = []
        try walk(&node, spec, 0, spec.create ? create : nil, &trail) { (n, _) throws(FieldSpecError) in try visit(&n) }
    }

    /// As `apply`, telling `visit` where the field is.
    public static func apply(_ spec: FieldSpec, to node: inout Node, create: FieldKind?,
                             _ visit: (inout Node, [PathStep]) throws(FieldSpecError) -> Void) throws(FieldSpecError) {
        var trail: [PathStep] = []
        trail.reserveCapacity(spec.path.count + 2)
        try walk(&node, spec, 0, spec.create ? create : nil, &trail, visit)
    }

    static func walk(_ node: inout Node, _ spec: FieldSpec, _ i: Int, _ create: FieldKind?, _ trail: inout [PathStep],
                     _ visit: (inout Node, [PathStep]) throws(FieldSpecError) -> Void) throws(FieldSpecError) {
        if i == spec.path.count {
            try visit(&node, trail)
            return
        }
        if node.isNull { return }
        switch node {
        case .sequence(var items):
            node = .null  // release the payload so `items` is uniquely referenced
            defer { node = .sequence(items) }
            for j in items.indices {
                var child = items[j]
                items[j] = .null
                defer { items[j] = child }
                trail.append(.index(j))
                defer { trail.removeLast() }
                try walk(&child, spec, i, create, &trail, visit)
            }
        case .mapping(var m):
            let name = spec.path[i]
            if name.isEmpty { throw .emptyFieldName }
            let isSequence = spec.expectsList(at: i)
            let isLeaf = i == spec.path.count - 1
            let made: Node? = isSequence ? nil : create.map { isLeaf ? empty($0) : .mapping(Mapping()) }
            node = .null
            defer { node = .mapping(m) }
            trail.append(.key(name))
            defer { trail.removeLast() }
            if let k = m.index(of: name) {
                var child = m.entries[k].value
                m.entries[k].value = .null
                defer { m.entries[k].value = child }
                if child.isNull {
                    if isSequence { child = .sequence([]) } else if let made { child = made }
                }
                try walk(&child, spec, i + 1, create, &trail, visit)
            } else if var child = made {
                try walk(&child, spec, i + 1, create, &trail, visit)
                m.entries.append(Entry(key: Scalar(name), value: child))
            }
        case .scalar:
            throw .expectedCollection
        }
    }

    /// The nodes `apply` with no `create` visits, read only, in the same order and
    /// with the same errors. Returns false (having stopped) where `apply` would
    /// change the object itself: a null where the path expects a list becomes one.
    public static func read(_ spec: FieldSpec, in node: Node,
                            _ visit: (Node) throws(FieldSpecError) -> Void) throws(FieldSpecError) -> Bool {
        try read(node, spec, 0, visit)
    }

    static func read(_ node: Node, _ spec: FieldSpec, _ i: Int,
                     _ visit: (Node) throws(FieldSpecError) -> Void) throws(FieldSpecError) -> Bool {
        if i == spec.path.count {
            try visit(node)
            return true
        }
        switch node {
        case .sequence(let items):
            for item in items where !(try read(item, spec, i, visit)) { return false }
            return true
        case .mapping(let m):
            let name = spec.path[i]
            if name.isEmpty { throw .emptyFieldName }
            guard let k = m.index(of: name) else { return true }
            let child = m.entries[k].value
            if child.isNull {
                if spec.expectsList(at: i) { return false }
                if i + 1 == spec.path.count { try visit(child) }
                return true
            }
            return try read(child, spec, i + 1, visit)
        case .scalar(let s):
            if s.isNull { return true }
            throw .expectedCollection
        }
    }

    static func empty(_ kind: FieldKind) -> Node {
        switch kind {
        case .scalar: return .string("")
        case .mapping: return .mapping(Mapping())
        }
    }
}

/// One step of a concrete location inside an object.
public enum PathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

extension Node {
    /// The node at a concrete location.
    public subscript(location: [PathStep]) -> Node? {
        var node = self
        for step in location {
            switch step {
            case .key(let k):
                guard let child = node.mapping?[k] else { return nil }
                node = child
            case .index(let i):
                guard let items = node.sequence, items.indices.contains(i) else { return nil }
                node = items[i]
            }
        }
        return node
    }

    /// Replaces the node at an existing concrete location; false when it is missing.
    @discardableResult
    public mutating func replace(at location: ArraySlice<PathStep>, with value: Node) -> Bool {
        guard let step = location.first else {
            self = value
            return true
        }
        switch (step, self) {
        case (.key(let k), .mapping(var m)):
            guard let i = m.index(of: k) else { return false }
            self = .null
            defer { self = .mapping(m) }
            return m.entries[i].value.replace(at: location.dropFirst(), with: value)
        case (.index(let i), .sequence(var items)):
            guard items.indices.contains(i) else { return false }
            self = .null
            defer { self = .sequence(items) }
            return items[i].replace(at: location.dropFirst(), with: value)
        default:
            return false
        }
    }
}

/// The two ways the field-spec transformers write a value.
public enum FieldSetter {
    /// Replaces a scalar leaf (a null leaf counts as a scalar); `unsetOnly` keeps a
    /// non-empty value.
    public static func scalar(_ node: inout Node, _ value: Node, unsetOnly: Bool = false) throws(FieldSpecError) {
        switch node {
        case .scalar(let s):
            if unsetOnly && !s.isNull && !s.value.isEmpty { return }
            node = value
        default:
            throw .wrongNodeKind(expected: "ScalarNode", actual: node)
        }
    }

    /// Sets `key` in a mapping leaf (labels, annotations). A null leaf is left alone.
    public static func entry(_ node: inout Node, _ key: String, _ value: Node) throws(FieldSpecError) {
        switch node {
        case .mapping(var m):
            node = .null
            if let k = m.index(of: key) {
                m.entries[k].value = value
            } else {
                m.entries.append(Entry(key: Scalar(key), value: value))
            }
            node = .mapping(m)
        case .scalar(let s) where s.isNull:
            return
        default:
            throw .wrongNodeKind(expected: "MappingNode", actual: node)
        }
    }
}
