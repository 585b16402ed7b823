import YAML

/// A kustomization file, decoded with kustomize's rules: field names are
/// case-insensitive, unknown fields are errors (reported in sorted order),
/// scalars follow YAML 1.1 (`on`, `y`, `012` are not strings).
///
/// Simple fields are typed; entries whose shape belongs to one stage (patches,
/// images, replacements, generators…) are kept as nodes and decoded by that stage.
public struct Kustomization: Sendable {
    public var apiVersion = ""
    public var kind = "Kustomization"
    public var resources: [String] = []
    public var components: [String] = []
    public var crds: [String] = []
    public var configurations: [String] = []
    public var namePrefix: String?
    public var nameSuffix: String?
    public var namespace: String?
    public var commonLabels: [(String, String)]?
    public var commonAnnotations: [(String, String)]?
    public var labels: [Node] = []
    public var patches: [Node] = []
    public var patchesStrategicMerge: [Node] = []
    public var patchesJson6902: [Node] = []
    public var images: [Node] = []
    public var replicas: [Node] = []
    public var replacements: [Node] = []
    public var vars: [Node] = []
    public var sortOptions: Node?
    public var configMapGenerator: [Node] = []
    public var secretGenerator: [Node] = []
    public var generatorOptions: Node?
    public var generators: [String] = []
    public var transformers: [String] = []
    public var validators: [String] = []
    public var openapi: Node?
    public var buildMetadata: [String] = []
    /// Deprecation warnings, in kustomize's fixed order.
    public var warnings: [String] = []

    public var isComponent: Bool { kind == "Component" }

    /// True when the kustomization only gathers `resources:`: nothing generates,
    /// transforms or validates them, and no component adds to them.
    var onlyGathersResources: Bool {
        components.isEmpty && namePrefix == nil && nameSuffix == nil && namespace == nil
            && commonLabels == nil && commonAnnotations == nil && labels.isEmpty && patches.isEmpty
            && patchesStrategicMerge.isEmpty && patchesJson6902.isEmpty && images.isEmpty && replicas.isEmpty
            && replacements.isEmpty && configMapGenerator.isEmpty && secretGenerator.isEmpty
            && generators.isEmpty && transformers.isEmpty && validators.isEmpty
    }

    /// The accepted top-level fields, by lower-cased name.
    static let fields: [String: String] = {
        let names = [
            "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace",
            "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902",
            "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
            "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator",
            "helmGlobals", "helmCharts", "helmChartInflationGenerator", "generatorOptions",
            "configurations", "generators", "transformers", "validators", "buildMetadata",
        ]
        var d: [String: String] = [:]
        for n in names {
            d[n.lowercased()] = n
            d[n] = n  // the usual spelling, found without lowercasing the key
        }
        return d
    }()

    public init() {}

