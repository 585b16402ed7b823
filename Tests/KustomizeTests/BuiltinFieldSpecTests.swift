import Foundation
import Testing
@testable import Kustomize
import YAML

/// The built-in field specs compiled in by `scripts/gen-fieldspecs.py` are the
/// reference tables (`shared/kustomize-reference/fieldspecs`) as the build's own
/// YAML parser and `TransformerConfig(node:)` read them: table by table and
/// spec by spec (gvk, split path, `[]` hints, create), and once sorted.
@Suite struct BuiltinFieldSpecTests {
    static let tables: URL = {
        let shared = ProcessInfo.processInfo.environment["KUSTOS_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("kustomize-reference/fieldspecs")
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: tables.appendingPathComponent("images.yaml").path) }

    static func parsed(_ file: String) throws -> TransformerConfig {
        let text = try String(contentsOf: tables.appendingPathComponent(file + ".yaml"), encoding: .utf8)
        return try TransformerConfig(node: try #require(try Parser.parseFirst(text)))
    }

    /// Each table is its reference file, read by `TransformerConfig(node:)` and put
    /// in kind order by `sortedByKindOrder`.
    @Test(.enabled(if: available, "needs shared/kustomize-reference/fieldspecs"))
    func tablesAreTheReferenceFilesSorted() throws {
        typealias Data = BuiltinFieldSpecData
        func sorted(_ specs: [FieldSpec]) -> [FieldSpec] { TransformerConfig.sortedByKindOrder(specs) }
        #expect(try sorted(Self.parsed("nameprefix").namePrefix) == Data.namePrefix)
        #expect(try sorted(Self.parsed("namesuffix").nameSuffix) == Data.nameSuffix)
        #expect(try sorted(Self.parsed("namespace").namespace) == Data.namespace)
        #expect(try sorted(Self.parsed("commonlabels").commonLabels) == Data.commonLabels)
        #expect(try sorted(Self.parsed("templatelabels").templateLabels) == Data.templateLabels)
        #expect(try sorted(Self.parsed("commonannotations").commonAnnotations) == Data.commonAnnotations)
        #expect(try TransformerConfig.sortedByKindOrder(Self.parsed("namereference").nameReference, gvk: \.gvk)
                == Data.nameReference)
        #expect(try sorted(Self.parsed("varreference").varReference) == Data.varReference)
        #expect(try sorted(Self.parsed("images").images) == Data.images)
        #expect(try sorted(Self.parsed("replicas").replicas) == Data.replicas)
        // Paths with `\/` and `[]` are among them, and the sort moved specs.
        #expect(Data.images.contains { !$0.sequenceHints.isEmpty })
        #expect(Data.nameReference.contains { $0.fieldSpecs.contains { $0.path.contains { $0.contains("/") } } })
        #expect(try Self.parsed("commonlabels").commonLabels != Data.commonLabels)
    }

    /// `builtin` is what reading the files gave: every table appended, the name
    /// references merged by kind, then every list sorted.
    @Test(.enabled(if: available, "needs shared/kustomize-reference/fieldspecs"))
    func builtinIsTheTablesReadAndSorted() throws {
        var c = TransformerConfig()
        var refs = TransformerConfig()
        for file in ["nameprefix", "namesuffix", "namespace", "commonlabels", "templatelabels",
                     "commonannotations", "namereference", "varreference", "images", "replicas"] {
            let p = try Self.parsed(file)
            c.namePrefix += p.namePrefix
            c.nameSuffix += p.nameSuffix
            c.namespace += p.namespace
            c.commonLabels += p.commonLabels
            c.templateLabels += p.templateLabels
            c.commonAnnotations += p.commonAnnotations
            refs.nameReference += p.nameReference
            c.varReference += p.varReference
            c.images += p.images
            c.replicas += p.replicas
        }
        try c.merge(refs)
        c.sortFields()
        let b = TransformerConfig.builtin
        #expect(b.namePrefix == c.namePrefix && b.nameSuffix == c.nameSuffix && b.namespace == c.namespace)
        #expect(b.commonLabels == c.commonLabels && b.templateLabels == c.templateLabels && b.labels == c.labels)
        #expect(b.commonAnnotations == c.commonAnnotations && b.nameReference == c.nameReference)
        #expect(b.varReference == c.varReference && b.images == c.images && b.replicas == c.replicas)
        #expect(b.sorted)
    }

    /// Merged into nothing (as every build starts), the built-in tables keep every
    /// spec, in order (so the lists stay in kind order without a sort), and merged
    /// into themselves they change nothing. `TransformerConfig.merge` relies on
    /// both to take the tables as they are and to skip merging them into themselves.
    @Test func builtinTablesAreMergeClosed() throws {
        let b = TransformerConfig.builtin
        let sortedLists = [b.namePrefix, b.nameSuffix, b.namespace, b.commonLabels, b.labels, b.templateLabels,
                           b.commonAnnotations, b.varReference, b.images, b.replicas]
        // Merged into nothing (name references are appended whole, one per kind).
        for list in sortedLists { #expect(try FieldSpec.merging([], list) == list) }
        // Merged into themselves.
        for list in sortedLists + b.nameReference.map(\.fieldSpecs) {
            #expect(try FieldSpec.merging(list, list) == list)
        }
        for list in sortedLists { #expect(list == TransformerConfig.sortedByKindOrder(list)) }
        #expect(b.nameReference == TransformerConfig.sortedByKindOrder(b.nameReference, gvk: \.gvk))
        // One entry per kind referred to: the name-reference lists merge one to one.
        #expect(Set(b.nameReference.map(\.gvk)).count == b.nameReference.count)
    }
}
