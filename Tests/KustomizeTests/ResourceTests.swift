import Testing
@testable import Kustomize
import YAML

@Suite struct ResourceTests {
    static func resource() throws -> Resource {
        Resource(node: try #require(try Parser.parseFirst("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")),
                 origin: "a.yaml")
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
