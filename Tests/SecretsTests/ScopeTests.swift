import Testing
import YAML
@testable import Secrets

@Suite("Scope")
struct ScopeTests {
    @Test func labels() {
        #expect(SealingScope.strict.label(namespace: "prod", name: "db") == Array("prod/db".utf8))
        #expect(SealingScope.namespaceWide.label(namespace: "prod", name: "db") == Array("prod".utf8))
        #expect(SealingScope.clusterWide.label(namespace: "prod", name: "db") == [])
    }

    @Test func annotationsMustBeExactlyTrue() {
        let cw = SealingScope.clusterWideAnnotation, nw = SealingScope.namespaceWideAnnotation
        #expect(SealingScope(annotations: [:]) == .strict)
        #expect(SealingScope(annotations: [cw: "true"]) == .clusterWide)
        #expect(SealingScope(annotations: [nw: "true"]) == .namespaceWide)
        #expect(SealingScope(annotations: [cw: "true", nw: "true"]) == .clusterWide)
        for v in ["True", "yes", "1", ""] {
            #expect(SealingScope(annotations: [cw: v, nw: v]) == .strict)
        }
        #expect(SealingScope(annotations: [cw: "false", nw: "true"]) == .namespaceWide)
    }

    @Test func appliedRewritesBothAnnotations() {
        let cw = SealingScope.clusterWideAnnotation, nw = SealingScope.namespaceWideAnnotation
        let start = [cw: "true", nw: "true", "other": "x"]
        #expect(SealingScope.namespaceWide.applied(to: start) == [nw: "true", "other": "x"])
        #expect(SealingScope.clusterWide.applied(to: start) == [cw: "true", "other": "x"])
        #expect(SealingScope.strict.applied(to: start) == ["other": "x"])
    }

    @Test func fromMetadataNode() throws {
        let node = try #require(try Parser.parseFirst("""
            annotations:
              sealedsecrets.bitnami.com/namespace-wide: "true"
            """))
        #expect(SealingScope(metadata: node) == .namespaceWide)
        #expect(SealingScope(metadata: nil) == .strict)
    }
}
