import YAML

/// How generated values are written into `data` / `binaryData` (kustomize's
/// `LoadMapIntoConfigMapData`, `LoadMapIntoSecretData`, `encodeBase64`).
public enum GeneratedData {
    /// ConfigMap entries: valid UTF-8 goes to `data` as text, anything else to
    /// `binaryData` as wrapped base64. A side with no entries is nil.
    public static func configMap(_ pairs: [KeyValue]) -> (data: Mapping?, binaryData: Mapping?) {
        var data = Mapping()
        var binary = Mapping()
        for p in pairs {
            if let text = String(validating: p.value, as: UTF8.self) {
                data.entries.append(Entry(key: Scalar(p.key), value: .string(text)))
            } else {
                binary.entries.append(Entry(key: Scalar(p.key), value: .string(wrappedBase64(p.value))))
            }
        }
        return (data.isEmpty ? nil : data, binary.isEmpty ? nil : binary)
    }

    /// Secret `data`: every value base64-encoded from its raw bytes.
    public static func secret(_ pairs: [KeyValue]) -> Mapping {
        Mapping(pairs.map { Entry(key: Scalar($0.key), value: .string(wrappedBase64($0.value))) })
    }

    /// Standard base64; at 70 characters or more it is cut into 70-character
    /// lines, each followed by `\n` (so the value prints as a `|` block).
    public static func wrappedBase64(_ bytes: [UInt8]) -> String {
        let encoded = Base64.encode(bytes)
        let lineLength = 70
        guard encoded.utf8.count >= lineLength else { return encoded }
        let u = Array(encoded.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count + u.count / lineLength + 1)
        var i = 0
        while i < u.count {
            let j = min(i + lineLength, u.count)
            out += u[i..<j]
            out.append(UInt8(ascii: "\n"))
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
