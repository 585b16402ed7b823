import Testing
@testable import Kustomize
import YAML

@Suite struct LabelTransformerTests {
    let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: dep}
        spec:
          template:
            spec:
              containers: [{name: c, image: nginx}]
        """

    func entry(_ yaml: String) throws -> LabelTransformer {
        try LabelEntry.transformer(try #require(try Parser.parseFirst(yaml)), config: .builtin)
    }

    @Test func defaultModeIsMetadataOnly() throws {
        let m = try TransformerHarness.run(try entry("pairs: {a: \"1\"}"), deployment)
        #expect(m.resources[0].label("a") == "1")
        #expect(m.resources[0].node[["spec", "template", "metadata"]] == nil)
    }

    @Test func templatesAndSelectors() throws {
        var m = try TransformerHarness.run(try entry("pairs: {t: x}\nincludeTemplates: true"), deployment)
        #expect(m.resources[0].node[["spec", "template", "metadata", "labels", "t"]]?.string == "x")
        #expect(m.resources[0].node[["spec", "selector"]] == nil)
        m = try TransformerHarness.run(try entry("pairs: {s: why}\nincludeSelectors: true"), deployment)
        #expect(m.resources[0].node[["spec", "selector", "matchLabels", "s"]]?.string == "why")
    }

    @Test func valuesAreStrings() throws {
        let m = try TransformerHarness.run(LabelTransformer(pairs: [("n", "1"), ("n", "2")], fieldSpecs: TransformerConfig.builtin.commonLabels), deployment)
        #expect(m.resources[0].node[["metadata", "labels", "n"]] == .string("2"))
    }

    @Test func createdValuesAreShared() throws {
        var m = try TransformerHarness.map(deployment)
        try entry("pairs: {k: first}\nincludeTemplates: true").transform(&m, context: TransformerHarness.context)
        try entry("pairs: {k: second}").transform(&m, context: TransformerHarness.context)
        #expect(m.resources[0].node[["spec", "template", "metadata", "labels", "k"]]?.string == "second")
    }

    @Test func unknownEntryFieldIsAnError() throws {
        #expect(throws: KustomizeError.self) { try entry("pairs: {a: b}\nincludeSelector: true") }
        #expect(throws: KustomizeError.self) { try entry("pairs: {a: yes}") }
    }

    @Test func wrongNodeKindIsAnError() throws {
        let message = try TransformerHarness.error(
            LabelTransformer(pairs: [("a", "b")], fieldSpecs: [FieldSpec(path: ["metadata", "name"])]), deployment)
        #expect(message == "considering field 'metadata/name' of object Deployment.v1.apps/dep.[noNs]: wrong node kind: expected MappingNode but got ScalarNode: node contents:\ndep")
    }
}
