import Testing
@testable import Kustomize
import YAML

@Suite struct ResourceTests {
    /// The kinds of the cluster-scoped pairs, as splitting the texts into words gives them.
    @Test func clusterScopeKindNamesAreTheSecondWords() {
        #expect(ClusterScope.kindNames == Set(ClusterScope.kinds.map { String($0.split(separator: " ")[1]) }))
        #expect(ClusterScope.kindNames.contains("Namespace"))
        #expect(GVK(apiVersion: "v1", kind: "Namespace").isClusterScoped)
        #expect(!GVK(apiVersion: "v1", kind: "ConfigMap").isClusterScoped)
    }

    static func resource() throws -> Resource {
        Resource(node: try #require(try Parser.parseFirst("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")),
                 origin: "a.yaml")
    }

    /// `gvk` reads the root once; it agrees with the `apiVersion` and `kind`
    /// lookups (the last of repeated keys, "" for null or missing) and with `id`.
    @Test func gvkReadsTheRootOnce() throws {
        let texts = ["apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n",
                     "kind: Service\napiVersion: v1\n",
                     "apiVersion: v1\nkind: A\napiVersion: batch/v1\nkind: Job\n",
                     "apiVersion: ~\nkind:\n", "metadata: {name: a}\n", "- a\n", "x\n",
                     "apiVersion: [a]\nkind: {b: c}\n"]
        for text in texts {
            let r = Resource(node: try #require(try Parser.parseFirst(text)), origin: "a.yaml")
            #expect(r.gvk == GVK(apiVersion: Resource.text(r.node, "apiVersion"), kind: Resource.text(r.node, "kind")), "\(text)")
            #expect(r.gvk == r.id.gvk, "\(text)")
        }
    }

    @Test func copiesKeepTheirOwnBookkeeping() throws {
        var a = try Self.resource()
        a.namePrefixes.append("p-")
        var b = a
        b.rename("b")
        b.namePrefixes.append("q-")
        b.needsHashSuffix = true
        b.origin = "b.yaml"
        #expect(a.previousIds.isEmpty && a.namePrefixes == ["p-"] && !a.needsHashSuffix && a.origin == "a.yaml")
        #expect(b.previousIds.map(\.name) == ["a"] && b.namePrefixes == ["p-", "q-"] && b.needsHashSuffix)
        #expect(b.origin == "b.yaml" && b.name == "b" && a.name == "a")
    }

    @Test func writesThroughAUniqueResourceStayInPlace() throws {
        var a = try Self.resource()
        for i in 0..<3 { a.refVarNames.append("v\(i)") }
        a.generatorBehavior = "merge"
        a.source = .file("/x/a.yaml")
        #expect(a.refVarNames == ["v0", "v1", "v2"] && a.generatorBehavior == "merge" && a.source == .file("/x/a.yaml"))
    }

    /// Files are split at `---` lines (not the first line; a comment may follow),
    /// each piece keeping the newline of its last line.
    @Test func documentsAreSplitAtSeparatorLines() throws {
        let cases: [(String, [String])] = [
            ("a: 1\n", ["a: 1\n"]),
            ("a: 1\n---\nb: 2\n", ["a: 1\n", "b: 2\n"]),
            ("---\na: 1\n", ["---\na: 1\n"]),
            ("a: 1\n--- # next\nb: 2", ["a: 1\n", "b: 2"]),
            ("a: 1\n---\t \nb: 2\n---\n", ["a: 1\n", "b: 2\n", ""]),
            ("a: 1\r\n---\r\nb: 2\r\n", ["a: 1\n", "b: 2\n"]),
            ("a: |\n  x\n  ---\nb: 2\n", ["a: |\n  x\n  ---\nb: 2\n"]),
            ("a: 1\n---", ["a: 1\n", ""]),
            ("", [""]),
        ]
        for (text, pieces) in cases {
            #expect(try ResourceReader.split(text) == pieces, "\(text.debugDescription)")
        }
        #expect(throws: KustomizeError.self) { try ResourceReader.split("a: 1\n--- b\n") }
    }
}
