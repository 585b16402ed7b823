import Foundation
import YAML

/// What `kustos seal` touches outside its arguments, so tests can run it in process.
public struct SealEnvironment {
    /// All of standard input.
    public var readStdin: () throws(SealError) -> [UInt8]
    public var stdinIsTerminal: Bool
    public var writeStdout: (String) -> Void
    public var writeStderr: (String) -> Void
    /// The terminal for `--prompt`; nil when standard input is not one.
    public var secretReader: (any SecretReader)?
    public var now: () -> Date
    public var randomValue: (Int) -> String

    public init(readStdin: @escaping () throws(SealError) -> [UInt8], stdinIsTerminal: Bool,
                writeStdout: @escaping (String) -> Void, writeStderr: @escaping (String) -> Void,
                secretReader: (any SecretReader)?, now: @escaping () -> Date = Date.init,
                randomValue: @escaping (Int) -> String = { RandomValues.generate(length: $0) }) {
        self.readStdin = readStdin
        self.stdinIsTerminal = stdinIsTerminal
        self.writeStdout = writeStdout
        self.writeStderr = writeStderr
        self.secretReader = secretReader
        self.now = now
        self.randomValue = randomValue
    }

    /// The real process: file descriptors 0, 1 and 2.
    public static func process() -> SealEnvironment {
        let reader = TerminalSecretReader()
        return SealEnvironment(
            readStdin: { () throws(SealError) -> [UInt8] in Array(FileHandle.standardInput.readDataToEndOfFile()) },
            stdinIsTerminal: reader != nil,
            writeStdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeStderr: { FileHandle.standardError.write(Data($0.utf8)) },
            secretReader: reader)
    }
}

/// `kustos seal`: SealedSecrets offline, compatible with kubeseal and the controller.
public enum SealCommand {
    public static func run(_ args: [String]) -> Int32 {
        var env = SealEnvironment.process()
        return run(args, environment: &env)
    }

    public static func run(_ args: [String], environment env: inout SealEnvironment) -> Int32 {
        do {
            let options = try SealOptions.parse(args)
            if options.help {
                env.writeStdout(SealOptions.help + "\n")
                return 0
            }
            try execute(options, &env)
            return 0
        } catch {
            let hint = error.exitCode == 2 ? " (see kustos seal --help)" : ""
            env.writeStderr("kustos seal: \(error.description)\(hint)\n")
            return error.exitCode
        }
    }

    static func execute(_ o: SealOptions, _ env: inout SealEnvironment) throws(SealError) {
        let certPath = o.cert ?? ""
        let cert = try SealingCertificate.load(path: certPath)
        if cert.isExpired(at: env.now()) { env.writeStderr("kustos seal: warning: \(cert.expiryWarning(path: certPath))\n") }
        var sealer = Sealer(key: cert.publicKey, scope: o.scope, namespace: o.namespace, name: o.name)
        sealer.allowEmptyData = o.allowEmptyData

        switch o.mode {
        case .raw:
            let value: [UInt8]
            if let f = o.fromFile {
                let path = f.firstIndex(of: "=").map { String(f[f.index(after: $0)...]) } ?? f
                value = try readFile(path)
            } else {
                if env.stdinIsTerminal { env.writeStderr("(tty detected: expecting the value on stdin, end with Ctrl-D)\n") }
                value = try env.readStdin()
            }
            let scope = o.scope ?? .strict
            let text = try Sealer.sealRaw(value, scope: scope, namespace: o.namespace ?? "", name: o.name ?? "", key: cert.publicKey)
            try emit(text, o, defaultFormat: nil, env)

        case .new(let name):
            // Checked before any value is generated or typed, so nobody types a password for nothing.
            if let file = o.outputFile, !o.force, FileManager.default.fileExists(atPath: file) {
                throw SealError.file(path: file, problem: "already exists; pass --force to replace it (its current values would be lost) or --merge-into to update some keys")
            }
            let meta = ObjectMeta(name: name, namespace: o.namespace ?? "")
            let secret = SecretInput(origin: "--new \(name)", metadata: meta, stringData: try values(o, secretName: name, &env), type: o.type ?? "")
            let sealed = try sealer.seal(secret)
            let format = o.format ?? fileFormat(o.outputFile) ?? .yaml
            try emit(try format.render([sealed], legacyCreationTimestamp: o.legacyCreationTimestamp), o, defaultFormat: format, env)

        case .secrets:
            if let target = o.mergeInto {
                try merge(into: target, o, sealer, &env)
                return
            }
            let (text, file) = try readInput(o, env)
            let secrets = try SecretInput.parseStream(text, file: file)
            guard !secrets.isEmpty else {
                throw SealError.input(origin: file, problem: "no Secret found in the input")
            }
            var sealed: [SealedSecret] = []
            for s in secrets { sealed.append(try sealer.seal(s)) }
            let format = o.format ?? fileFormat(o.outputFile) ?? .json
            try emit(try format.render(sealed, legacyCreationTimestamp: o.legacyCreationTimestamp), o, defaultFormat: format, env)
        }
    }

