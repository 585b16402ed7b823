import Foundation

/// The Git pre-commit hook `kustos hook install` writes: it runs `kustos scan --staged`
/// (with the repository's baseline when there is one) and lets Git refuse the commit when
/// the scan exits non-zero.
enum Hook {
    /// Marks a hook as ours, so that reinstalling may replace it and a foreign one is kept.
    static let marker = "# kustos-managed-hook"
    static let baselineFile = ".kustos-baseline.json"

    static func script(kustos: String) -> String {
        """
        #!/bin/sh
        \(marker): blocks commits that add plaintext secrets.
        # Installed by `kustos hook install`; remove with `kustos hook uninstall`.
        # A false finding: add `# kustos:allow RULE` to its line. Accept existing findings with
        # `kustos scan --write-baseline \(baselineFile)`. Skip once: `git commit --no-verify`.
        KUSTOS=\(shellQuote(kustos))
        command -v "$KUSTOS" >/dev/null 2>&1 || KUSTOS=kustos
        top=$(git rev-parse --show-toplevel) || exit 2
        cd "$top" || exit 2
        if [ -f \(baselineFile) ]; then
          exec "$KUSTOS" scan --staged --baseline \(baselineFile)
        fi
        exec "$KUSTOS" scan --staged

        """
    }

    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    enum Outcome: Equatable {
        case installed(path: String)
        case replaced(path: String, backup: String)
        case uninstalled(path: String)
        case notInstalled(path: String)
    }

    /// The hooks folder Git uses for the repository around `dir` (honours `core.hooksPath`).
    static func hooksDirectory(in dir: String) throws(ScanError) -> String {
        let o = try Git.run(["rev-parse", "--git-path", "hooks"], in: dir)
        guard o.status == 0 else { throw .git(o.stderr.isEmpty ? "not inside a Git repository" : o.stderr) }
        let rel = String(decoding: o.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return rel.hasPrefix("/") ? rel : (dir == "." ? rel : dir + "/" + rel)
    }

    static func install(in dir: String, kustos: String, force: Bool) throws(ScanError) -> Outcome {
        let hooks = try hooksDirectory(in: dir)
        let path = hooks + "/pre-commit"
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        } catch {
            throw .io(path: hooks, reason: "cannot create the hooks folder")
        }
        var backup: String?
        if let existing = fm.contents(atPath: path) {
            let ours = String(decoding: existing, as: UTF8.self).contains(marker)
            if !ours {
                guard force else {
                    throw .usage("\(path) exists and was not written by kustos; keep it, call `kustos scan --staged` from it, or replace it with --force (a backup is kept)")
                }
                let b = path + ".kustos-backup"
                try? fm.removeItem(atPath: b)
                do {
                    try fm.moveItem(atPath: path, toPath: b)
                } catch {
                    throw .io(path: path, reason: "cannot move the existing hook aside")
                }
                backup = b
            }
        }
        guard fm.createFile(atPath: path, contents: Data(script(kustos: kustos).utf8), attributes: [.posixPermissions: 0o755])
        else { throw .io(path: path, reason: "cannot write the hook") }
        // createFile keeps an existing file's mode: make sure the hook is executable.
        try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        if let backup { return .replaced(path: path, backup: backup) }
        return .installed(path: path)
    }

    static func uninstall(in dir: String) throws(ScanError) -> Outcome {
        let path = try hooksDirectory(in: dir) + "/pre-commit"
        guard let existing = FileManager.default.contents(atPath: path),
              String(decoding: existing, as: UTF8.self).contains(marker) else { return .notInstalled(path: path) }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .io(path: path, reason: "cannot remove the hook")
        }
        return .uninstalled(path: path)
    }
}

/// `kustos hook install|uninstall`: manages the Git pre-commit hook.
public enum HookCommand {
    public static let usage = """
    usage: kustos hook install [--force] [-C DIR]   write a Git pre-commit hook running `kustos scan --staged`
           kustos hook uninstall [-C DIR]           remove the hook kustos wrote

    A pre-commit hook that kustos did not write is kept unless --force is given (it is then
    moved to pre-commit.kustos-backup). With the pre-commit framework, use the `kustos-scan`
    hook of this repository's .pre-commit-hooks.yaml instead.
    """

    public static func run(_ args: [String]) -> Int32 {
        run(args, executable: currentExecutable(), stdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
            stderr: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    static func run(_ args: [String], executable: String, stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        var force = false
        var dir = "."
        var action: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "-h", "--help":
                stdout(usage + "\n")
                return 0
            case "--force", "-f": force = true
            case "-C":
                i += 1
                guard i < args.count else {
                    stderr("kustos hook: -C needs a folder\n")
                    return 2
                }
                dir = args[i]
            case "install" where action == nil, "uninstall" where action == nil: action = a
            default:
                stderr("kustos hook: unknown argument '\(a)' (see kustos hook --help)\n")
                return 2
            }
            i += 1
        }
        guard let action else {
            stderr("kustos hook: say install or uninstall (see kustos hook --help)\n")
            return 2
        }
        do throws(ScanError) {
            let outcome = action == "install" ? try Hook.install(in: dir, kustos: executable, force: force) : try Hook.uninstall(in: dir)
            switch outcome {
            case .installed(let p): stdout("installed \(p): commits now run `kustos scan --staged`\n")
            case .replaced(let p, let b): stdout("installed \(p) (the previous hook is in \(b))\n")
            case .uninstalled(let p): stdout("removed \(p)\n")
            case .notInstalled(let p): stdout("no kustos hook at \(p)\n")
            }
            return 0
        } catch {
            stderr("kustos hook: \(error)\n")
            return 2
        }
    }

    /// The running binary's absolute path, so the hook works without kustos on PATH.
    static func currentExecutable() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        let arg0 = CommandLine.arguments.first ?? "kustos"
        if arg0.contains("/") {
            return URL(fileURLWithPath: arg0).standardizedFileURL.path
        }
        return "kustos"
    }
}
