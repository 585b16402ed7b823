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
        var strategy: Substring = ""
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
        nodes[Int(ref)].strategy.split(separator: ",", omittingEmptySubsequences: false).contains("merge")
    }

    /// The identity keys of a merging list.
    public func mergeKeys(_ ref: Ref) -> [String] {
        nodes[Int(ref)].keys
    }

    /// Parses the generated text (scripts/gen-patch-schema.py): one node per line,
    /// `definition|name:ref,...|additional|items|strategy|key,...`, then `%%` and
    /// `apiVersion/Kind ref` lines.
    init(compiled text: String) {
        var nodes: [SchemaNode] = []
        var byType: [String: Ref] = [:]
        var definitions: [String: Ref] = [:]
        var inTypes = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "%%" {
                inTypes = true
                continue
            }
            if inTypes {
                guard let space = line.lastIndex(of: " "), let ref = Ref(line[line.index(after: space)...]) else { continue }
                byType[String(line[..<space])] = ref
                continue
            }
            let cols = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cols.count == 6 else { continue }
            var n = SchemaNode()
            for p in cols[1].split(separator: ",") {
                guard let colon = p.lastIndex(of: ":"), let ref = Ref(p[p.index(after: colon)...]) else { continue }
                n.properties[String(p[..<colon])] = ref
            }
            n.additional = Ref(cols[2]) ?? -1
            n.items = Ref(cols[3]) ?? -1
            n.strategy = cols[4]
            n.keys = cols[5].split(separator: ",").map(String.init)
            if !cols[0].isEmpty { definitions[String(cols[0])] = Ref(nodes.count) }
            nodes.append(n)
        }
        self.nodes = nodes
        self.byType = byType
        self.definitions = definitions
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
