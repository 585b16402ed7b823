import Foundation
import Testing
import YAML
@testable import Kustomize

/// A run of patches without a target is applied on all cores; it must give what
/// applying the entries one at a time gives, errors included.
@Suite struct PatchTransformersTests {
    static let context = BuildContext(loader: Loader(directory: "/", restriction: nil), config: .builtin)

    func map() throws -> ResourceMap {
        try TransformerHarness.map((0..<6).map { "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm\($0)}, data: {a: '0'}}" }
            .joined(separator: "\n---\n"))
    }

    func entry(_ patch: String) throws -> Node {
        .map([("patch", .string(patch))])
    }

    /// Entries one at a time, as kustomize runs them.
    func oneByOne(_ entries: [Node]) throws -> ResourceMap {
        var m = try map()
        var index: NameIndex? = nil
        for e in entries { try PatchTransformer(entry: e).transform(&m, context: Self.context, index: &index) }
        return m
    }

    @Test func runEqualsOneEntryAtATime() throws {
        // Twelve plain merges, several on the same resource (later ones win).
        let entries = try (0..<12).map { i in
            try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm\(i % 5)}\ndata: {k\(i): v, same: e\(i)}")
        }
        #expect(PatchTransformers.minimumRun <= entries.count)
        var together = try map()
        try PatchTransformers(entries: entries).transform(&together, context: Self.context)
        let expected = try oneByOne(entries)
        #expect(together.resources.map(\.node) == expected.resources.map(\.node))
        #expect(together.resources[0].node[["data", "same"]]?.string == "e10")
    }

    @Test func firstErrorInEntryOrder() throws {
        // Entry 9 names no resource; entry 4 fails to merge (a list into a map) first.
        var entries = try (0..<12).map { i in
            try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm\(i % 5)}\ndata: {k\(i): v}")
        }
        entries[9] = try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope}\ndata: {x: y}")
        let lookup = try TransformerHarness.error(PatchTransformers(entries: entries), (0..<6)
            .map { "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm\($0)}, data: {a: '0'}}" }.joined(separator: "\n---\n"))
        var sequential: String?
        do { _ = try oneByOne(entries) } catch { sequential = "\(error)" }
        #expect(lookup != nil && lookup == sequential)
        entries[4] = try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm4}\ndata: [x]")
        var together: String?
        do {
            var m = try map()
            try PatchTransformers(entries: entries).transform(&m, context: Self.context)
        } catch { together = "\(error)" }
        sequential = nil
        do { _ = try oneByOne(entries) } catch { sequential = "\(error)" }
        #expect(together != nil && together == sequential)
        #expect(together != lookup)
    }

    /// Entries of several documents (each merging into the resource it names, in
    /// order) form runs too: same result, and the same first error when a second
    /// document fails.
    @Test func multiDocumentEntriesInARun() throws {
        var entries = try (0..<10).map { i in
            try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm\(i % 6)}\ndata: {k\(i): v, same: a\(i)}"
                      + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm\((i + 1) % 6)}\ndata: {same: b\(i)}")
        }
        var together = try map()
        try PatchTransformers(entries: entries).transform(&together, context: Self.context)
        let expected = try oneByOne(entries)
        #expect(together.resources.map(\.node) == expected.resources.map(\.node))
        #expect(together.resources[4].node[["data", "same"]]?.string == "b9")
        entries[6] = try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm0}\ndata: {x: y}"
                               + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1}\ndata: [x]")
        entries[8] = try entry("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm2}\ndata: {x: y}"
                               + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope}\ndata: {x: y}")
        var runError: String?
        do {
            var m = try map()
            try PatchTransformers(entries: entries).transform(&m, context: Self.context)
        } catch { runError = "\(error)" }
        var sequential: String?
        do { _ = try oneByOne(entries) } catch { sequential = "\(error)" }
        #expect(runError != nil && runError == sequential)
    }

    /// An inline patch is trimmed as Foundation trims it; text that starts and
    /// ends with visible ASCII is taken as it is.
    @Test func inlinePatchTextIsTrimmedAsFoundationTrims() {
        for text in ["", " ", "a", " a", "a ", "\n- op: add\n  path: /x\n", "a\u{00A0}", "\u{2003}a", "\u{85}a\u{85}",
                     "\ta\tb\t", "é", "x\u{200B}", "- op: remove\n  path: /y"] {
            #expect(PatchTransformer.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}
