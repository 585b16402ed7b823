import Foundation
import Testing
@testable import Kustomize

@Suite struct PrefetchTests {
    /// Every resource file of the tree is parsed ahead of the build, bases included,
    /// and the build uses the same documents.
    @Test func parsesEveryResourceFileOfTheTree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-prefetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var names: [String] = []
        for i in 0..<10 {
            let name = "cm\(i).yaml"
            names.append(name)
            try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\(i)\n".write(
                to: base.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try ("resources:\n" + names.map { "- \($0)\n" }.joined()).write(
            to: base.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        try "resources:\n- base\nnamePrefix: p-\n".write(
            to: dir.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let root = try Paths.evalSymlinks(dir.path)
        let prefetch = Prefetch.run(root: root)
        for name in names {
            guard case .parsed(let docs)? = prefetch.documents(at: root + "/base/" + name) else {
                Issue.record("\(name) was not prefetched")
                continue
            }
            #expect(docs.count == 1)
        }
        let out = try Build().run(root)
        #expect(out.contains("name: p-cm9"))
    }
}
