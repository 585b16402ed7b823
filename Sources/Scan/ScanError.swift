/// Why a scan could not run: bad arguments (exit 2) or I/O trouble (exit 2). Messages never
/// contain file contents.
public enum ScanError: Error, Sendable, Equatable, CustomStringConvertible {
    case usage(String)
    case io(path: String, reason: String)
    case git(String)
    case renderUnavailable
    case render(path: String, reason: String)
    case baseline(path: String, reason: String)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case .io(let p, let r): return "\(p): \(r)"
        case .git(let m): return "git: \(m)"
        case .renderUnavailable:
            return "--rendered is not available in this build: no kustomize renderer was supplied"
        case .render(let p, let r): return "cannot render \(p): \(r)"
        case .baseline(let p, let r): return "baseline \(p): \(r)"
        }
    }
}
