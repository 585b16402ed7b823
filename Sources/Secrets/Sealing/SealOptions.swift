/// The parsed command line of `kustos seal`.
public struct SealOptions: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Seal the Secret(s) read from `-f`/a path/stdin.
        case secrets
        /// `--raw`: one value from stdin or `--from-file`.
        case raw
        /// `--new NAME`: a fresh Secret from generated, prompted or env-file values.
        case new(name: String)
    }

    public var mode: Mode = .secrets
    public var cert: String?
    public var scope: SealingScope?
    public var namespace: String?
    public var name: String?
    public var input: String?
    public var format: OutputFormat?
    public var outputFile: String?
    public var mergeInto: String?
    public var fromFile: String?
    public var keys: [String] = []
    public var type: String?
    public var prompt = false
    public var confirm = true
    public var envFile: String?
    public var length = RandomValues.defaultLength
    public var force = false
    public var allowEmptyData = false
    public var legacyCreationTimestamp = false
    public var help = false

    public init() {}

    /// True when values come from `--keys`/`--prompt`/`--from-env-file` rather than a Secret.
    public var generatesValues: Bool {
        if case .new = mode { return true }
        return !keys.isEmpty || envFile != nil || prompt
    }

    public static func parse(_ args: [String]) throws(SealError) -> SealOptions {
        var o = SealOptions()
        var positional: [String] = []
        var i = 0
        var newName: String?
        var raw = false
        func value(_ flag: String, _ inline: String?) throws(SealError) -> String {
            if let inline { return inline }
            i += 1
            guard i < args.count else { throw SealError.usage("\(flag) needs a value") }
            return args[i]
        }
        while i < args.count {
            let arg = args[i]
            var flag = arg
            var inline: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                flag = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            switch flag {
            case "-h", "--help": o.help = true
            case "--cert": o.cert = try value(flag, inline)
            case "--scope":
                let v = try value(flag, inline)
                guard let s = SealingScope(rawValue: v) else {
                    throw SealError.usage("--scope must be strict, namespace-wide or cluster-wide, not \"\(v)\"")
                }
                o.scope = s
            case "-n", "--namespace": o.namespace = try value(flag, inline)
            case "--name": o.name = try value(flag, inline)
            case "-f", "--file", "--secret-file": o.input = try value(flag, inline)
            case "-o", "--output":
                let v = try value(flag, inline)
                if let f = OutputFormat(rawValue: v) {
                    o.format = f
                } else if v.contains(".") || v.contains("/") {
                    o.outputFile = v
                } else {
                    // A bare word is far more likely a mistyped format than a file name.
                    throw SealError.usage("-o \(v): expected yaml, json or a file path with an extension or a directory (use --output-file for other names)")
                }
            case "--format":
                let v = try value(flag, inline)
                guard let f = OutputFormat(rawValue: v) else { throw SealError.usage("--format must be yaml or json, not \"\(v)\"") }
                o.format = f
            case "-w", "--output-file", "--sealed-secret-file": o.outputFile = try value(flag, inline)
            case "--merge-into": o.mergeInto = try value(flag, inline)
            case "--raw": raw = true
            case "--from-file": o.fromFile = try value(flag, inline)
            case "--new": newName = try value(flag, inline)
            case "--keys":
                let v = try value(flag, inline)
                o.keys += v.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            case "--type": o.type = try value(flag, inline)
            case "--prompt": o.prompt = true
            case "--no-confirm": o.confirm = false
            case "--from-env-file": o.envFile = try value(flag, inline)
            case "--length":
                let v = try value(flag, inline)
                guard let n = Int(v), n >= RandomValues.minimumLength, n <= 4096 else {
                    throw SealError.usage("--length must be a number from \(RandomValues.minimumLength) to 4096")
                }
                o.length = n
            case "--force": o.force = true
            case "--allow-empty-data": o.allowEmptyData = true
            case "--legacy-creation-timestamp": o.legacyCreationTimestamp = true
            default:
                if arg == "-" || !arg.hasPrefix("-") {
                    positional.append(arg)
                } else {
                    throw SealError.usage("unknown flag \(flag)")
                }
            }
            i += 1
        }
        if o.help { return o }
        if positional.count > 1 || (positional.count == 1 && o.input != nil) {
            throw SealError.usage("give at most one input file (found \(positional.joined(separator: ", ")))")
        }
        if let p = positional.first { o.input = p }
        if raw && newName != nil { throw SealError.usage("--raw and --new cannot be combined") }
        if raw { o.mode = .raw }
        if let n = newName {
            guard !n.isEmpty else { throw SealError.usage("--new needs a Secret name") }
            o.mode = .new(name: n)
        }
        try o.validate()
        return o
    }

    func validate() throws(SealError) {
        guard cert != nil else { throw SealError.usage("--cert CERT.pem is required (the controller's certificate, e.g. from `kubeseal --fetch-cert`)") }
        for k in keys where !EnvFile.isValidKey(k) {
            throw SealError.usage("invalid key \"\(k)\" in --keys (keys may contain letters, digits, '-', '_' and '.')")
        }
        switch mode {
        case .raw:
            if mergeInto != nil { throw SealError.usage("--raw cannot be combined with --merge-into") }
            if input != nil { throw SealError.usage("--raw reads stdin or --from-file, not -f") }
            if generatesValues { throw SealError.usage("--keys, --prompt and --from-env-file do not apply to --raw") }
            let s = scope ?? .strict
            if s != .clusterWide && (namespace ?? "").isEmpty {
                throw SealError.usage("--raw with scope \(s.rawValue) needs --namespace")
            }
            if s == .strict && (name ?? "").isEmpty {
                throw SealError.usage("--raw with scope strict needs --name")
            }
        case .new:
            if mergeInto != nil { throw SealError.usage("--new writes a new SealedSecret; use --merge-into without --new to update one") }
            if input != nil { throw SealError.usage("--new takes its values from --keys/--prompt/--from-env-file, not from a Secret file") }
            if keys.isEmpty && envFile == nil { throw SealError.usage("--new needs --keys K1,K2,... or --from-env-file FILE") }
            if (scope ?? .strict) != .clusterWide && (namespace ?? "").isEmpty {
                throw SealError.usage("--new needs --namespace (or --scope cluster-wide)")
            }
        case .secrets:
            if fromFile != nil { throw SealError.usage("--from-file applies to --raw only") }
            if generatesValues {
                guard mergeInto != nil else { throw SealError.usage("--keys, --prompt and --from-env-file need --new NAME or --merge-into FILE") }
                if input != nil { throw SealError.usage("give either a Secret file or --keys/--prompt/--from-env-file, not both") }
                if keys.isEmpty && envFile == nil { throw SealError.usage("--prompt needs --keys K1,K2,...") }
            }
        }
        if type != nil, case .secrets = mode { throw SealError.usage("--type applies to --new only") }
    }

    public static let help = """
    Usage:
      kustos seal --cert CERT.pem [-f FILE | FILE] [-o yaml|json] [--scope SCOPE] [-n NS] [--name NAME]
      kustos seal --cert CERT.pem --raw (--from-file PATH | < value) [--scope SCOPE] [-n NS] [--name NAME]
      kustos seal --cert CERT.pem --merge-into SEALED.yaml [-f FILE | FILE | --keys K1,K2 [--prompt]]
      kustos seal --cert CERT.pem --new NAME -n NS --keys K1,K2,... [--type TYPE] [--prompt] -o FILE

    Seals Kubernetes Secrets offline into Bitnami SealedSecrets that the sealed-secrets
    controller decrypts, byte-compatible with kubeseal v0.36 (same fields, order and
    annotations). Values are encrypted in memory; no plaintext is written anywhere.

    Input and output:
      -f, --file FILE          Secret(s) to seal, YAML or JSON, several documents allowed
                               (default: stdin; a bare FILE argument works too)
      -o, --output VALUE       "yaml" or "json" selects the format; a value with a "." or
                               "/" is the output file (other names: --output-file)
          --format yaml|json   the output format (stdout default: json, as kubeseal;
                               file default: json for *.json, yaml otherwise)
      -w, --output-file FILE   write to FILE atomically (temporary file + rename)
          --legacy-creation-timestamp
                               add `creationTimestamp: null` like kubeseal <= v0.31

    Sealing:
          --cert CERT.pem      the controller's certificate (kubeseal --fetch-cert); required.
                               RSA only; an expired certificate is used with a warning
          --scope SCOPE        strict (default), namespace-wide or cluster-wide. strict seals
                               for one name in one namespace; with strict the Secret's own
                               sealedsecrets.bitnami.com/* annotations decide, as in kubeseal
      -n, --namespace NS       namespace for a Secret without one (kustos reads no kubeconfig);
                               a Secret in another namespace is an error
          --name NAME          replace the Secret's name
          --allow-empty-data   seal a Secret without data/stringData

    One value:
          --raw                seal stdin (or --from-file) as one value, verbatim, and print
                               bare base64; strict needs -n and --name, namespace-wide -n
          --from-file [KEY=]PATH
                               the value for --raw

    Updating a SealedSecret:
          --merge-into FILE    seal the given keys and replace only those entries of FILE in
                               place (atomic); every other ciphertext stays byte-identical.
                               Values come from the Secret input or from --keys/--prompt/
                               --from-env-file. FILE keeps its format unless --format is given.
                               Its name, namespace and scope are used; a different scope is refused

    A fresh SealedSecret without a plaintext file:
          --new NAME           create Secret NAME (needs -n NS unless cluster-wide)
          --keys K1,K2,...     the keys to fill; by default each gets a random value of
                               --length characters (default 32, at least 24) from the
                               system's secure random source
          --type TYPE          Secret type (e.g. kubernetes.io/basic-auth); default none
          --prompt             ask for each value on the terminal, without echo, twice
                               (--no-confirm: once); refused when stdin is not a terminal
          --from-env-file FILE take values from KEY=VALUE lines; --keys defaults to its keys.
                               With --prompt, keys missing from FILE are asked for
          --force              replace an existing output file (--new refuses by default)

    Exit status: 0 sealed, 1 bad input (the message names the file), 2 usage error.
    """
}
