/// Everything that can stop `kustos seal`. Messages name the file, document or key that is at
/// fault and never carry a secret value: callers pass key names and positions, not contents.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad command line: unknown flag, missing argument, conflicting options (exit status 2).
    case usage(String)
    /// A file that cannot be read or written.
    case file(path: String, problem: String)
    /// The `--cert` file is not a usable sealing certificate.
    case certificate(path: String, problem: String)
    /// An input Secret (or env file) that cannot be sealed; `origin` is `file:line` or `file`.
    case input(origin: String, problem: String)
    /// The `--merge-into` target is not a SealedSecret that can be updated.
    case mergeTarget(path: String, problem: String)
    /// libcrypto failed; the text is OpenSSL's reason, which never includes key or data bytes.
    case crypto(String)
    /// Reading a value from the terminal failed or was refused.
    case terminal(String)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case .file(let p, let m): return "\(p): \(m)"
        case .certificate(let p, let m): return "\(p): \(m)"
        case .input(let o, let m): return "\(o): \(m)"
        case .mergeTarget(let p, let m): return "\(p): \(m)"
        case .crypto(let m): return "libcrypto: \(m)"
        case .terminal(let m): return m
        }
    }

    /// Process exit status: 2 for usage errors, 1 for everything else.
    public var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
