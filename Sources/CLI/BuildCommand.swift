import Foundation
import Kustomize
import Secrets
import YAML

/// `kustos build [DIR] [-o FILE|DIR/]`.
enum BuildCommand {
    static let help = """
    Usage: kustos build [DIR] [-o FILE|DIR/]

    Renders the kustomization in DIR (default: the current directory) and prints
    exactly what `kubectl kustomize DIR` (kustomize v5.8.1) prints.

    Options:
      -o, --output FILE   write the output to FILE (atomically; nothing is written on error)
      -o, --output DIR/   write one file per resource into DIR, named as kustomize names them
      -h, --help          show this help

    Exit status: 0 success, 1 build error, 2 usage error or unsupported kustomize feature
    (helm charts, remote resources, exec/KRM function plugins).
    """

    static func run(_ args: [String], io: inout StandardIO) -> Int32 {
        var dir: String?
        var output: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "-h", "--help":
                io.out(help + "\n")
                return 0
            case "-o", "--output":
                guard i + 1 < args.count else {
                    io.err("kustos build: \(a) needs a value")
                    return 2
                }
                output = args[i + 1]
                i += 1
            default:
                if a.hasPrefix("--output=") {
                    output = String(a.dropFirst(9))
                } else if a.hasPrefix("-") && a != "-" {
                    io.err("kustos build: unknown option '\(a)'; run 'kustos build --help'")
                    return 2
                } else if dir != nil {
                    io.err("error: specify one path to kustomization.yaml")
                    return 2
                } else {
                    dir = a
                }
            }
            i += 1
        }
        let build = Build()
        do {
            let map = try build.resources(dir ?? ".")
            for w in build.warnings.all { io.err(w) }
            let loaded = build.warnings.loadedSealedSecrets.map { (file: relativePath($0.file), node: $0.node) }
            if !loaded.isEmpty {
                for w in sealedSecretScopeWarnings(before: loaded, after: map.resources.map(\.node)) { io.err(w) }
            }
            if let output, output.hasSuffix("/") || Paths.isDirectory(output) {
                try OutputFiles.writeDirectory(map, to: output)
            } else {
                if let output {
                    try OutputFiles.writeAtomically(try Output.yaml(map), to: output)
                } else {
                    // Rendered in full before the first byte is written: an error leaves no partial output.
                    for part in try Output.parts(map) { io.out(bytes: part) }
                }
            }
            io.keepUntilExit(map)
            return 0
        } catch {
            for w in build.warnings.all { io.err(w) }
            io.err("error: \(error)")
            return error.isUnsupported ? 2 : 1
        }
    }
}

/// `path` relative to the working directory when it lies below it.
func relativePath(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
}

/// Writing build results to files: atomically, and one file per resource.
enum OutputFiles {
    /// Writes through `AtomicFile` (temporary file, fsync, rename), as `kustos seal` does.
    static func writeAtomically(_ text: String, to path: String) throws(KustomizeError) {
        do throws(SealError) {
            try AtomicFile.write(text, to: path)
        } catch {
            throw .message("\(error)")
        }
    }

    /// kustomize's file name for a resource: `[group_]version_kind_name.yaml`, lower-cased.
    static func fileName(_ r: Resource) -> String {
        let g = r.gvk
        var parts: [String] = []
        if !g.group.isEmpty { parts.append(g.group) }
        parts.append(g.version)
        parts.append(g.kind)
        parts.append(r.name)
        return parts.joined(separator: "_").lowercased() + ".yaml"
    }

    static func writeDirectory(_ map: ResourceMap, to path: String) throws(KustomizeError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .message("cannot create directory \(path): \(error.localizedDescription)")
        }
        // Render everything first so that an error leaves no partial output.
        var files: [(String, String)] = []
        for r in map.resources {
            files.append((path + "/" + fileName(r), try Output.yaml(ResourceMap([r]))))
        }
        for (name, text) in files { try writeAtomically(text, to: name) }
    }
}

/// `kustos fmt FILE...`: re-emits YAML in kustomize's output format.
enum FmtCommand {
    static let help = """
    Usage: kustos fmt FILE...

    Prints each YAML document of the files in kustomize's output format (sorted
    keys, YAML 1.1 quoting, 80-column folding), documents separated by `---`.
    Use `-` for standard input.
    """

    static func run(_ args: [String], io: inout StandardIO) -> Int32 {
        if args.isEmpty || args.contains("--help") || args.contains("-h") {
            io.out(help + "\n")
            return args.isEmpty ? 2 : 0
        }
        var e = Emitter()
        var first = true
        for file in args {
            let data: Data?
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = FileManager.default.contents(atPath: file)
            }
            guard let data else {
                io.err("error: \(file): cannot read file")
                return 1
            }
            do {
                for doc in try Parser.parseAll(String(decoding: data, as: UTF8.self)) where !doc.isNull {
                    if !first { e.raw("---\n") }
                    first = false
                    try e.document(doc)
                }
            } catch {
                io.err("error: \(file):\(error.line > 0 ? "\(error.line):" : "") \(error.message)")
                return 1
            }
        }
        io.out(String(decoding: e.bytes, as: UTF8.self))
        return 0
    }
}
