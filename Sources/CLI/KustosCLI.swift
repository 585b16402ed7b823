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
        return run(args, io: &io)
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

    public mutating func out(_ s: String) {
        out(bytes: Array(s.utf8))
    }

    public mutating func out(bytes: [UInt8]) {
        if capture {
            stdout += bytes
        } else {
            FileHandle.standardOutput.write(Data(bytes))
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
