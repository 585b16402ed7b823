import YAML

/// The OpenAPI schema strategic merge patches walk, reduced to what kyaml's
/// merge uses: fields by name (following `$ref`s, map values), list items, and
/// `x-kubernetes-patch-strategy` with its identity keys. Nodes are numbered;
/// a `SchemaRef` is an index. Built once: the built-in schema from generated
/// tables (static data), a custom one from the `openapi: {path}` document.
public struct PatchSchema: Sendable {
    public typealias Ref = Int32

    struct SchemaNode: Sendable {
        /// Fields of a schema compiled from an OpenAPI document.
        var properties: [String: Ref] = [:]
        /// Fields of the built-in schema: a run of `compiledFields`, sorted by name.
        var fieldStart: Int32 = 0
        var fieldCount: Int32 = 0
        var additional: Ref = -1
        var items: Ref = -1
        /// Non-empty only for fields with `x-kubernetes-patch-strategy`.
        var strategy: Substring = "" {
            didSet { merges = Self.listsMerge(strategy) }
        }
        /// The strategy lists `merge` (asked at every list a merge walks).
        private(set) var merges = false
        /// `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else empty.
        var keys: [String] = []

        static func listsMerge(_ strategy: Substring) -> Bool {
            strategy.split(separator: ",", omittingEmptySubsequences: false).contains("merge")
        }
    }

    /// A name in the built-in schema's names (`PatchSchemaData.names`, static
    /// storage) and the node it leads to.
    struct CompiledName: Sendable {
        var start: Int32
        var count: Int32
        var ref: Ref

        init(_ start: Int32, _ count: Int32, _ ref: Ref) {
            self.start = start
            self.count = count
            self.ref = ref
        }

        var bytes: UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: PatchSchemaData.names.utf8Start + Int(start), count: Int(count))
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A node of the built-in schema as generated (`PatchSchemaData.nodes`):
    /// its definition name (count 0 for an inline field schema), its run of
    /// `PatchSchemaData.fields`, map-value and list-item nodes (-1: none), and
    /// its strategy and merge keys as indexes into their tables.
    struct BuiltinNode: Sendable {
        var definitionStart: Int32
        var definitionCount: Int32
        var fieldStart: Int32
        var fieldCount: Int32
        var additional: Ref
        var items: Ref
        var strategy: Int16
        var keys: Int16

        init(_ definitionStart: Int32, _ definitionCount: Int32, _ fieldStart: Int32, _ fieldCount: Int32,
             _ additional: Ref, _ items: Ref, _ strategy: Int16, _ keys: Int16) {
            self.definitionStart = definitionStart
            self.definitionCount = definitionCount
            self.fieldStart = fieldStart
            self.fieldCount = fieldCount
            self.additional = additional
            self.items = items
            self.strategy = strategy
            self.keys = keys
        }
    }

    var nodes: [SchemaNode]
    /// `apiVersion/Kind` → the resource definition.
    var byType: [String: Ref]
    /// The built-in schema's fields, node by node (see `SchemaNode.fieldStart`).
    var compiledFields: [CompiledName] = []
    /// The built-in schema's definition names (only read to compile a document on top of it).
    var compiledDefinitions: [CompiledName] = []
    /// Definitions of a schema compiled from an OpenAPI document.
    var documentDefinitions: [String: Ref] = [:]

    /// kustomize's built-in schema (Kubernetes v1.21.2).
    public static let builtin = PatchSchema(compiled: ())

    /// True when `other` is this very schema (not an equal one built apart).
    func isSame(as other: PatchSchema) -> Bool {
        nodes.sharesStorage(with: other.nodes)
    }

    /// Definition name → node.
    var definitions: [String: Ref] {
        var d = documentDefinitions
        for n in compiledDefinitions { d[n.string] = n.ref }
        return d
    }

    /// The fields of a node by name (tests).
    func properties(_ ref: Ref) -> [String: Ref] {
        var d = nodes[Int(ref)].properties
        let n = nodes[Int(ref)]
        for f in compiledFields[Int(n.fieldStart)..<Int(n.fieldStart + n.fieldCount)] { d[f.string] = f.ref }
        return d
    }

    /// The schema of a resource, by its exact apiVersion and kind.
    public func root(apiVersion: String, kind: String) -> Ref? {
        byType[apiVersion + "/" + kind]
    }

    /// The schema of a field of a map: a property, else the map's value schema.
    public func field(_ ref: Ref, _ name: String) -> Ref? {
        let i = Int(ref)
        if nodes[i].fieldCount > 0, let p = compiledField(nodes[i].fieldStart, nodes[i].fieldCount, name) { return p }
        if !nodes[i].properties.isEmpty, let p = nodes[i].properties[name] { return p }
        let a = nodes[i].additional
        return a >= 0 ? a : nil
    }

