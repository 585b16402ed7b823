import YAML

/// A Secret to seal, decoded as kubeseal decodes its input into a core/v1 Secret (FORMAT.md §3).
/// Values live only in memory: nothing here is ever printed or written in clear.
public struct SecretInput: Sendable {
    /// `file:line` of the document, for messages.
    public var origin: String
    public var metadata: ObjectMeta
    /// `data` entries, already base64-decoded.
    public var data: [String: [UInt8]] = [:]
    public var stringData: [String: String] = [:]
    public var type = ""
    public var immutable: Bool?

    public init(origin: String, metadata: ObjectMeta, stringData: [String: String] = [:], type: String = "") {
        self.origin = origin
        self.metadata = metadata
        self.stringData = stringData
        self.type = type
    }

    /// True when the Secret has neither `data` nor `stringData` entries.
    public var hasNoValues: Bool { data.isEmpty && stringData.isEmpty }

    /// Every Secret of a YAML or JSON stream, in order; empty documents are skipped.
    public static func parseStream(_ text: String, file: String) throws(SealError) -> [SecretInput] {
        var out: [SecretInput] = []
        for doc in try DocumentStream.read(text, file: file) {
            if let s = try SecretInput(doc) { out.append(s) }
        }
        return out
    }

    /// Nil for a document that decodes to an empty Secret (kubeseal skips those).
    init?(_ doc: SourceDocument) throws(SealError) {
        let r = doc.reader
        let node = doc.node
        guard case .mapping = node else { throw r.fail(node, "expected a Secret object, found a \(node.sequence != nil ? "list" : "scalar")") }
        if let kind = node["kind"]?.string, !kind.isEmpty, kind != "Secret" {
            throw r.fail(node, "expected kind Secret, found \(kind)")
        }
        origin = r.origin(node)
        metadata = try ObjectMeta(reading: node["metadata"], r, isJSON: doc.isJSON)
        if let d = node["data"], !d.isNull {
            guard case .mapping(let m) = d else { throw r.fail(d, "data must be a mapping") }
            for e in m.entries {
                let key = GoText.string(e.key)
                let text = try r.string(e.value, "data.\(key)")
                guard let bytes = Self.decodeBase64(text) else {
                    throw r.fail(e.value, "data.\(key) is not valid base64 (use stringData for plain text)")
                }
                data[key] = bytes
            }
        }
        stringData = try r.stringMap(node["stringData"], "stringData")
        type = try r.string(node["type"], "type")
        immutable = try r.bool(node["immutable"], "immutable")
        if metadata.isEmpty && data.isEmpty && stringData.isEmpty && type.isEmpty && immutable == nil
            && node["data"] == nil && node["stringData"] == nil {
            return nil
        }
    }

    /// Go's `base64.StdEncoding`: padding required, CR and LF ignored, nothing else.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        if text.utf8.contains(where: { $0 == 32 || $0 == 9 }) { return nil }
        return Base64.decode(text)
    }
}