    static func merge(into path: String, _ o: SealOptions, _ sealer: Sealer, _ env: inout SealEnvironment) throws(SealError) {
        let targetText = String(decoding: try readFile(path), as: UTF8.self)
        let target = try SealedSecret.decode(targetText, file: path)
        let secrets: [SecretInput]
        if o.generatesValues {
            let name = target.metadata.name
            secrets = [SecretInput(origin: "--merge-into \(path)", metadata: ObjectMeta(), stringData: try values(o, secretName: name, &env))]
        } else {
            let (text, file) = try readInput(o, env)
            secrets = try SecretInput.parseStream(text, file: file)
            guard !secrets.isEmpty else { throw SealError.input(origin: file, problem: "no Secret found in the input") }
        }
        let merged = try MergeInto.merge(secrets, into: target, sealer: sealer, targetPath: path)
        let wasJSON = targetText.drop(while: { $0.isWhitespace }).first == "{"
        let format = o.format ?? (wasJSON ? .json : .yaml)
        let legacy = o.legacyCreationTimestamp || targetText.contains("creationTimestamp: null") || targetText.contains("\"creationTimestamp\": null")
        let text = try format.render([merged], legacyCreationTimestamp: legacy)
        try AtomicFile.write(text, to: o.outputFile ?? path)
    }

    /// Values for `--new` and generated `--merge-into`: env file, then prompt, else random.
    static func values(_ o: SealOptions, secretName: String, _ env: inout SealEnvironment) throws(SealError) -> [String: String] {
        var fromFile: [String: String] = [:]
        var keys = o.keys
        if let f = o.envFile {
            let entries = try EnvFile.parse(String(decoding: try readFile(f), as: UTF8.self), file: f)
            for e in entries { fromFile[e.key] = e.value }
            if keys.isEmpty { keys = entries.map(\.key) }
            guard !keys.isEmpty else { throw SealError.input(origin: f, problem: "no KEY=VALUE entries") }
        }
        let missing = keys.filter { fromFile[$0] == nil }
        if o.envFile != nil && !missing.isEmpty && !o.prompt {
            throw SealError.input(origin: o.envFile ?? "", problem: "no value for \(missing.joined(separator: ", ")) (add it, or pass --prompt to type it)")
        }
        if o.prompt && !missing.isEmpty && (!env.stdinIsTerminal || env.secretReader == nil) {
            throw SealError.terminal("--prompt needs a terminal on stdin; in scripts pass the values with --from-env-file FILE")
        }
        var out: [String: String] = [:]
        for k in keys {
            if let v = fromFile[k] {
                out[k] = v
            } else if o.prompt, var reader = env.secretReader {
                out[k] = try ValuePrompt.ask(key: k, secretName: secretName, confirm: o.confirm, reader: &reader)
                env.secretReader = reader
            } else {
                out[k] = env.randomValue(o.length)
            }
        }
        return out
    }

    static func readInput(_ o: SealOptions, _ env: SealEnvironment) throws(SealError) -> (String, String) {
        if let f = o.input, f != "-" {
            return (String(decoding: try readFile(f), as: UTF8.self), f)
        }
        if env.stdinIsTerminal { env.writeStderr("(tty detected: expecting a json/yaml Secret on stdin)\n") }
        return (String(decoding: try env.readStdin(), as: UTF8.self), "<stdin>")
    }

    static func readFile(_ path: String) throws(SealError) -> [UInt8] {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw SealError.file(path: path, problem: "is a directory")
        }
        guard let d = FileManager.default.contents(atPath: path) else {
            throw SealError.file(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file")
        }
        return Array(d)
    }

    static func fileFormat(_ path: String?) -> OutputFormat? {
        guard let path else { return nil }
        return path.lowercased().hasSuffix(".json") ? .json : .yaml
    }

    static func emit(_ text: String, _ o: SealOptions, defaultFormat: OutputFormat?, _ env: SealEnvironment) throws(SealError) {
        if let file = o.outputFile {
            try AtomicFile.write(text, to: file)
        } else {
            env.writeStdout(text)
        }
    }
}
