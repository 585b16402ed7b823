import Foundation
@testable import Scan

/// Paths and throwaway folders for the scan tests.
enum Support {
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: ".")
    }()

    static let fixtures = repoRoot.appendingPathComponent("fixtures/scan")

    /// `$SHARED`, else `../shared` beside the repository.
    static var shared: URL {
        if let s = ProcessInfo.processInfo.environment["SHARED"], !s.isEmpty { return URL(fileURLWithPath: s) }
        return repoRoot.appendingPathComponent("../shared").standardizedFileURL
    }

    static func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @discardableResult
    static func git(_ args: [String], in dir: String) throws -> String {
        let o = try Git.run(["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "init.defaultBranch=main"] + args, in: dir)
        guard o.status == 0 else { throw TestFailure(message: "git \(args): \(o.stderr)") }
        return String(decoding: o.stdout, as: UTF8.self)
    }

    /// Scans one text as a file called `path`.
    static func scan(_ text: String, path: String = "file.yaml") -> [Finding] {
        Scanner().scan([SourceFile(path: path, bytes: Array(text.utf8))]).findings
    }

    /// Runs `kustos scan` in-process with `dir` as the working directory.
    static func command(_ args: [String], in dir: String? = nil, renderer: ScanCommand.Renderer? = nil) -> (Int32, String, String) {
        var out = "", err = ""
        let code = ScanCommand.run(args, renderer: renderer, in: dir ?? ".", stdout: { out += $0 }, stderr: { err += $0 })
        return (code, out, err)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// An answer key in the format of the shared corpus's labels.json.
struct Labels {
    var files: [String: [Int]]
    var blocks: [String: [[Int]]]
    var rules: [String: [String: String]]

    init(_ url: URL) throws {
        let o = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        files = o["files"] as? [String: [Int]] ?? [:]
        blocks = o["blocks"] as? [String: [[Int]]] ?? [:]
        rules = o["rules"] as? [String: [String: String]] ?? [:]
    }

    /// Scores findings the way the corpus's score.py does: per line, block bodies count for
    /// their BEGIN line, files the key does not list are ignored.
    func score(_ findings: [Finding]) -> (truePositives: Set<String>, missed: Set<String>, falseFindings: Set<String>) {
        var found = Set<String>()
        for f in findings where files[f.path] != nil {
            var line = f.line
            for b in blocks[f.path] ?? [] where b.count == 2 && b[0] < line && line <= b[1] { line = b[0] }
            found.insert("\(f.path):\(line)")
        }
        let truth = Set(files.flatMap { p, ls in ls.map { "\(p):\($0)" } })
        return (found.intersection(truth), truth.subtracting(found), found.subtracting(truth))
    }
}
