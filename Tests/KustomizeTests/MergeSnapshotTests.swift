import Testing
@testable import Kustomize
import YAML

/// A strategic merge keeps each object's result as a snapshot for the next merge
/// (`Resource.mergedSnapshot`); at the root the snapshots are dropped once no
/// merge can follow, so later transformers change objects in place.
@Suite struct MergeSnapshotTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: web:1}]

        """
    static let patch = "- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec: {replicas: 2}\n"

    /// Patched in a base and at the root, with transformers after the patches, or
    /// with nothing after them: no snapshot is left, and the output is the same.
    @Test(arguments: ["namespace: prod\ncommonLabels: {a: b}\n", ""])
    func rootDropsSnapshotsAfterItsLastMerge(after: String) throws {
        let tree = try TempTree(text: [
            "base/kustomization.yaml": "resources: [d.yaml]\npatches:\n" + Self.patch,
            "base/d.yaml": Self.deployment,
            "kustomization.yaml": "resources: [base]\n" + after + "patches:\n" + Self.patch,
        ])
        defer { tree.remove() }
        let map = try Build().resources(tree.path)
        #expect(map.resources.count == 1)
        #expect(map.resources.allSatisfy { $0.mergedSnapshot == nil })
        #expect(map.resources[0].node[["spec", "replicas"]]?.string == "2")
    }

    /// A base keeps its snapshots: the level above may merge again.
    @Test func baseKeepsItsSnapshots() throws {
        let tree = try TempTree(text: [
            "kustomization.yaml": "resources: [d.yaml]\nnamespace: x\npatches:\n" + Self.patch,
            "d.yaml": Self.deployment,
        ])
        defer { tree.remove() }
        var state = AccumulatedState(config: TransformerConfig())
        var target = try Target.load(loader: Loader(directory: tree.path, restriction: tree.path),
                                     warnings: Warnings(), openAPI: OpenAPISelection(),
                                     prefetch: Prefetch.run(root: tree.path))
        let map = try target.accumulate(state: &state, visited: ["/elsewhere"])
        #expect(map.resources.count == 1 && map.resources[0].mergedSnapshot != nil)
    }
}
