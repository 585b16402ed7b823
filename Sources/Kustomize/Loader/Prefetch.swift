import Dispatch
import Foundation
import YAML

/// Reads and parses every resource file a build will load, on all cores, before
/// the (sequential) accumulation starts. Only parsing happens here: validation,
/// load restrictions and every error are left to the accumulation, which falls
/// back to reading a file itself when it is not prefetched.
public struct Prefetch: Sendable {
    let documents: [String: ResourceReader.Documents]

    public static let empty = Prefetch(documents: [:])

    /// Parsed documents of the file at a resolved absolute path.
    public func documents(at resolved: String) -> ResourceReader.Documents? { documents[resolved] }

    /// Walks the kustomization tree under `root` and parses the resource files it names.
    public static func run(root: String) -> Prefetch {
        var files: [String] = []
        var seenDirs: Set<String> = []
        var seenFiles: Set<String> = []
        collect(root, files: &files, seenDirs: &seenDirs, seenFiles: &seenFiles)
        if files.count < 8 { return .empty }
        let results = parseAll(files)
        var documents: [String: ResourceReader.Documents] = [:]
        documents.reserveCapacity(files.count)
        for (file, result) in zip(files, results) {
            if let result { documents[file] = result }
        }
        return Prefetch(documents: documents)
    }

    static func collect(_ dir: String, files: inout [String], seenDirs: inout Set<String>, seenFiles: inout Set<String>) {
        guard !seenDirs.contains(dir) else { return }
        seenDirs.insert(dir)
        guard let name = Target.fileNames.first(where: { Paths.exists(dir + "/" + $0) }),
              let data = FileManager.default.contents(atPath: dir + "/" + name),
              let k = try? Kustomization(text: String(decoding: data, as: UTF8.self)) else { return }
        for entry in k.resources + k.components where !entry.contains("://") {
            let abs = Paths.clean(entry.hasPrefix("/") ? entry : dir + "/" + entry)
            guard let resolved = try? Paths.evalSymlinks(abs) else { continue }
            if Paths.isDirectory(resolved) {
                collect(resolved, files: &files, seenDirs: &seenDirs, seenFiles: &seenFiles)
            } else if !seenFiles.contains(resolved) {
                seenFiles.insert(resolved)
                files.append(resolved)
            }
        }
    }

    /// Parses the files on every core; nil where a file could not be read.
    static func parseAll(_ files: [String]) -> [ResourceReader.Documents?] {
        let workers = Parallel.workers(for: files.count, threshold: 2)
        let slots = Slots<ResourceReader.Documents>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < files.count {
                if let data = FileManager.default.contents(atPath: files[i]) {
                    slots[i] = ResourceReader.documents(fromText: String(decoding: data, as: UTF8.self))
                }
                i += workers
            }
        }
        return files.indices.map { slots[$0] }
    }
}
