import Foundation
import Testing
import YAML
@testable import Secrets

/// Round trips through the independent Python verifier (FORMAT.md §11): what kustos seals opens
/// with `unseal.py` under its scope's label and fails under every other one.
@Suite("unseal.py round trips",
       .enabled(if: Python.available, "needs python3 with the cryptography and PyYAML modules and $KUSTOS_SHARED/sealed-secrets/unseal.py; skipped"))
struct UnsealPyTests {
    @Test(arguments: Fixture.objectExamples.map(\.dir))
    func examplesMatchTheControllersSecret(dir: String) throws {
        let args = Fixture.objectExamples.first { $0.dir == dir }?.args ?? []
        for fmt in ["yaml", "json"] {
            let r = runSeal(["--cert", Fixture.key("tls.crt"), "-o", fmt, Fixture.example(dir, "secret.yaml")] + args)
            #expect(r.status == 0, "\(r.stderr)")
            let u = try Python.unseal(["--key", Fixture.key("tls.key"), "-"], stdin: r.stdout)
            #expect(u.status == 0, "\(u.stderr)")
            let got = try JSONSerialization.jsonObject(with: u.stdout) as? NSDictionary
            let want = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.example(dir, "unsealed.json")))) as? NSDictionary
            #expect(got == want, "\(dir) \(fmt)")
        }
    }

    @Test(arguments: SealingScope.allCases)
    func objectOpensOnlyUnderItsScope(scope: SealingScope) throws {
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "-o", "yaml", "--scope", scope.rawValue],
                        stdin: "kind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {password: s3cr3t}\n")
        #expect(r.status == 0)
        for other in SealingScope.allCases {
            let u = try Python.unseal(["--key", Fixture.key("tls.key"), "--scope", other.rawValue, "-"], stdin: r.stdout)
            #expect((u.status == 0) == (other == scope), "sealed \(scope.rawValue), opened as \(other.rawValue): \(u.stderr)")
        }
        // Another name or namespace, as after a kustomize rename.
        let renamed = try Python.unseal(["--key", Fixture.key("tls.key"), "--name", "other", "-"], stdin: r.stdout)
        #expect((renamed.status == 0) == (scope != .strict))
        let moved = try Python.unseal(["--key", Fixture.key("tls.key"), "--namespace", "dev", "-"], stdin: r.stdout)
        #expect((moved.status == 0) == (scope == .clusterWide))
        let wrongKey = try Python.unseal(["--key", Fixture.key("other.key"), "-"], stdin: r.stdout)
        #expect(wrongKey.status == 1)
    }

    @Test(arguments: SealingScope.allCases)
    func rawValueOpensOnlyUnderItsScope(scope: SealingScope) throws {
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "--raw", "--scope", scope.rawValue, "-n", "prod", "--name", "db-credentials"],
                        stdin: "s3cr3t\n")
        #expect(r.status == 0)
        for other in SealingScope.allCases {
            let u = try Python.unseal(["--raw", "--key", Fixture.key("tls.key"), "--scope", other.rawValue,
                                       "--namespace", "prod", "--name", "db-credentials"], stdin: r.stdout)
            #expect((u.status == 0) == (other == scope))
            if other == scope { #expect(u.stdout == Data("s3cr3t\n".utf8)) }
        }
    }

    @Test func newAndMergedObjectsOpen() throws {
        let dir = try Fixture.tempDir()
        let out = dir.appendingPathComponent("db.yaml").path
        #expect(runSeal(["--cert", Fixture.key("tls.crt"), "--new", "db", "-n", "prod", "--scope", "namespace-wide",
                         "--keys", "a,b", "-o", out]).status == 0)
        #expect(runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", out, "--keys", "c"]).status == 0)
        let u = try Python.unseal(["--key", Fixture.key("tls.key"), "--decode", out], stdin: "")
        #expect(u.status == 0, "\(u.stderr)")
        let got = try JSONSerialization.jsonObject(with: u.stdout) as? [String: Any]
        let values = got?["stringData"] as? [String: String] ?? [:]
        #expect(values.keys.sorted() == ["a", "b", "c"])
        #expect(values.values.allSatisfy { $0.count == 32 })
    }
}
