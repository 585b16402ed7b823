import Testing
import YAML
@testable import Kustomize

@Suite struct ReplacementTransformerTests {
    let resources = """
        apiVersion: v1
        kind: Service
        metadata: {name: svc}
        spec:
          ports: [{port: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          annotations: {port: "1", plain: text}
        spec:
          replicas: 1
        """

    func run(_ replacements: String, on map: inout ResourceMap) throws {
        let nodes = try #require(try Parser.parseFirst(replacements)?.sequence)
        try ReplacementTransformer(replacements: nodes).transform(&map, context: RefsTestSupport.context)
    }

    @Test func copiesAndKeepsTargetType() throws {
        var map = try RefsTestSupport.map(resources)
        try run("""
            - source: {kind: Service, name: svc, fieldPath: spec.ports.0.port}
              targets:
              - select: {kind: Deployment}
                fieldPaths: [spec.replicas, metadata.annotations.port, metadata.annotations.plain]
            """, on: &map)
        let d = map.resources[1].node
        #expect(d[["spec", "replicas"]]?.scalar?.resolved == .int("8080"))
        #expect(d[["metadata", "annotations", "port"]]?.scalar?.resolved == .string("8080"))
        #expect(d[["metadata", "annotations", "plain"]]?.scalar?.resolved == .string("8080"))
    }

    @Test func delimiterSplicesTarget() throws {
        var map = try RefsTestSupport.map(resources)
        try run("""
            - sourceValue: "80"
              targets:
              - select: {kind: Deployment}
                fieldPaths: [metadata.annotations.port]
                options: {delimiter: /, index: -1}
            """, on: &map)
        #expect(map.resources[1].node[["metadata", "annotations", "port"]]?.string == "80/1")
    }

    @Test func missingTargetFieldIsAnError() throws {
        var map = try RefsTestSupport.map(resources)
        #expect(throws: KustomizeError.self) {
            try run("""
                - source: {kind: Service}
                  targets:
                  - select: {kind: Deployment}
                    fieldPaths: [spec.nosuch]
                """, on: &map)
        }
    }

    @Test func sourceIsMatchedByPreviousName() throws {
        var map = try RefsTestSupport.map(resources)
        map.resources[0].rename("p-svc")
        try run("""
            - source: {kind: Service, name: svc}
              targets:
              - select: {kind: Deployment}
                fieldPaths: [metadata.annotations.svc]
                options: {create: true}
            """, on: &map)
        #expect(map.resources[1].node[["metadata", "annotations", "svc"]]?.string == "p-svc")
    }

    @Test func rejectSkipsResources() throws {
        var map = try RefsTestSupport.map(resources)
        try run("""
            - sourceValue: x
              targets:
              - select: {}
                reject: [{kind: Service}]
                fieldPaths: [metadata.annotations.seen]
                options: {create: true}
            """, on: &map)
        #expect(map.resources[0].node[["metadata", "annotations"]] == nil)
        #expect(map.resources[1].node[["metadata", "annotations", "seen"]]?.string == "x")
    }
}
