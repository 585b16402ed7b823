import Foundation
import Kustomize
import Scan
import Secrets
import YAML

/// The `kustos` command line: parses arguments and dispatches; no logic of its own.
public enum KustosCLI {
    public static let version = "0.1.0"

    public static let usage = """
    kustos — render kustomizations exactly as kustomize v5.8.1 does, and keep secrets out of Git.

    Usage:
      kustos build [DIR] [-o FILE|DIR/]   render a kustomization (default DIR: .)
      kustos fmt FILE...                  print YAML files in kustomize's output format
      kustos seal --cert CERT.pem ...     seal Secrets into SealedSecrets offline (kubeseal-compatible)
      kustos scan [PATH...] | --staged    find plaintext secrets before they reach Git
      kustos hook install                 install the Git pre-commit hook (kustos scan --staged)
      kustos version                      print the version
      kustos help [COMMAND]               show help

    Run 'kustos COMMAND --help' for a command's options.
    Exit status: 0 success, 1 build or input error, 2 usage error or unsupported feature.
    """

    public static func run(_ args: [String]) -> Int32 {
        var io = StandardIO()
        let status = run(args, io: &io)
        if let failure = io.writeFailure {
            io.err("error: writing standard output: \(failure)")
            return status == 0 ? 1 : status
        }
        return status
    }

    public static func run(_ args: [String], io: inout StandardIO) -> Int32 {
        guard let command = args.first else {
            io.err(usage)
            return 2
        }
        let rest = Array(args.dropFirst())
        switch command {
        case "build": return BuildCommand.run(rest, io: &io)
        case "fmt": return FmtCommand.run(rest, io: &io)
        case "seal": return SealCommand.run(rest)
        case "scan":
            return ScanCommand.run(rest, renderer: { dir in
                do {
                    return try Build().run(dir)
                } catch {
                    throw RenderError(message: "\(error)")
                }
            })
        case "hook": return HookCommand.run(rest)
        case "version", "--version":
            io.out("kustos \(version) (kustomize v5.8.1 compatible)\n")
            return 0
        case "help", "--help", "-h":
            if let sub = rest.first { return run([sub, "--help"], io: &io) }
            io.out(usage + "\n")
            return 0
        default:
            io.err("kustos: unknown command '\(command)'; run 'kustos --help'")
            return 2
        }
    }
}

/// A build failure passed to `kustos scan --rendered`.
struct RenderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Standard output and error; tests substitute buffers.
public struct StandardIO {
    public var capture: Bool
    public var stdout: [UInt8] = []
    public var stderr: String = ""

    public init(capture: Bool = false) { self.capture = capture }

    /// Values the process front never frees: a build's result is a tree of
    /// millions of small allocations, and freeing them one by one at the end
    /// costs as much as a transformer stage (~80 ms at 1000 services, on one
    /// core), while the kernel takes the whole heap back at exit for free.
    /// A capturing front (tests, callers in the same process) keeps nothing.
    nonisolated(unsafe) private static var keptUntilExit: [Any] = []

    /// Keeps `value` alive until the process exits (see `keptUntilExit`).
    public func keepUntilExit(_ value: Any) {
        if !capture { Self.keptUntilExit.append(value) }
    }

    public mutating func out(_ s: String) {
        out(bytes: Array(s.utf8))
    }

    public mutating func out(bytes: [UInt8]) {
        if capture {
            stdout += bytes
        } else {
            if bytes.count > 1 << 16 && !pipeWidened {
                pipeWidened = true
                Self.widenPipe(STDOUT_FILENO)
            }
            write(bytes, to: STDOUT_FILENO)
        }
    }

    /// Standard output's pipe buffer was raised already (or need not be).
    private var pipeWidened = false

    /// A large output to a pipe goes in fewer, larger writes: the pipe's buffer is
    /// raised to 1 MiB (64 KiB by default); a refusal is harmless.
    static func widenPipe(_ fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFIFO else { return }
        _ = fcntl(fd, 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
    }

    /// Why writing standard output failed, if it did (the command's status becomes 1).
    public private(set) var writeFailure: String?

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes.
    mutating func write(_ bytes: [UInt8], to fd: Int32) {
        if writeFailure != nil { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    writeFailure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
    }

    /// One line on standard error (a newline is added).
    public mutating func err(_ s: String) {
        let line = s.hasSuffix("\n") ? s : s + "\n"
        if capture {
            stderr += line
        } else {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
