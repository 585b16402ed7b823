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
        let base = TransformerConfig.builtin
        var c = TransformerConfig()
        for _ in 0..<3 { try c.merge(base) }
        #expect(c.specCount == base.specCount)
        #expect(c.namespace == base.namespace && c.nameReference == base.nameReference)
        // The second and later merges leave every list's storage as it was.
        let before = c
        try c.merge(base)
        #expect(c.sameLists(as: before))
    }

    @Test func theDefaultsMergedIntoNothingOrThemselvesKeepTheirStorage() throws {
        var c = TransformerConfig()
        try c.merge(TransformerConfig.builtin)
        #expect(c.sameLists(as: TransformerConfig.builtin))
        var copy = c
        try copy.merge(c)
        try copy.merge(TransformerConfig.builtin)
        #expect(copy.sameLists(as: TransformerConfig.builtin))
        // A configuration that gained a spec is merged in full: the defaults add nothing to it.
        let custom = try Self.config("commonLabels:\n- path: spec/extra\n  kind: Widget\n  create: true\n")
        try copy.merge(custom)
        let merged = copy
        try copy.merge(TransformerConfig.builtin)
        #expect(!copy.sameLists(as: TransformerConfig.builtin))
        #expect(copy.commonLabels == merged.commonLabels && copy.specCount == TransformerConfig.builtin.specCount + 1)
    }

    @Test func aMergeAfterANoOpMergeStillAddsNewSpecs() throws {
        var c = TransformerConfig()
        try c.merge(TransformerConfig.builtin)
        try c.merge(TransformerConfig.builtin)
        let custom = try Self.config("namePrefix:\n- path: spec/extra\n  kind: Widget\n")
        try c.merge(custom)
        #expect(c.namePrefix.contains { $0.pathString == "spec/extra" && $0.gvk.kind == "Widget" })
        // And merging the defaults again after that keeps the new spec.
        try c.merge(TransformerConfig.builtin)
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

/// Entry field names match as before the list lookup: the (last) known name
/// equal to the key lowercased, ASCII compared on bytes.
@Suite struct EntryFieldNameTests {
    @Test func namesMatchAsLowercased() {
        let known = ["name", "newName", "newTag", "digest", "tagSuffix", "includeSelectors", "K"]
        var keys = known + known.map { $0.uppercased() } + known.map { $0.lowercased() }
        keys += ["NAME", "nAmE", "newname", "new_name", "name ", "", "@", "`", "[", "{", "Ḱ", "\u{212A}", "\u{212A}ind",
                 "İ", "ı", "ß", "SS", "digesT", "tagsuffix", "TAGSUFFIX", "naMe\u{301}"]
        var generator = SystemRandomNumberGenerator()
        let letters = Array("aAbBeEgGiInNmMsStTzZ@[`{_ \u{212A}")
        for _ in 0..<5000 {
            keys.append(String((0..<Int.random(in: 1...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! }))
        }
        for key in keys {
            let expected = known.indices.last { known[$0].lowercased() == key.lowercased() }
            #expect(EntryFields.index(of: key, in: known) == expected, "\(key)")
        }
    }
}

