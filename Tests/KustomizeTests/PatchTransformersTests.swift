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

/// Runs of entries with targets go resource by resource (each resource through
/// the entries in order, on all cores for 16 resources and more); they must give
/// what the entries one at a time give: selections that see earlier entries'
/// changes, deletions, and the first error in entry order.
@Suite struct TargetedPatchRunTests {
    static let context = PatchTransformersTests.context

    /// Twenty Deployments (enough for both cores), tier alternating.
    static let text = (0..<20).map { i in
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d\(i), labels: {tier: \(i % 2 == 0 ? "a" : "b")}},"
            + " spec: {replicas: 1, template: {spec: {containers: [{name: app, image: x}]}}}}"
    }.joined(separator: "\n---\n")

    static func entry(_ patch: String, target: [(String, String)]) -> Node {
        .map([("patch", .string(patch)), ("target", .map(target.map { ($0.0, .string($0.1)) }))])
    }

    static func oneByOne(_ entries: [Node]) throws -> ResourceMap {
        var m = try TransformerHarness.map(text)
        var index: NameIndex? = nil
        for e in entries { try PatchTransformer(entry: e).transform(&m, context: context, index: &index) }
        return m
    }

    static func together(_ entries: [Node]) throws -> ResourceMap {
        var m = try TransformerHarness.map(text)
        try PatchTransformers(entries: entries).transform(&m, context: context)
        return m
    }

    static func outcome(_ f: () throws -> ResourceMap) -> String {
        do { return try f().resources.map { (try? Emitter.emit($0.node)) ?? "" }.joined(separator: "---\n") }
        catch { return "error: \(error)" }
    }

    static let relabel = entry("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: any, labels: {tier: c}}",
                               target: [("kind", "Deployment"), ("name", "d1.*")])
    static let scaleC = entry("- {op: replace, path: /spec/replicas, value: 5}",
                              target: [("labelSelector", "tier=c")])
    static let deleteA = entry("$patch: delete\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: any}",
                               target: [("labelSelector", "tier=a")])
    static let annotate = entry("- {op: add, path: /metadata/annotations, value: {seen: 'yes'}}",
                                target: [("kind", "Deployment")])

    @Test func aRunGivesWhatTheEntriesInTurnGive() throws {
        let entries = [Self.relabel, Self.scaleC, Self.deleteA, Self.annotate]
        #expect(entries.allSatisfy { PatchTransformers.TargetedStep(PatchTransformer(entry: $0).load(Self.context)) != nil })
        let expected = Self.outcome { try Self.oneByOne(entries) }
        #expect(Self.outcome { try Self.together(entries) } == expected)
        // The relabelled d1x (tier c) were scaled, the tier-a ones deleted (d10, d12, ... were relabelled first).
        let m = try Self.together(entries)
        #expect(m.resources.count == 15)
        #expect(m.resources.first { $0.name == "d12" }?.node[["spec", "replicas"]]?.string == "5")
        #expect(m.resources.first { $0.name == "d3" }?.node[["spec", "replicas"]]?.string == "1")
    }

    @Test func theFirstErrorInEntryOrderIsThrown() throws {
        // Step 2 fails on the tier-b resources (no such path to replace under a list
        // index); step 3 fails on every resource: step 2's error at d1 comes first.
        let failB = Self.entry("- {op: replace, path: /spec/template/spec/containers/5/name, value: z}",
                               target: [("labelSelector", "tier=b")])
        let failAll = Self.entry("- {op: remove, path: /spec/nothing}", target: [("kind", "Deployment")])
        for entries in [[Self.relabel, failB, failAll], [Self.annotate, failAll, failB], [failB, Self.deleteA]] {
            let expected = Self.outcome { try Self.oneByOne(entries) }
            #expect(expected.hasPrefix("error: "))
            #expect(Self.outcome { try Self.together(entries) } == expected)
        }
    }

    @Test func entriesThatMayChangeAnIdAreNotInARun() throws {
        func step(_ e: Node) -> PatchTransformers.TargetedStep? {
            PatchTransformers.TargetedStep(PatchTransformer(entry: e).load(Self.context))
        }
        for path in ["/metadata/name", "/metadata/namespace", "/metadata", "/kind", "/apiVersion", "", "x/kind", "x/metadata/name"] {
            #expect(step(Self.entry("- {op: replace, path: '\(path)', value: {}}", target: [("kind", "Deployment")])) == nil,
                    "\(path)")
        }
        #expect(step(Self.entry("- {op: move, from: /metadata/name, path: /spec/n}", target: [("kind", "Deployment")])) == nil)
        for path in ["/metadata/labels/x", "/metadata/labels", "/metadata/annotations/a~1b", "/spec/kind", "x/spec"] {
            #expect(step(Self.entry("- {op: add, path: '\(path)', value: {}}", target: [("kind", "Deployment")])) != nil,
                    "\(path)")
        }
        // Untargeted, name changes allowed, a bad pattern: applied alone.
        #expect(step(.map([("patch", .string("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d1}"))])) == nil)
        let renaming = try #require(try Parser.parseFirst("""
            patch: "apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: x}"
            target: {kind: Deployment}
            options: {allowNameChange: true}
            """))
        #expect(step(renaming) == nil)
        #expect(step(Self.entry("- {op: add, path: /spec/x, value: v}", target: [("name", "(")])) == nil)
    }
}
