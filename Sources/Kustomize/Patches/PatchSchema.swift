import YAML

/// The OpenAPI schema strategic merge patches walk, reduced to what kyaml's
/// merge uses: fields by name (following `$ref`s, map values), list items, and
/// `x-kubernetes-patch-strategy` with its identity keys. Nodes are numbered;
/// a `SchemaRef` is an index. Built once: the built-in schema is parsed lazily
/// from generated data, a custom one from the `openapi: {path}` document.
public struct PatchSchema: Sendable {
    public typealias Ref = Int32

    struct SchemaNode: Sendable {
        var properties: [String: Ref] = [:]
        var additional: Ref = -1
        var items: Ref = -1
        /// Non-empty only for fields with `x-kubernetes-patch-strategy`.
        var strategy: Substring = "" {
            didSet { merges = strategy.split(separator: ",", omittingEmptySubsequences: false).contains("merge") }
        }
        /// The strategy lists `merge` (asked at every list a merge walks).
        private(set) var merges = false
        /// `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else empty.
        var keys: [String] = []
    }

    var nodes: [SchemaNode]
    /// `apiVersion/Kind` → the resource definition.
    var byType: [String: Ref]
    /// Definition name → node.
    var definitions: [String: Ref]

    /// kustomize's built-in schema (Kubernetes v1.21.2).
    public static let builtin = PatchSchema(compiled: PatchSchemaData.text)

    /// True when `other` is this very schema (not an equal one built apart).
    func isSame(as other: PatchSchema) -> Bool {
        nodes.sharesStorage(with: other.nodes)
    }

    /// The schema of a resource, by its exact apiVersion and kind.
    public func root(apiVersion: String, kind: String) -> Ref? {
        byType[apiVersion + "/" + kind]
    }

    /// The schema of a field of a map: a property, else the map's value schema.
    public func field(_ ref: Ref, _ name: String) -> Ref? {
        let n = nodes[Int(ref)]
        if let p = n.properties[name] { return p }
        return n.additional >= 0 ? n.additional : nil
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

    /// Parses the generated text (scripts/gen-patch-schema.py): one node per line,
    /// `definition|name:ref,...|additional|items|strategy|key,...`, then `%%` and
    /// `apiVersion/Kind ref` lines. Lines of another shape are skipped.
    init(compiled text: String) {
        var parser = CompiledParser()
        var text = text
        text.withUTF8 { parser.parse($0) }
        self.nodes = parser.nodes
        self.byType = parser.byType
        self.definitions = parser.definitions
    }

    /// A byte-level reader of the compiled form (it runs once per process, on
    /// the whole built-in schema).
    struct CompiledParser {
        var nodes: [SchemaNode] = []
        var byType: [String: Ref] = [:]
        var definitions: [String: Ref] = [:]

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
            nodes.reserveCapacity(1400)
            var inTypes = false
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.elementsEqual("%%".utf8) {
                    inTypes = true
                } else if inTypes {
                    typeLine(line)
                } else {
                    nodeLine(line)
                }
                start = end + 1
            }
        }

        mutating func typeLine(_ line: UnsafeBufferPointer<UInt8>) {
            guard let space = line.lastIndex(of: UInt8(ascii: " ")),
                  let ref = Self.ref(line[(space + 1)...]) else { return }
            byType[Self.string(line[..<space])] = ref
        }

        mutating func nodeLine(_ line: UnsafeBufferPointer<UInt8>) {
            var cols: [Slice<UnsafeBufferPointer<UInt8>>] = []
            cols.reserveCapacity(6)
            var from = 0
            for i in 0..<line.count where line[i] == UInt8(ascii: "|") {
                cols.append(line[from..<i])
                from = i + 1
            }
            cols.append(line[from..<line.count])
            guard cols.count == 6 else { return }
            var n = SchemaNode()
            for p in Self.split(cols[1], UInt8(ascii: ",")) {
                guard let colon = p.lastIndex(of: UInt8(ascii: ":")),
                      let ref = Self.ref(p[(colon + 1)...]) else { continue }
                n.properties[Self.string(p[..<colon])] = ref
            }
            n.additional = Self.ref(cols[2]) ?? -1
            n.items = Self.ref(cols[3]) ?? -1
            n.strategy = Substring(Self.string(cols[4]))
            n.keys = Self.split(cols[5], UInt8(ascii: ",")).map(Self.string)
            if !cols[0].isEmpty { definitions[Self.string(cols[0])] = Ref(nodes.count) }
            nodes.append(n)
        }

        static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
            String(decoding: bytes, as: UTF8.self)
        }

        /// The non-empty pieces between separators.
        static func split(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ sep: UInt8) -> [Slice<UnsafeBufferPointer<UInt8>>] {
            var out: [Slice<UnsafeBufferPointer<UInt8>>] = []
            var from = bytes.startIndex
            for i in bytes.indices where bytes[i] == sep {
                if i > from { out.append(bytes[from..<i]) }
                from = i + 1
            }
            if bytes.endIndex > from { out.append(bytes[from..<bytes.endIndex]) }
            return out
        }

        /// `Int32(text)`: an optional sign and decimal digits, nil otherwise or on overflow.
        static func ref(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Ref? {
            var i = bytes.startIndex
            var negative = false
            if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            if i == bytes.endIndex { return nil }
            var value: Int64 = 0
            while i < bytes.endIndex {
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
        self.definitions = compiler.definitions
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
