import YAML

/// `metav1.ObjectMeta` as kubeseal reads and writes it: the known fields only, written in
/// Go struct order with `omitempty` (FORMAT.md §3–5).
public struct ObjectMeta: Sendable, Equatable {
    public var name = ""
    public var generateName = ""
    public var namespace = ""
    var selfLink = ""
    var uid = ""
    var resourceVersion = ""
    var generation: String?
    var creationTimestamp: String?
    var deletionTimestamp: String?
    var deletionGracePeriodSeconds: String?
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    var ownerReferences: [Node] = []
    public var finalizers: [String] = []
    var managedFields: [Node] = []

    public init(name: String = "", namespace: String = "") {
        self.name = name
        self.namespace = namespace
    }

    /// The annotations kubeseal removes from the template: they would leak the Secret in clear.
    static let lastAppliedAnnotations = [
        "kubectl.kubernetes.io/last-applied-configuration",
        "kubecfg.ksonnet.io/last-applied-configuration",
    ]

    var isEmpty: Bool { self == ObjectMeta() }

    /// Clears what the API server owns, as kubeseal does before copying metadata into the template.
    mutating func clearServerFields() {
        selfLink = ""
        uid = ""
        resourceVersion = ""
        generation = nil
        creationTimestamp = nil
        deletionTimestamp = nil
        deletionGracePeriodSeconds = nil
    }

    init(reading node: Node?, _ r: DocumentReader, isJSON: Bool) throws(SealError) {
        guard let node, !node.isNull else { return }
        guard case .mapping = node else { throw r.fail(node, "metadata must be a mapping") }
        name = try r.string(node["name"], "metadata.name")
        generateName = try r.string(node["generateName"], "metadata.generateName")
        namespace = try r.string(node["namespace"], "metadata.namespace")
        selfLink = try r.string(node["selfLink"], "metadata.selfLink")
        uid = try r.string(node["uid"], "metadata.uid")
        resourceVersion = try r.string(node["resourceVersion"], "metadata.resourceVersion")
        generation = try r.integer(node["generation"], "metadata.generation")
        creationTimestamp = try r.time(node["creationTimestamp"], "metadata.creationTimestamp")
        deletionTimestamp = try r.time(node["deletionTimestamp"], "metadata.deletionTimestamp")
        deletionGracePeriodSeconds = try r.integer(node["deletionGracePeriodSeconds"], "metadata.deletionGracePeriodSeconds")
        labels = try r.stringMap(node["labels"], "metadata.labels")
        annotations = try r.stringMap(node["annotations"], "metadata.annotations")
        finalizers = try r.stringList(node["finalizers"], "metadata.finalizers")
        if let refs = node["ownerReferences"], !refs.isNull {
            guard case .sequence(let items) = refs else { throw r.fail(refs, "metadata.ownerReferences must be a list") }
            for (i, item) in items.enumerated() {
                let f = "metadata.ownerReferences[\(i)]"
                var entries: [(String, Node)] = []
                for k in ["apiVersion", "kind", "name", "uid"] {
                    entries.append((k, .string(try r.string(item[k], "\(f).\(k)"))))
                }
                for k in ["controller", "blockOwnerDeletion"] {
                    if let b = try r.bool(item[k], "\(f).\(k)") { entries.append((k, .bool(b))) }
                }
                ownerReferences.append(.map(entries))
            }
        }
        if let fields = node["managedFields"], !fields.isNull {
            guard case .sequence(let items) = fields else { throw r.fail(fields, "metadata.managedFields must be a list") }
            for (i, item) in items.enumerated() {
                let f = "metadata.managedFields[\(i)]"
                var entries: [(String, Node)] = []
                for k in ["manager", "operation", "apiVersion"] {
                    let v = try r.string(item[k], "\(f).\(k)")
                    if !v.isEmpty { entries.append((k, .string(v))) }
                }
                if let t = try r.time(item["time"], "\(f).time") { entries.append(("time", .string(t))) }
                let fieldsType = try r.string(item["fieldsType"], "\(f).fieldsType")
                if !fieldsType.isEmpty { entries.append(("fieldsType", .string(fieldsType))) }
                if let v1 = item["fieldsV1"], !v1.isNull { entries.append(("fieldsV1", r.json(v1, sortKeys: !isJSON))) }
                let sub = try r.string(item["subresource"], "\(f).subresource")
                if !sub.isEmpty { entries.append(("subresource", .string(sub))) }
                managedFields.append(.map(entries))
            }
        }
    }

    /// The JSON-ordered node; `legacyCreationTimestamp` writes `creationTimestamp: null` as
    /// kubeseal ≤ v0.31 did.
    func node(legacyCreationTimestamp: Bool) -> Node {
        var e: [(String, Node)] = []
        func add(_ k: String, _ v: String) { if !v.isEmpty { e.append((k, .string(v))) } }
        add("name", name)
        add("generateName", generateName)
        add("namespace", namespace)
        add("selfLink", selfLink)
        add("uid", uid)
        add("resourceVersion", resourceVersion)
        if let g = generation, g != "0" { e.append(("generation", .scalar(Scalar(g)))) }
        if let t = creationTimestamp {
            e.append(("creationTimestamp", .string(t)))
        } else if legacyCreationTimestamp {
            e.append(("creationTimestamp", .null))
        }
        if let t = deletionTimestamp { e.append(("deletionTimestamp", .string(t))) }
        if let s = deletionGracePeriodSeconds { e.append(("deletionGracePeriodSeconds", .scalar(Scalar(s)))) }
        if !labels.isEmpty { e.append(("labels", Self.sortedMap(labels))) }
        if !annotations.isEmpty { e.append(("annotations", Self.sortedMap(annotations))) }
        if !ownerReferences.isEmpty { e.append(("ownerReferences", .sequence(ownerReferences))) }
        if !finalizers.isEmpty { e.append(("finalizers", .sequence(finalizers.map { .string($0) }))) }
        if !managedFields.isEmpty { e.append(("managedFields", .sequence(managedFields))) }
        return .map(e)
    }

    /// A Go `map[string]string` as Go's JSON encoder writes it: keys in byte order.
    static func sortedMap(_ m: [String: String]) -> Node {
        let keys = m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .mapping(Mapping(keys.map { Entry(key: Scalar($0, style: .doubleQuoted), value: .string(m[$0] ?? "")) }))
    }
}
