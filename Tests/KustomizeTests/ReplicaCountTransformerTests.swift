import Testing
@testable import Kustomize
import YAML

@Suite struct ReplicaCountTransformerTests {
    let input = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        """

    func transformer(_ yaml: String) throws -> ReplicaCountTransformer {
        ReplicaCountTransformer(replica: try #require(try Parser.parseFirst(yaml)), fieldSpecs: TransformerConfig.builtin.replicas)
    }

    @Test func setsCountOnWorkloadsByAnyName() throws {
        var m = try TransformerHarness.map(input)
        try PrefixSuffixTransformer(prefix: "p-", suffix: "", fieldSpecs: [FieldSpec(path: ["metadata", "name"])])
            .transform(&m, context: TransformerHarness.context)
        try transformer("{name: web, count: 5}").transform(&m, context: TransformerHarness.context)
        #expect(m.resources[0].node[["spec", "replicas"]] == .int(5))
        try transformer("{name: p-web, count: 7}").transform(&m, context: TransformerHarness.context)
        #expect(m.resources[0].node[["spec", "replicas"]] == .int(7))
        #expect(m.resources[1].node["spec"] == nil)
    }

    @Test func noMatchIsAnError() throws {
        let message = try TransformerHarness.error(try transformer("{name: nosuch, count: 1}"), input)
        #expect(message == "resource with name nosuch does not match a config with the following GVK [Deployment.[noVer].[noGrp] StatefulSet.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] ReplicationController.[noVer].[noGrp]]")
    }

    @Test func countMustBeAnInteger() throws {
        let message = try TransformerHarness.error(try transformer("{name: web, count: \"5\"}"), input)
        #expect(message == "invalid Kustomization: json: cannot unmarshal string into Go struct field Replica.replicas.count of type int64")
    }
}
