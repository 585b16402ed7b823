import Testing
@testable import Kustomize
import YAML

@Suite struct AnnotationsTransformerTests {
    @Test func cronJobPaths() throws {
        let m = try TransformerHarness.run(
            AnnotationsTransformer(pairs: [("team", "core"), ("num", "1")], fieldSpecs: TransformerConfig.builtin.commonAnnotations), """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: cj}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec: {containers: []}
            """)
        let node = m.resources[0].node
        for path in [["metadata"], ["spec", "jobTemplate", "metadata"], ["spec", "jobTemplate", "spec", "template", "metadata"]] {
            #expect(node[path + ["annotations", "num"]] == .string("1"))
            #expect(node[path + ["annotations", "team"]]?.string == "core")
        }
    }

    @Test func customResourcesGetMetadataOnly() throws {
        let m = try TransformerHarness.run(
            AnnotationsTransformer(pairs: [("a", "b")], fieldSpecs: TransformerConfig.builtin.commonAnnotations), """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {template: {metadata: {}}}
            """)
        #expect(m.resources[0].annotation("a") == "b")
        #expect(m.resources[0].node[["spec", "template", "metadata", "annotations"]] == nil)
    }
}
