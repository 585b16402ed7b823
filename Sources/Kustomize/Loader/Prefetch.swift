import Dispatch
import Foundation
import YAML

/// Reads and parses every resource file a build will load, on all cores, before
/// the (sequential) accumulation starts. Only reading happens here: validation,
/// load restrictions and every error are left to the accumulation, which falls
/// back to reading a file itself when it is not prefetched. The walk also keeps
/// what it learnt on the way (each kustomization file, each entry's resolved
/// path), so that the accumulation does not read or resolve them again.
public struct Prefetch: Sendable {
    /// A resource or component entry: the symlink-resolved path and whether it is a directory.
    public struct ResolvedPath: Sendable {
        public var resolved: String
        public var isDirectory: Bool
    }

    /// The one kustomization file of a directory, parsed.
    struct KustomizationFile: Sendable {
        var path: String
        var kustomization: Kustomization
    }

    let documents: DocumentStore
    let kustomizations: [String: KustomizationFile]
    let paths: [String: ResolvedPath]
    /// Directories whose build reads files and nothing else: no `openapi` (a
    /// build-wide setting), no plugins, every directory below prefetched and
    /// self-contained too. Such a base can be built apart from its siblings.
    let selfContained: Set<String>

    public static let empty = Prefetch(documents: DocumentStore([:]), kustomizations: [:], paths: [:],
                                       selfContained: [])

    /// Parsed documents of the file at a resolved absolute path, handed over: the
    /// store lets go of them, so that the resources made from them are their only
    /// owners and change in place. A file loaded twice is read again the second time.
    public func takeDocuments(at resolved: String) -> ResourceReader.Documents? { documents.take(resolved) }

    /// The resolution of an existing entry, by its cleaned absolute path.
    public func path(_ absolute: String) -> ResolvedPath? { paths[absolute] }

    /// Walks the kustomization tree under `root` and parses the resource files it names.
    public static func run(root: String) -> Prefetch {
        var walk = Walk()
        walk.collect(root)
        if walk.files.count < 8 { return .empty }
        // Files a directory's visit did not parse (named by the root, or read on the way).
        let rest = walk.files.filter { walk.parsed[$0] == nil }
        // Taken over, not shared: growing a shared table copies every entry.
        var documents = walk.parsed
        walk.parsed = [:]
        documents.reserveCapacity(walk.files.count)
        for (file, result) in zip(rest, parseAll(rest)) {
            if let result { documents[file] = result }
        }
        return Prefetch(documents: DocumentStore(documents), kustomizations: walk.kustomizations, paths: walk.paths,
                        selfContained: walk.selfContainedDirectories())
    }

    /// The walk over kustomization directories, breadth first: the directories
    /// of one depth are read on all cores.
    struct Walk {
        var files: [String] = []
        /// Files parsed by the visit of a directory naming them.
        var parsed: [String: ResourceReader.Documents] = [:]
        var seenDirs: Set<String> = []
        var seenFiles: Set<String> = []
        var kustomizations: [String: KustomizationFile] = [:]
        var paths: [String: ResolvedPath] = [:]
        /// Per directory: the directories its entries lead to, and whether every
        /// entry was found (none remote, none missing).
        var below: [String: (complete: Bool, directories: [String])] = [:]

        /// What one directory contributes: its kustomization and where its entries lead.
        struct Visit {
            var file: KustomizationFile
            var entries: [(absolute: String, path: ResolvedPath)]
            /// The documents of each file entry, in entry order (nil where it could
            /// not be read), when the visit parsed them.
            var documents: [ResourceReader.Documents?]?
            var complete: Bool {
                entries.count == file.kustomization.resources.count + file.kustomization.components.count
            }
        }

