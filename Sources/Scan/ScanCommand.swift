import Foundation

/// `kustos scan`: finds plaintext secrets in files, in the Git index, or in a rendered
/// kustomization, and exits 1 when it finds any.
public enum ScanCommand {
    /// Builds a kustomization folder into a YAML stream. The CLI supplies it once the
    /// kustomize pipeline exists; without one, `--rendered` reports that it is unavailable.
    public typealias Renderer = @Sendable (String) throws -> String

    public static let usage = """
    usage: kustos scan [PATH...]              scan files and folders (default: .)
           kustos scan --staged               scan what is staged for the next commit
           kustos scan --rendered DIR         build the kustomization in DIR and scan the output

    Finds plaintext secrets: Secret data (decoded) and stringData, secretGenerator literals and
    sources, .env files, docker configs, Helm values, connection strings, private keys and
    well-known token formats. Inside a Git work tree, .gitignore is honoured.

    options:
      --format text|json|sarif   output format (default: text, PATH:LINE:COL: RULE: message)
      --baseline FILE            accept the findings recorded in FILE; report only new ones
      --write-baseline FILE      record every current finding in FILE and exit 0
      --exclude GLOB             skip paths matching GLOB (`*` crosses folders; repeatable)
      --no-gitignore             scan ignored files too
      --list-rules               print the rules and exit
      -h, --help                 show this help

    Suppress one line with `# pragma: allowlist secret` or `# kustos:allow [RULE...]`.
    Exit status: 1 when secrets are found, 0 when clean, 2 on a usage or I/O error.
    Values are always masked in output.
    """

    enum Format: String { case text, json, sarif }

    struct Options {
        var paths: [String] = []
        var staged = false
        var rendered: String?
        var format = Format.text
        var baseline: String?
        var writeBaseline: String?
        var honourGitIgnore = true
        var excludes: [String] = []
        var help = false
        var listRules = false
    }

