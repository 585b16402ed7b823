import Testing
@testable import Kustomize
import YAML

@Suite struct PrefixSuffixTransformerTests {
    let specs = [FieldSpec(path: ["metadata", "name"])]
    let input = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ns}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: foos.example.com}
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: v1.foo}
        ---
        apiVersion: example.com/v1
        kind: APIService
        metadata: {name: other}
        """

    @Test func skipsCRDsAPIServicesAndNamespaces() throws {
        let m = try TransformerHarness.run(PrefixSuffixTransformer(prefix: "p-", suffix: "-s", fieldSpecs: specs), input)
        #expect(m.resources.map(\.name) == ["p-cm-s", "ns", "foos.example.com", "v1.foo", "p-other-s"])
    }

    @Test func recordsAffixesAndPreviousIds() throws {
        var m = try TransformerHarness.map(input)
        try PrefixSuffixTransformer(prefix: "a-", suffix: "", fieldSpecs: specs).transform(&m, context: TransformerHarness.context)
        try PrefixSuffixTransformer(prefix: "b-", suffix: "-z", fieldSpecs: specs).transform(&m, context: TransformerHarness.context)
        let cm = m.resources[0]
        #expect(cm.name == "b-a-cm-z")
        #expect(cm.namePrefixes == ["a-", "b-"])
        #expect(cm.nameSuffixes == ["-z"])
        #expect(cm.previousIds.map(\.name) == ["cm", "a-cm", "b-a-cm"])
    }

    @Test func skipTestUsesOriginalKind() throws {
        var m = try TransformerHarness.map("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n")
        m.resources[0].recordCurrentId()
        m.resources[0].node["kind"] = .string("Namespace")
        try PrefixSuffixTransformer(prefix: "p-", suffix: "", fieldSpecs: specs).transform(&m, context: TransformerHarness.context)
        #expect(m.resources[0].name == "p-cm")
    }

    @Test func pluginNeedsFieldSpecs() throws {
        let config = try #require(try Parser.parseFirst("""
            apiVersion: builtin
            kind: PrefixTransformer
            metadata: {name: p}
            prefix: x-
            """))
        do {
            _ = try FieldSpecPlugins.make(kind: "PrefixTransformer", config: config)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "plugin PrefixTransformer.builtin.[noGrp]/p.[noNs] fails configuration: fieldSpecs is not expected to be nil")
        }
    }
}