        mutating func collect(_ root: String) {
            var level = [root]
            seenDirs.insert(root)
            while !level.isEmpty {
                // A level of many directories parses their files on the way: a
                // directory and its few files make one unit of work, on all cores.
                let parse = level.count >= 2 * Parallel.cores
                let visits = Parallel.map(level, threshold: 2, eachAlone: true) { Self.visit($0, parse: parse) }
                // Room for this level's entries at once: the tables grow without rehashing on the way.
                let entryCount = visits.reduce(0) { $0 + ($1?.entries.count ?? 0) }
                paths.reserveCapacity(paths.count + entryCount)
                seenFiles.reserveCapacity(seenFiles.count + entryCount)
                kustomizations.reserveCapacity(kustomizations.count + level.count)
                below.reserveCapacity(below.count + level.count)
                var next: [String] = []
                for (dir, visit) in zip(level, visits) {
                    guard let visit else { continue }
                    kustomizations[dir] = visit.file
                    below[dir] = (visit.complete, visit.entries.filter(\.path.isDirectory).map(\.path.resolved))
                    for (e, (abs, path)) in visit.entries.enumerated() {
                        paths[abs] = path
                        if path.isDirectory {
                            if seenDirs.insert(path.resolved).inserted { next.append(path.resolved) }
                        } else if seenFiles.insert(path.resolved).inserted {
                            files.append(path.resolved)
                            if let documents = visit.documents?[e] { parsed[path.resolved] = documents }
                        }
                    }
                }
                level = next
            }
        }

        /// The directories `Prefetch.selfContained` describes.
        func selfContainedDirectories() -> Set<String> {
            var known: [String: Bool] = [:]
            func check(_ dir: String) -> Bool {
                if let answer = known[dir] { return answer }
                known[dir] = false  // a cycle is not self-contained (the build reports it)
                guard let k = kustomizations[dir]?.kustomization, k.openapi == nil, k.generators.isEmpty,
                      k.transformers.isEmpty, k.validators.isEmpty,
                      let (complete, directories) = below[dir], complete,
                      directories.allSatisfy(check) else { return false }
                known[dir] = true
                return true
            }
            return Set(kustomizations.keys.filter(check))
        }

        /// Only a directory with exactly one kustomization file that parses is
        /// kept; anything else is read again by the accumulation, which reports it.
        /// At most this many files of a directory are parsed in its visit.
        static let filesParsedInVisit = 16

        static func visit(_ dir: String, parse: Bool = false) -> Visit? {
            let listing = DirectoryListing(dir)
            guard let file = try? Target.readKustomization(in: dir, listing: listing) else { return nil }
            var visit = Visit(file: file, entries: [])
            let k = file.kustomization
            for entry in k.resources + k.components where !Paths.isURL(entry) {
                let abs = Paths.clean(entry.hasPrefix("/") ? entry : dir + "/" + entry)
                if let isDirectory = listing?.plainEntryIsDirectory(entry) ?? Paths.plainEntryIsDirectory(entry, in: dir) {
                    visit.entries.append((abs, ResolvedPath(resolved: abs, isDirectory: isDirectory)))
                } else if let resolved = try? Paths.evalSymlinks(abs) {
                    visit.entries.append((abs, ResolvedPath(resolved: resolved, isDirectory: Paths.isDirectory(resolved))))
                }
            }
            // A directory of many files leaves them to the parse of all the rest (one
            // core parsing them all would hold its level back).
            if parse && visit.entries.count(where: { !$0.path.isDirectory }) <= Self.filesParsedInVisit {
                visit.documents = visit.entries.map { $0.path.isDirectory ? nil : Prefetch.parse($0.path.resolved) }
            }
            return visit
        }
    }

    /// One file read and parsed; nil when it cannot be read.
    static func parse(_ file: String) -> ResourceReader.Documents? {
        Paths.readText(file).map(ResourceReader.documents(fromText:))
    }

    /// Parses the files on every core; nil where a file could not be read.
    static func parseAll(_ files: [String]) -> [ResourceReader.Documents?] {
        let workers = Parallel.workers(for: files.count, threshold: 2)
        let slots = Slots<ResourceReader.Documents>(count: files.count)
        WorkerPool.shared.perform(iterations: workers) { w in
            var i = w
            while i < files.count {
                slots[i] = parse(files[i])
                i += workers
            }
        }
        return files.indices.map { slots[$0] }
    }
}

/// The prefetched documents of one build, each taken once (by whichever core
/// builds the base that names the file).
public final class DocumentStore: @unchecked Sendable {
    private var documents: [String: ResourceReader.Documents]
    private let lock = NSLock()

    init(_ documents: [String: ResourceReader.Documents]) { self.documents = documents }

    func take(_ resolved: String) -> ResourceReader.Documents? {
        lock.lock()
        defer { lock.unlock() }
        return documents.removeValue(forKey: resolved)
    }

    /// Without taking them (to see what a file holds before it is accumulated).
    func peek(_ resolved: String) -> ResourceReader.Documents? {
        lock.lock()
        defer { lock.unlock() }
        return documents[resolved]
    }
}