    /// Binary search of a run of compiled fields (sorted by name bytes).
    func compiledField(_ start: Int32, _ count: Int32, _ name: String) -> Ref? {
        name.withBytes { key -> Ref? in
            var lo = Int(start)
            var hi = Int(start + count)
            while lo < hi {
                let mid = (lo + hi) / 2
                let f = compiledFields[mid]
                let order = Self.compare(f.bytes, key)
                if order == 0 { return f.ref }
                if order < 0 { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    /// Byte order: negative when `a` sorts first.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if a[i] != b[i] { return Int(a[i]) - Int(b[i]) }
            i += 1
        }
        return a.count - b.count
    }

    /// The schema of a list's items (only for array schemas).
    public func elements(_ ref: Ref) -> Ref? {
        let i = nodes[Int(ref)].items
        return i >= 0 ? i : nil
    }

    /// True when the patch strategy lists `merge`: the list merges element-wise.
    public func isAssociative(_ ref: Ref) -> Bool {
        nodes[Int(ref)].merges
    }

    /// The identity keys of a merging list.
    public func mergeKeys(_ ref: Ref) -> [String] {
        nodes[Int(ref)].keys
    }

    /// The generated tables (scripts/gen-patch-schema.py) as a schema. Names stay
    /// in static storage: nothing is parsed, hashed or copied for them, and fields
    /// are looked up by binary search; only the resource types are hashed.
    private init(compiled: Void) {
        let data = PatchSchemaData.self
        nodes = data.nodes.map { b in
            var n = SchemaNode()
            n.fieldStart = b.fieldStart
            n.fieldCount = b.fieldCount
            n.additional = b.additional
            n.items = b.items
            if b.strategy != 0 { n.strategy = data.strategies[Int(b.strategy)] }
            n.keys = data.keys[Int(b.keys)]
            return n
        }
        compiledFields = data.fields
        compiledDefinitions = data.nodes.indices.compactMap { i in
            let b = data.nodes[i]
            return b.definitionCount > 0 ? CompiledName(b.definitionStart, b.definitionCount, Ref(i)) : nil
        }
        byType = Dictionary(data.types, uniquingKeysWith: { _, last in last })
    }

    /// Compiles an OpenAPI v2 document (`definitions` with `$ref`s of the form
    /// `#/definitions/Name`; resource definitions carry `x-kubernetes-group-version-kind`).
    /// With `base`, the document is added under it the way kyaml adds the built-in
    /// schema after a custom one: definitions and types of `base` win.
    public init(openAPIDocument doc: Node, base: PatchSchema? = nil) throws(KustomizeError) {
        guard let defs = doc["definitions"]?.mapping else {
            throw .message("invalid OpenAPI schema: no definitions")
        }
        var compiler = Compiler(base: base, defs: defs)
        var byType: [String: Ref] = [:]
        for e in defs.entries {
            guard let ref = compiler.definitions[e.key.value] else { continue }
            for gvk in e.value["x-kubernetes-group-version-kind"]?.sequence ?? [] {
                let group = gvk["group"]?.string ?? ""
                let version = gvk["version"]?.string ?? ""
                let kind = gvk["kind"]?.string ?? ""
                byType[(group.isEmpty ? version : group + "/" + version) + "/" + kind] = ref
            }
        }
        for e in defs.entries where compiler.owned.contains(e.key.value) {
            if let i = compiler.definitions[e.key.value] {
                compiler.nodes[Int(i)] = compiler.object(e.value)
            }
        }
        if let base {
            byType.merge(base.byType) { _, b in b }
        }
        self.nodes = compiler.nodes
        self.byType = byType
        self.compiledFields = base?.compiledFields ?? []
        self.documentDefinitions = compiler.definitions
    }

    /// Builds nodes from OpenAPI schema objects; definitions are numbered first.
    struct Compiler {
        var nodes: [SchemaNode]
        var definitions: [String: Ref]
        /// Definitions this document compiles (not taken from the base).
        var owned: Set<String> = []

        init(base: PatchSchema?, defs: Mapping) {
            nodes = base?.nodes ?? [SchemaNode()]
            definitions = base?.definitions ?? [:]
            for e in defs.entries where definitions[e.key.value] == nil {
                definitions[e.key.value] = Ref(nodes.count)
                owned.insert(e.key.value)
                nodes.append(SchemaNode())
            }
        }

        /// The node a field schema resolves to: a `$ref` replaces the schema; an
        /// unknown `$ref` gives no schema.
        mutating func ref(_ schema: Node) -> Ref? {
            if let r = schema["$ref"]?.string {
                let name = r.hasPrefix("#/definitions/") ? String(r.dropFirst(14)) : r
                return definitions[name]
            }
            nodes.append(SchemaNode())
            let i = nodes.count - 1
            nodes[i] = object(schema)
            return Ref(i)
        }

        mutating func object(_ schema: Node) -> SchemaNode {
            var n = SchemaNode()
            for p in schema["properties"]?.mapping?.entries ?? [] {
                if let r = ref(p.value) { n.properties[p.key.value] = r }
            }
            if let add = schema["additionalProperties"], add.mapping != nil {
                n.additional = ref(add) ?? -1
            }
            if schema["type"]?.string == "array", let items = schema["items"], items.mapping != nil {
                n.items = ref(items) ?? -1
            }
            if let s = schema["x-kubernetes-patch-strategy"]?.string {
                n.strategy = Substring(s)
                if let keys = schema["x-kubernetes-list-map-keys"]?.sequence {
                    n.keys = keys.compactMap(\.string)
                } else if let k = schema["x-kubernetes-patch-merge-key"]?.string {
                    n.keys = [k]
                }
            }
            return n
        }
    }
}
