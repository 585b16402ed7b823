import YAML

/// A build failure. Its description is the one-line message kustomize would print
/// after `error: `; nested failures are wrapped with the context kustomize adds.
public enum KustomizeError: Error, Sendable, CustomStringConvertible {
    /// A failure with kustomize's wording.
    case message(String)
    /// A feature kustos does not implement (helm, remote resources, plugins).
    case unsupported(String)

    public var description: String {
        switch self {
        case .message(let m): return m
        case .unsupported(let m): return m + " is not supported by kustos"
        }
    }

    public var isUnsupported: Bool {
        if case .unsupported = self { return true }
        return false
    }

    /// The same error with `prefix` put before its message.
    public func wrapped(_ prefix: String) -> KustomizeError {
        switch self {
        case .message(let m): return .message(prefix + m)
        case .unsupported: return self
        }
    }
}
