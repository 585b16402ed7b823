import Testing
@testable import Kustomize
import YAML

@Suite struct TransformerConfigTests {
    static func config(_ yaml: String) throws -> TransformerConfig {
        var c = try TransformerConfig(node: try #require(try Parser.parseFirst(yaml)))
        c.sortFields()
        return c
    }

    @Test func mergingTheSameConfigurationAgainChangesNothing() throws {
        let base = TransformerConfig.builtinIntoEmpty
        var c = TransformerConfig()
        for _ in 0..<3 { try c.merge(base) }
        #expect(c.specCount == base.specCount)
        #expect(c.namespace == base.namespace && c.nameReference == base.nameReference)
        // The second and later merges leave every list's storage as it was.
        let before = c
        try c.merge(base)
        #expect(c.sameLists(as: before))
    }

    @Test func aMergeAfterANoOpMergeStillAddsNewSpecs() throws {
        var c = TransformerConfig()
        try c.merge(TransformerConfig.builtinIntoEmpty)
        try c.merge(TransformerConfig.builtinIntoEmpty)
        let custom = try Self.config("namePrefix:\n- path: spec/extra\n  kind: Widget\n")
        try c.merge(custom)
        #expect(c.namePrefix.contains { $0.pathString == "spec/extra" && $0.gvk.kind == "Widget" })
        // And merging the defaults again after that keeps the new spec.
        try c.merge(TransformerConfig.builtinIntoEmpty)
        #expect(c.namePrefix.contains { $0.pathString == "spec/extra" })
    }

    @Test func aConflictIsReportedEveryTime() throws {
        var c = try Self.config("namePrefix:\n- path: metadata/name\n  create: true\n")
        let other = try Self.config("namePrefix:\n- path: metadata/name\n  create: false\n")
        for _ in 0..<2 {
            #expect(throws: KustomizeError.self) { try c.merge(other) }
        }
    }
}
