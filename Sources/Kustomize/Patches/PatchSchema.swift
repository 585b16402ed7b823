import YAML

/// The OpenAPI schema strategic merge patches walk, reduced to what kyaml's
/// merge uses: fields by name (following `$ref`s, map values), list items, and
/// `x-kubernetes-patch-strategy` with its identity keys. Nodes are numbered;
/// a `SchemaRef` is an index. Built once: the built-in schema is parsed lazily
/// from generated data, a custom one from the `openapi: {path}` document.
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

    /// A name in the built-in schema's text (`PatchSchemaData.text`, static
    /// storage) and the node it leads to.
    struct CompiledName: Sendable {
        var start: Int32
        var count: Int32
        var ref: Ref

        var string: String {
            String(decoding: UnsafeBufferPointer(start: PatchSchemaData.text.utf8Start + Int(start), count: Int(count)),
                   as: UTF8.self)
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
            let text = PatchSchemaData.text.utf8Start
            var lo = Int(start)
            var hi = Int(start + count)
            while lo < hi {
                let mid = (lo + hi) / 2
                let f = compiledFields[mid]
                let order = Self.compare(UnsafeBufferPointer(start: text + Int(f.start), count: Int(f.count)), key)
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

    /// Reads the generated text (scripts/gen-patch-schema.py): one node per line,
    /// `definition|name:ref,...|additional|items|strategy|key,...`, then `%%` and
    /// `apiVersion/Kind ref` lines. Lines of another shape are skipped. Field and
    /// definition names stay in the text (static storage): nothing is hashed or
    /// copied for them, fields are looked up by binary search.
    private init(compiled: Void) {
        let text = PatchSchemaData.text
        var parser = CompiledParser()
        parser.parse(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        self.nodes = parser.nodes
        self.byType = parser.byType
        self.compiledFields = parser.fields
        self.compiledDefinitions = parser.definitions
    }

    /// A byte-level reader of the compiled form (it runs once per process, on
    /// the whole built-in schema).
    struct CompiledParser {
        var nodes: [SchemaNode] = []
        var byType: [String: Ref] = [:]
        var fields: [CompiledName] = []
        var definitions: [CompiledName] = []
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            nodes.reserveCapacity(1100)
            fields.reserveCapacity(2700)
            definitions.reserveCapacity(650)
            var inTypes = false
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if end - start == 2 && bytes[start] == UInt8(ascii: "%") && bytes[start + 1] == UInt8(ascii: "%") {
                    inTypes = true
                } else if inTypes {
                    typeLine(start, end)
                } else {
                    nodeLine(start, end)
                }
                start = end + 1
            }
        }

        mutating func typeLine(_ start: Int, _ end: Int) {
            var space = end - 1
            while space >= start && bytes[space] != UInt8(ascii: " ") { space -= 1 }
            guard space >= start, let ref = ref(space + 1, end) else { return }
            byType[string(start, space)] = ref
        }

        mutating func nodeLine(_ start: Int, _ end: Int) {
            var bars: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
            var found = 0
            for i in start..<end where bytes[i] == UInt8(ascii: "|") {
                switch found {
                case 0: bars.0 = i
                case 1: bars.1 = i
                case 2: bars.2 = i
                case 3: bars.3 = i
                case 4: bars.4 = i
                default: return  // more than six columns
                }
                found += 1
            }
            guard found == 5 else { return }
            var n = SchemaNode()
            n.fieldStart = Int32(fields.count)
            var sorted = true
            var from = bars.0 + 1
            for i in (bars.0 + 1)...bars.1 where i == bars.1 || bytes[i] == UInt8(ascii: ",") {
                defer { from = i + 1 }
                guard i > from else { continue }
                var colon = i - 1
                while colon >= from && bytes[colon] != UInt8(ascii: ":") { colon -= 1 }
                guard colon >= from, let r = ref(colon + 1, i) else { continue }
                let name = CompiledName(start: Int32(from), count: Int32(colon - from), ref: r)
                if let last = fields.last, fields.count > Int(n.fieldStart), order(last, name) >= 0 { sorted = false }
                fields.append(name)
            }
            n.fieldCount = Int32(fields.count) - n.fieldStart
            if !sorted {
                // Not in byte order (not what the generator writes): look the fields up by hash.
                for f in fields[Int(n.fieldStart)...] { n.properties[string(Int(f.start), Int(f.start + f.count))] = f.ref }
                fields.removeLast(Int(n.fieldCount))
                n.fieldCount = 0
            }
            n.additional = ref(bars.1 + 1, bars.2) ?? -1
            n.items = ref(bars.2 + 1, bars.3) ?? -1
            if bars.4 > bars.3 + 1 { n.strategy = Substring(string(bars.3 + 1, bars.4)) }
            if end > bars.4 + 1 {
                n.keys = string(bars.4 + 1, end).split(separator: ",").map(String.init)
            }
            if bars.0 > start {
                definitions.append(CompiledName(start: Int32(start), count: Int32(bars.0 - start), ref: Ref(nodes.count)))
            }
            nodes.append(n)
        }

        func order(_ a: CompiledName, _ b: CompiledName) -> Int {
            PatchSchema.compare(UnsafeBufferPointer(rebasing: bytes[Int(a.start)..<Int(a.start + a.count)]),
                                UnsafeBufferPointer(rebasing: bytes[Int(b.start)..<Int(b.start + b.count)]))
        }

        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }

        /// `Int32(text)`: an optional sign and decimal digits, nil otherwise or on overflow.
        func ref(_ from: Int, _ to: Int) -> Ref? {
            var i = from
            var negative = false
            if i < to && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            if i >= to { return nil }
            var value: Int64 = 0
            while i < to {
                let c = bytes[i]
                guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(c - UInt8(ascii: "0"))
                if value > Int64(Int32.max) + 1 { return nil }
                i += 1
            }
            if negative { value = -value }
            return Ref(exactly: value)
        }
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
