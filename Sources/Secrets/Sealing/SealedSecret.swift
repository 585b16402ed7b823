import YAML

/// A `bitnami.com/v1alpha1` SealedSecret with kubeseal's fields (FORMAT.md §4). Produced by
/// `Sealer`, or decoded from a file for `--merge-into`.
public struct SealedSecret: Sendable {
    public var metadata: ObjectMeta
    public var template: Template
    /// Key → base64 hybrid ciphertext.
    public var encryptedData: [String: String]
    /// The deprecated whole-Secret blob; kept when a decoded file has it, never produced.
    var legacyData: String?
    /// `status`, kept verbatim when a decoded file has one.
    var status: Node?

    /// `spec.template`: what the controller copies into the Secret it creates.
    public struct Template: Sendable {
        public var metadata: ObjectMeta
        public var type = ""
        public var immutable: Bool?
        /// Go-template values (`spec.template.data`); kubeseal never sets them.
        public var data: [String: String] = [:]

        public init(metadata: ObjectMeta) { self.metadata = metadata }
    }

    public init(metadata: ObjectMeta, template: Template, encryptedData: [String: String]) {
        self.metadata = metadata
        self.template = template
        self.encryptedData = encryptedData
    }

    public static let apiVersion = "bitnami.com/v1alpha1"
    public static let kind = "SealedSecret"

    /// The scope the controller applies: read from the object's own top-level annotations.
    public var scope: SealingScope { SealingScope(annotations: metadata.annotations) }

    /// The OAEP label the controller uses for this object's values.
    public var label: [UInt8] { scope.label(namespace: metadata.namespace, name: metadata.name) }

    /// The object in Go struct order (the JSON layout); YAML output re-sorts keys itself.
    public func node(legacyCreationTimestamp: Bool = false) -> Node {
        var t: [(String, Node)] = [("metadata", template.metadata.node(legacyCreationTimestamp: legacyCreationTimestamp))]
        if !template.type.isEmpty { t.append(("type", .string(template.type))) }
        if let i = template.immutable { t.append(("immutable", .bool(i))) }
        if !template.data.isEmpty { t.append(("data", ObjectMeta.sortedMap(template.data))) }
        var spec: [(String, Node)] = [("template", .map(t))]
        if let d = legacyData, !d.isEmpty { spec.append(("data", .string(d))) }
        spec.append(("encryptedData", ObjectMeta.sortedMap(encryptedData)))
        var top: [(String, Node)] = [
            ("kind", .string(Self.kind)),
            ("apiVersion", .string(Self.apiVersion)),
            ("metadata", metadata.node(legacyCreationTimestamp: legacyCreationTimestamp)),
            ("spec", .map(spec)),
        ]
        if let status { top.append(("status", status)) }
        return .map(top)
    }

    /// Decodes a SealedSecret file (YAML or JSON, exactly one object), for `--merge-into`.
    public static func decode(_ text: String, file: String) throws(SealError) -> SealedSecret {
        let docs: [SourceDocument]
        do {
            docs = try DocumentStream.read(text, file: file)
        } catch {
            throw SealError.mergeTarget(path: file, problem: error.description)
        }
        guard docs.count == 1, let doc = docs.first else {
            throw SealError.mergeTarget(path: file, problem: "expected exactly one SealedSecret, found \(docs.count) documents")
        }
        let r = doc.reader
        let node = doc.node
        guard node["kind"]?.string == kind, node["apiVersion"]?.string == apiVersion else {
            throw SealError.mergeTarget(path: file, problem: "not a \(apiVersion) SealedSecret")
        }
        let spec = node["spec"]
        let tnode = spec?["template"]
        var template = Template(metadata: try ObjectMeta(reading: tnode?["metadata"], r, isJSON: doc.isJSON))
        template.type = try r.string(tnode?["type"], "spec.template.type")
        template.immutable = try r.bool(tnode?["immutable"], "spec.template.immutable")
        template.data = try r.stringMap(tnode?["data"], "spec.template.data")
        var s = SealedSecret(metadata: try ObjectMeta(reading: node["metadata"], r, isJSON: doc.isJSON),
                             template: template,
                             encryptedData: try r.stringMap(spec?["encryptedData"], "spec.encryptedData"))
        let legacy = try r.string(spec?["data"], "spec.data")
        s.legacyData = legacy.isEmpty ? nil : legacy
        if let st = node["status"], !st.isNull { s.status = st }
        return s
    }
}
