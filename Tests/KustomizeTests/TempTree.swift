import Foundation

/// A throw-away directory holding a small input tree for one test.
struct TempTree {
    let path: String

    /// Writes `files` (relative path → bytes) under a fresh temporary directory.
    init(_ files: [String: [UInt8]]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve symlinks (/tmp may be one) so paths match what the loader reports.
        path = base.resolvingSymlinksInPath().path
        for (rel, bytes) in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    init(text files: [String: String]) throws {
        try self.init(files.mapValues { Array($0.utf8) })
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
