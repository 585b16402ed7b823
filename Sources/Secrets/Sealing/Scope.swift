import YAML

/// The sealed-secrets scope of a SealedSecret: which names and namespaces its values decrypt
/// under. The scope is the RSA-OAEP label, so nothing but the label enforces it (FORMAT.md §2).
public enum SealingScope: String, Sendable, CaseIterable {
    case strict
    case namespaceWide = "namespace-wide"
    case clusterWide = "cluster-wide"

    public static let clusterWideAnnotation = "sealedsecrets.bitnami.com/cluster-wide"
    public static let namespaceWideAnnotation = "sealedsecrets.bitnami.com/namespace-wide"

    /// The OAEP label for a value sealed in this scope: `ns/name`, `ns`, or empty.
    public func label(namespace: String, name: String) -> [UInt8] {
        switch self {
        case .strict: return Array("\(namespace)/\(name)".utf8)
        case .namespaceWide: return Array(namespace.utf8)
        case .clusterWide: return []
        }
    }

    /// The controller's rule: an annotation counts only when it is exactly `"true"`, and
    /// cluster-wide wins over namespace-wide.
    public init(annotations: [String: String]) {
        if annotations[Self.clusterWideAnnotation] == "true" {
            self = .clusterWide
        } else if annotations[Self.namespaceWideAnnotation] == "true" {
            self = .namespaceWide
        } else {
            self = .strict
        }
    }

    /// The scope read from a metadata mapping node (absent or malformed annotations: strict).
    public init(metadata: Node?) {
        var annotations: [String: String] = [:]
        if let entries = metadata?["annotations"]?.mapping?.entries {
            for e in entries {
                if let v = e.value.scalar, !v.isNull { annotations[e.key.value] = v.value }
            }
        }
        self.init(annotations: annotations)
    }

    /// kubeseal's `UpdateScopeAnnotations`: drops both scope annotations, then sets this scope's.
    public func applied(to annotations: [String: String]) -> [String: String] {
        var a = annotations
        a[Self.clusterWideAnnotation] = nil
        a[Self.namespaceWideAnnotation] = nil
        switch self {
        case .strict: break
        case .namespaceWide: a[Self.namespaceWideAnnotation] = "true"
        case .clusterWide: a[Self.clusterWideAnnotation] = "true"
        }
        return a
    }
}