    /// Runs the command with the process's standard output and error.
    public static func run(_ args: [String], renderer: Renderer? = nil) -> Int32 {
        run(args, renderer: renderer, stdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
            stderr: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// - Parameter cwd: the folder relative paths start from (the process's own by default).
    static func run(_ args: [String], renderer: Renderer?, in cwd: String = ".",
                    stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        do throws(ScanError) {
            let o = try parse(args)
            if o.help {
                stdout(usage + "\n")
                return 0
            }
            if o.listRules {
                stdout(Rule.all.map { "\($0.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \($0.title)" }.joined(separator: "\n") + "\n")
                return 0
            }
            var result = try scan(o, renderer: renderer, in: cwd)
            if let path = o.writeBaseline {
                guard FileManager.default.createFile(atPath: FileList.resolve(path, in: cwd), contents: Data(Baseline.render(result.findings).utf8)) else {
                    throw .io(path: path, reason: "cannot write the baseline")
                }
                stderr("kustos scan: wrote \(result.findings.count) finding\(result.findings.count == 1 ? "" : "s") to \(path)\n")
                return 0
            }
            if let path = o.baseline {
                let b = try Baseline.load(FileList.resolve(path, in: cwd), shownAs: path)
                result.findings.removeAll(where: b.accepts)
            }
            switch o.format {
            case .text:
                stdout(TextReporter.render(result.findings))
                stderr(summary(result))
            case .json:
                stdout(JSONReporter.render(result.findings, filesScanned: result.filesScanned))
            case .sarif:
                stdout(SARIFReporter.render(result.findings, toolVersion: "0.1.0"))
            }
            return result.findings.isEmpty ? 0 : 1
        } catch {
            stderr("kustos scan: \(error)\n")
            return 2
        }
    }

    static func summary(_ r: ScanResult) -> String {
        let files = Set(r.findings.map(\.path)).count
        let scanned = "\(r.filesScanned) file\(r.filesScanned == 1 ? "" : "s") scanned"
        if r.findings.isEmpty { return "kustos scan: no secrets found (\(scanned))\n" }
        return "kustos scan: \(r.findings.count) secret\(r.findings.count == 1 ? "" : "s") found in \(files) file\(files == 1 ? "" : "s") (\(scanned)); "
            + "remove and rotate them, or mark a false finding with `# kustos:allow RULE`\n"
    }

    static func parse(_ args: [String]) throws(ScanError) -> Options {
        var o = Options()
        var i = 0
        var onlyPaths = false
        func value(_ flag: String) throws(ScanError) -> String {
            i += 1
            guard i < args.count else { throw .usage("\(flag) needs a value") }
            return args[i]
        }
        while i < args.count {
            var a = args[i]
            var inline: String?
            if !onlyPaths, a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                inline = String(a[a.index(after: eq)...])
                a = String(a[..<eq])
            }
            func take(_ flag: String) throws(ScanError) -> String {
                if let inline { return inline }
                return try value(flag)
            }
            if onlyPaths || !a.hasPrefix("-") || a == "-" {
                o.paths.append(args[i])
            } else {
                switch a {
                case "--": onlyPaths = true
                case "-h", "--help": o.help = true
                case "--staged": o.staged = true
                case "--rendered": o.rendered = try take(a)
                case "--format":
                    let v = try take(a)
                    guard let f = Format(rawValue: v) else { throw .usage("unknown format '\(v)' (text, json, sarif)") }
                    o.format = f
                case "--baseline": o.baseline = try take(a)
                case "--write-baseline": o.writeBaseline = try take(a)
                case "--no-gitignore": o.honourGitIgnore = false
                case "--exclude": o.excludes.append(try take(a))
                case "--list-rules": o.listRules = true
                default: throw .usage("unknown option '\(a)' (see kustos scan --help)")
                }
                if inline != nil && ["-h", "--help", "--staged", "--no-gitignore", "--list-rules", "--"].contains(a) {
                    throw .usage("\(a) takes no value")
                }
            }
            i += 1
        }
        if o.staged && (o.rendered != nil || !o.paths.isEmpty) {
            throw .usage("--staged scans the Git index; it takes no paths and no --rendered")
        }
        if o.rendered != nil && !o.paths.isEmpty { throw .usage("--rendered DIR takes no other paths") }
        return o
    }

    /// `fnmatch` without `FNM_PATHNAME`: `*` matches across `/`, so `fixtures/*` covers a tree.
    static func excluded(_ path: String, _ globs: [String]) -> Bool {
        globs.contains { fnmatch($0, path, 0) == 0 || fnmatch($0 + "/*", path, 0) == 0 }
    }

    static func scan(_ o: Options, renderer: Renderer?, in cwd: String) throws(ScanError) -> ScanResult {
        let scanner = Scanner()
        if o.staged {
            return scanner.scan(try GitIndex.stagedFiles(in: cwd).filter { !excluded($0.path, o.excludes) })
        }
        if let dir = o.rendered {
            guard let renderer else { throw .renderUnavailable }
            let yaml: String
            do {
                yaml = try renderer(dir)
            } catch {
                throw .render(path: dir, reason: "\(error)")
            }
            return scanner.scan([SourceFile(path: "\(FileList.display(dir).isEmpty ? "." : FileList.display(dir))@rendered.yaml", bytes: Array(yaml.utf8))])
        }
        var paths: [String] = []
        var seen = Set<String>()
        for arg in o.paths.isEmpty ? ["."] : o.paths {
            for p in try FileList.files(for: arg, in: cwd, honourGitIgnore: o.honourGitIgnore)
            where !excluded(p, o.excludes) && seen.insert(p).inserted {
                paths.append(p)
            }
        }
        let frozen = paths
        return scanner.scan(paths: frozen) { i in FileList.read(FileList.resolve(frozen[i], in: cwd)) }
    }
}
