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

    @Test(.enabled(if: available, "needs shared/kustomize-reference/fieldspecs"))
    func tablesAreTheReferenceFiles() throws {
        typealias Data = BuiltinFieldSpecData
        #expect(try Self.parsed("nameprefix").namePrefix == Data.namePrefix)
        #expect(try Self.parsed("namesuffix").nameSuffix == Data.nameSuffix)
        #expect(try Self.parsed("namespace").namespace == Data.namespace)
        #expect(try Self.parsed("commonlabels").commonLabels == Data.commonLabels)
        #expect(try Self.parsed("templatelabels").templateLabels == Data.templateLabels)
        #expect(try Self.parsed("commonannotations").commonAnnotations == Data.commonAnnotations)
        #expect(try Self.parsed("namereference").nameReference == Data.nameReference)
        #expect(try Self.parsed("varreference").varReference == Data.varReference)
        #expect(try Self.parsed("images").images == Data.images)
        #expect(try Self.parsed("replicas").replicas == Data.replicas)
        // Paths with `\/` and `[]` are among them.
        #expect(Data.images.contains { !$0.sequenceHints.isEmpty })
        #expect(Data.nameReference.contains { $0.fieldSpecs.contains { $0.path.contains { $0.contains("/") } } })
    }

    /// `builtin` is the tables concatenated and sorted by kustomize's kind order.
    @Test func builtinIsSorted() {
        let b = TransformerConfig.builtin
        #expect(b.commonLabels == TransformerConfig.sortedByKindOrder(BuiltinFieldSpecData.commonLabels))
        #expect(b.images == TransformerConfig.sortedByKindOrder(BuiltinFieldSpecData.images))
        #expect(b.nameReference.map(\.gvk) == TransformerConfig.sortedByKindOrder(BuiltinFieldSpecData.nameReference, gvk: \.gvk).map(\.gvk))
        #expect(b.namespace.count == BuiltinFieldSpecData.namespace.count && b.isBuiltin)
    }
}
