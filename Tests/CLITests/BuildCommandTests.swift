import Foundation
import Testing
@testable import CLI

@Suite struct BuildCommandTests {
    static var repo: URL { Fixtures.root.deletingLastPathComponent() }

    func run(_ args: [String]) -> (Int32, String, String) {
        var io = StandardIO(capture: true)
        let code = KustosCLI.run(args, io: &io)
        return (code, String(decoding: io.stdout, as: UTF8.self), io.stderr)
    }

    /// The bundled example renders exactly as `kubectl kustomize` rendered it.
    @Test(arguments: ["dev", "staging", "production"])
    func bundledExample(_ env: String) throws {
        let want = try String(contentsOf: Fixtures.root.appendingPathComponent("example/\(env).yaml"), encoding: .utf8)
        let (code, out, err) = run(["build", Self.repo.appendingPathComponent("overlays/\(env)").path])
        #expect(code == 0, "\(err)")
        #expect(out == want)
    }

    @Test func outputFileIsWrittenAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.yaml").path
        let (code, out, _) = run(["build", Self.repo.appendingPathComponent("overlays/staging").path, "-o", file])
        #expect(code == 0)
        #expect(out.isEmpty)
        let want = try String(contentsOf: Fixtures.root.appendingPathComponent("example/staging.yaml"), encoding: .utf8)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == want)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.yaml"])
    }

    @Test func outputDirectoryHasOneFilePerResource() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (code, _, err) = run(["build", Self.repo.appendingPathComponent("overlays/staging").path, "-o", dir.path + "/"])
        #expect(code == 0, "\(err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names.contains("apps_v1_deployment_shop.yaml"))
        #expect(names.contains("external-secrets.io_v1_externalsecret_shop-secrets.yaml"))
    }

    /// A full disk (or any failed write) is reported, not lost: the front turns it into status 1.
    @Test func failedWriteIsRecorded() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var io = StandardIO()
        io.write(Array("apiVersion: v1\n".utf8), to: fd)
        #expect(io.writeFailure == "No space left on device")
        var ok = StandardIO()
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        ok.write(Array(repeating: UInt8(ascii: "x"), count: 1 << 20), to: null)
        #expect(ok.writeFailure == nil)
    }

    @Test func errorWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.yaml").path
        let bad = Fixtures.root.appendingPathComponent("build/err-malformed-yaml").path
        let (code, out, err) = run(["build", bad, "-o", file])
        #expect(code == 1)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("error: "))
        #expect(err.contains("r.yaml"))
        #expect(err.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func unsupportedFeatureExitsTwo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6\n"
            .write(to: dir.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let (code, out, err) = run(["build", dir.path])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("not supported"))
    }

    @Test func usageErrors() {
        #expect(run(["build", "--bogus"]).0 == 2)
        #expect(run(["build", "a", "b"]).0 == 2)
        #expect(run(["frobnicate"]).0 == 2)
        #expect(run([]).0 == 2)
    }

    @Test func helpAndVersion() {
        let (c1, o1, _) = run(["--help"])
        #expect(c1 == 0 && o1.contains("kustos build"))
        let (c2, o2, _) = run(["build", "--help"])
        #expect(c2 == 0 && o2.contains("-o, --output"))
        let (c3, o3, _) = run(["version"])
        #expect(c3 == 0 && o3.contains("kustomize v5.8.1"))
    }
}
