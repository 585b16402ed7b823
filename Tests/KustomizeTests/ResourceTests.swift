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
}