    /// Decodes the text of a kustomization file.
    public init(text: String) throws(KustomizeError) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: Node?
        do {
            root = try Parser.parseFirst(text)
        } catch {
            throw .message("invalid Kustomization: \(error)")
        }
        guard let root, !root.isNull else { throw .message("kustomization.yaml is empty") }
        guard let m = root.mapping else {
            let t = root.sequence != nil ? "array" : "string"
            throw .message("invalid Kustomization: json: cannot unmarshal \(t) into Go value of type types.Kustomization")
        }
        // Canonical names (field names match case-insensitively, as Go's JSON
        // decoding does); later duplicates win. A kustomization sets a few of the
        // ~36 fields, each looked for below: a short list beats hashing every name.
        var values: [(name: String, value: Node)] = []
        values.reserveCapacity(m.entries.count)
        var unknown: [String] = []
        for e in m.entries {
            guard let name = Self.fields[e.key.value] ?? Self.fields[e.key.value.lowercased()] else {
                unknown.append(e.key.value)
                continue
            }
            if let i = values.firstIndex(where: { $0.name.bytesEqual(name) }) {
                values[i].value = e.value
            } else {
                values.append((name, e.value))
            }
        }
        if let first = unknown.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).first {
            throw .message("invalid Kustomization: json: unknown field \"\(first)\"")
        }
        func present(_ k: String) -> Node? {
            guard let v = values.first(where: { $0.name.bytesEqual(k) })?.value, !v.isNull else { return nil }
            return v
        }
        let d = Decoder()
        apiVersion = try d.string(present("apiVersion"), "apiVersion") ?? ""
        kind = try d.string(present("kind"), "kind") ?? ""
        resources = try d.strings(present("resources"), "resources")
        let bases = try d.strings(present("bases"), "bases")
        components = try d.strings(present("components"), "components")
        crds = try d.strings(present("crds"), "crds")
        configurations = try d.strings(present("configurations"), "configurations")
        namePrefix = try d.string(present("namePrefix"), "namePrefix")
        nameSuffix = try d.string(present("nameSuffix"), "nameSuffix")
        namespace = try d.string(present("namespace"), "namespace")
        commonLabels = try d.stringMap(present("commonLabels"), "commonLabels")
        commonAnnotations = try d.stringMap(present("commonAnnotations"), "commonAnnotations")
        labels = try d.list(present("labels"), "labels")
        patches = try d.list(present("patches"), "patches")
        patchesStrategicMerge = try d.list(present("patchesStrategicMerge"), "patchesStrategicMerge")
        patchesJson6902 = try d.list(present("patchesJson6902"), "patchesJson6902")
        images = try d.list(present("images"), "images") + d.list(present("imageTags"), "imageTags")
        replicas = try d.list(present("replicas"), "replicas")
        replacements = try d.list(present("replacements"), "replacements")
        vars = try d.list(present("vars"), "vars")
        sortOptions = present("sortOptions")
        configMapGenerator = try d.list(present("configMapGenerator"), "configMapGenerator")
        secretGenerator = try d.list(present("secretGenerator"), "secretGenerator")
        generatorOptions = present("generatorOptions")
        generators = try d.pluginEntries(present("generators"), "generators")
        transformers = try d.pluginEntries(present("transformers"), "transformers")
        validators = try d.pluginEntries(present("validators"), "validators")
        openapi = present("openapi")
        if let bm = present("buildMetadata") { buildMetadata = try d.strings(bm, "buildMetadata") }

        for helm in ["helmCharts", "helmGlobals", "helmChartInflationGenerator"] {
            if let v = present(helm), !(v.sequence?.isEmpty ?? false), !(v.mapping?.isEmpty ?? false) {
                throw .unsupported("\(helm) (helm chart inflation)")
            }
        }

        // Emptiness: every field other than apiVersion/kind unset.
        let meaningful = values.filter { $0.name != "apiVersion" && $0.name != "kind" && !$0.value.isNull }
        if meaningful.isEmpty { throw .message("kustomization.yaml is empty") }

        resources += bases
        if present("bases") != nil { warnings.append(Self.deprecation("bases", "resources")) }
        if present("commonLabels") != nil { warnings.append(Self.deprecation("commonLabels", "labels")) }
        if present("imageTags") != nil { warnings.append(Self.deprecation("imageTags", "images")) }
        if present("patchesJson6902") != nil { warnings.append(Self.deprecation("patchesJson6902", "patches")) }
        if present("patchesStrategicMerge") != nil { warnings.append(Self.deprecation("patchesStrategicMerge", "patches")) }
        if present("vars") != nil {
            warnings.append("# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.")
        }
    }

    static func deprecation(_ field: String, _ replacement: String) -> String {
        "# Warning: '\(field)' is deprecated. Please use '\(replacement)' instead. Run 'kustomize edit fix' to update your Kustomization automatically."
    }

    /// Checks `kind` and `apiVersion` (after the emptiness check), filling defaults.
    public mutating func validateKind(directory: String) throws(KustomizeError) {
        var problems: [String] = []
        if kind.isEmpty { kind = "Kustomization" }
        if kind != "Kustomization" && kind != "Component" {
            problems.append("kind should be Kustomization or Component")
        }
        let want = kind == "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1"
        if apiVersion.isEmpty {
            apiVersion = want
        } else if apiVersion != want {
            problems.append("apiVersion for \(kind) should be \(want)")
        }
        if !problems.isEmpty {
            throw .message("Failed to read kustomization file under \(directory):\n" + problems.joined(separator: "\n"))
        }
    }
}

/// Type checks with the messages of Go's `encoding/json`.
struct Decoder {
    func jsonType(_ node: Node) -> String {
        switch node {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let s):
            switch Resolver.resolve11(s) {
            case .bool: return "bool"
            case .int, .float: return "number"
            case .null: return "null"
            case .string: return "string"
            }
        }
    }

    func typeError(_ node: Node, _ field: String, _ goType: String) -> KustomizeError {
        .message("invalid Kustomization: json: cannot unmarshal \(jsonType(node)) into Go struct field Kustomization.\(field) of type \(goType)")
    }

    func string(_ node: Node?, _ field: String) throws(KustomizeError) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, case .string(let v) = Resolver.resolve11(s) else {
            throw typeError(node, field, "string")
        }
        return v
    }

    func strings(_ node: Node?, _ field: String) throws(KustomizeError) -> [String] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw typeError(node, field, "[]string") }
        var out: [String] = []
        for item in items {
            guard case .scalar(let s) = item, case .string(let v) = Resolver.resolve11(s) else {
                throw typeError(item, field, "string")
            }
            out.append(v)
        }
        return out
    }

    func stringMap(_ node: Node?, _ field: String) throws(KustomizeError) -> [(String, String)]? {
        guard let node else { return nil }
        guard let m = node.mapping else { throw typeError(node, field, "map[string]string") }
        var out: [(String, String)] = []
        for e in m.entries {
            guard case .scalar(let s) = e.value else { throw typeError(e.value, field, "string") }
            switch Resolver.resolve11(s) {
            case .string(let v): out.append((e.key.value, v))
            case .null: out.append((e.key.value, ""))
            default: throw typeError(e.value, field, "string")
            }
        }
        return out
    }

    func list(_ node: Node?, _ field: String) throws(KustomizeError) -> [Node] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            throw typeError(node, field, "[]types.\(field)")
        }
        return items
    }

    /// `generators`/`transformers`/`validators`: file paths or inline YAML strings.
    func pluginEntries(_ node: Node?, _ field: String) throws(KustomizeError) -> [String] {
        try strings(node, field)
    }
}
