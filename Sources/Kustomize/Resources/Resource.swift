import YAML

/// Where a resource came from or what touched it: a file, or a builtin plugin
/// configured in a kustomization file (absolute paths).
public enum Source: Sendable, Hashable {
    case file(String)
    case plugin(configuredIn: String, kind: String, name: String?, namespace: String?)
}

/// One Kubernetes object in a build, with the bookkeeping kustomize keeps beside
/// it (previous ids, the hash-suffix flag, recorded prefixes and suffixes). The
/// bookkeeping never reaches the output.
public struct Resource: Sendable {
    /// The object itself: a mapping.
    public var node: Node
    /// Everything else, in one shared box: copying a resource (sorting, selecting,
    /// transforming a copy) retains one reference instead of a dozen.
    private var box: Box

    public init(node: Node, origin: String = "") {
        self.node = node
        self.box = Box(Notes(origin: origin))
    }

    private struct Notes: Sendable {
        var origin: String
        var previousIds: [ResId] = []
        var needsHashSuffix = false
        var generatorBehavior: String? = nil
        var namePrefixes: [String] = []
        var nameSuffixes: [String] = []
        var sharedValues: [SharedValue] = []
        var source: Source? = nil
        var transformations: [Source] = []
        var refVarNames: [String] = []
        var mergedSnapshot: MergeSnapshot? = nil
    }

    /// The notes, copied on write: only `writable` hands the box out for a change.
    private final class Box: @unchecked Sendable {
        var notes: Notes
        init(_ notes: Notes) { self.notes = notes }
    }

    private var writable: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.notes) }
            return box
        }
    }

    /// Where the object came from (a path relative to the build root), for messages.
    public var origin: String {
        get { box.notes.origin }
        _modify { yield &writable.notes.origin }
    }
    /// Ids this resource had before renames, oldest first.
    public var previousIds: [ResId] {
        get { box.notes.previousIds }
        _modify { yield &writable.notes.previousIds }
    }
    /// Generated ConfigMaps/Secrets get a content-hash name suffix at the end of the build.
    public var needsHashSuffix: Bool {
        get { box.notes.needsHashSuffix }
        _modify { yield &writable.notes.needsHashSuffix }
    }
    /// Set on generated resources: `create`, `merge` or `replace`.
    public var generatorBehavior: String? {
        get { box.notes.generatorBehavior }
        _modify { yield &writable.notes.generatorBehavior }
    }
    /// Prefixes and suffixes applied by each layer, innermost first.
    public var namePrefixes: [String] {
        get { box.notes.namePrefixes }
        _modify { yield &writable.notes.namePrefixes }
    }
    public var nameSuffixes: [String] {
        get { box.notes.nameSuffixes }
        _modify { yield &writable.notes.nameSuffixes }
    }
    /// Label/annotation values one transformer created at several places: in
    /// kustomize they are one shared node, so a later overwrite at one place
    /// shows at all of them.
    public var sharedValues: [SharedValue] {
        get { box.notes.sharedValues }
        _modify { yield &writable.notes.sharedValues }
    }
    /// Where the object was defined, for `buildMetadata: [originAnnotations]`.
    public var source: Source? {
        get { box.notes.source }
        _modify { yield &writable.notes.source }
    }
    /// Transformers that ran over it, for `buildMetadata: [transformerAnnotations]`.
    public var transformations: [Source] {
        get { box.notes.transformations }
        _modify { yield &writable.notes.transformations }
    }
    /// Names of the `vars` that designate this resource (set where each var is declared).
    public var refVarNames: [String] {
        get { box.notes.refVarNames }
        _modify { yield &writable.notes.refVarNames }
    }
    /// The object as the last strategic merge patch returned it, and the schema
    /// it was walked with: the next merge skips subtrees still sharing its storage.
    var mergedSnapshot: MergeSnapshot? {
        get { box.notes.mergedSnapshot }
        _modify { yield &writable.notes.mergedSnapshot }
    }

    public var apiVersion: String { Self.text(node, "apiVersion") }
    public var kind: String { Self.text(node, "kind") }
    public var gvk: GVK {
        let h = header(withNames: false)
        return GVK(apiVersion: h.apiVersion, kind: h.kind)
    }

    /// `apiVersion` and `kind` as written ("" when missing or null): what `gvk` is made of.
    var typeTexts: (apiVersion: String, kind: String) {
        let h = header(withNames: false)
        return (h.apiVersion, h.kind)
    }

    public var name: String {
        get { Self.metadataText(node, "name") }
        set { node.set(["metadata", "name"], .string(newValue)) }
    }

    public var namespace: String {
        get { Self.metadataText(node, "namespace") }
        set { node.set(["metadata", "namespace"], .string(newValue)) }
    }

    public var id: ResId {
        let h = header(withNames: true)
        return ResId(gvk: GVK(apiVersion: h.apiVersion, kind: h.kind), name: h.name, namespace: h.namespace)
    }

    /// `apiVersion`, `kind` and (`withNames`) `metadata.name` and `.namespace`, in
    /// one pass over the entries read in place: only the values used are copied.
    /// The last of repeated keys wins; a missing or null field is "".
    private func header(withNames: Bool) -> (apiVersion: String, kind: String, name: String, namespace: String) {
        var apiVersion = "", kind = "", name = "", namespace = ""
        guard case .mapping(let m) = node else { return ("", "", "", "") }
        m.entries.withUnsafeBufferPointer { root in
            for i in root.indices {
                let k = root[i].key.value
                if k.bytesEqual("apiVersion") {
                    apiVersion = Self.scalarText(root[i].value)
                } else if k.bytesEqual("kind") {
                    kind = Self.scalarText(root[i].value)
                } else if withNames, k.bytesEqual("metadata"), case .mapping(let md) = root[i].value {
                    name = ""
                    namespace = ""
                    md.entries.withUnsafeBufferPointer { fields in
                        for j in fields.indices {
                            let f = fields[j].key.value
                            if f.bytesEqual("name") {
                                name = Self.scalarText(fields[j].value)
                            } else if f.bytesEqual("namespace") {
                                namespace = Self.scalarText(fields[j].value)
                            }
                        }
                    }
                }
            }
        }
        return (apiVersion, kind, name, namespace)
    }

    /// The text of a non-null scalar, else "".
    @inline(__always)
    static func scalarText(_ node: Node) -> String {
        guard case .scalar(let s) = node, !s.isNull else { return "" }
        return s.value
    }

    static func text(_ node: Node, _ key: String) -> String {
        guard case .mapping(let m) = node, let i = m.index(of: key) else { return "" }
        return scalarText(m.entries[i].value)
    }

    static func metadataText(_ node: Node, _ key: String) -> String {
        guard case .mapping(let m) = node, let i = m.index(of: "metadata"),
              case .mapping(let md) = m.entries[i].value, let j = md.index(of: key) else { return "" }
        return scalarText(md.entries[j].value)
    }

    /// The id the resource was first loaded or generated with.
    public var originalId: ResId { previousIds.first ?? id }

    /// The current id followed by every previous id.
    public var allIds: [ResId] { [id] + previousIds.reversed() }

    public func labels() -> [(String, String)] { stringMap(["metadata", "labels"]) }
    public func annotations() -> [(String, String)] { stringMap(["metadata", "annotations"]) }

    public func label(_ key: String) -> String? { node[["metadata", "labels", key]]?.string }
    public func annotation(_ key: String) -> String? { node[["metadata", "annotations", key]]?.scalar?.value }

    func stringMap(_ path: [String]) -> [(String, String)] {
        guard let m = node[path]?.mapping else { return [] }
        return m.entries.map { ($0.key.value, $0.value.scalar?.value ?? "") }
    }

    /// Records the current id as a previous id before a rename.
    public mutating func recordCurrentId() {
        recordCurrentId(id)
    }

    /// `recordCurrentId()` for the current id, already known.
    mutating func recordCurrentId(_ current: ResId) {
        if previousIds.last != current { previousIds.append(current) }
    }

    /// Renames the resource, remembering the old id.
    public mutating func rename(_ newName: String) {
        recordCurrentId()
        name = newName
    }
}

/// What a transformer needs to know about a resource while it mutates the
/// resource's node: holding a `Resource` copy instead would keep a second
/// reference to the node and force a deep copy-on-write.
struct ResourceHeader {
    let gvk: GVK
    let id: ResId
    let allIds: [ResId]

    init(_ r: Resource) {
        gvk = r.gvk
        id = r.id
        allIds = r.allIds
    }

    var kind: String { gvk.kind }
}
