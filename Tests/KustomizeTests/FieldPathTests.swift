import Testing
import YAML
@testable import Kustomize

@Suite struct FieldPathTests {
    @Test func splitsEscapesAndBrackets() {
        #expect(FieldPath.split("a.b.c") == ["a", "b", "c"])
        #expect(FieldPath.split("data.config\\.json.port") == ["data", "config.json", "port"])
        #expect(FieldPath.split("metadata.annotations.[example.com/x]") == ["metadata", "annotations", "example.com/x"])
        #expect(FieldPath.split("spec.containers.[name=a.b].image") == ["spec", "containers", "[name=a.b]", "image"])
        #expect(FieldPath.split(".a.b") == ["a", "b"])
    }

    @Test func lookupUsesExactSelectorsAndIndexes() throws {
        let node = try #require(try Parser.parseFirst("""
            list:
            - {name: main, v: 1}
            - {name: remain, v: 2}
            """))
        #expect(try FieldPath.lookup(node, ["list", "[name=main]", "v"])?.string == "1")
        #expect(try FieldPath.lookup(node, ["list", "1", "v"])?.string == "2")
        #expect(try FieldPath.lookup(node, ["list", "-", "name"])?.string == "remain")
        #expect(try FieldPath.lookup(node, ["list", "[name=nope]"]) == nil)
        #expect(throws: KustomizeError.self) { try FieldPath.lookup(node, ["list", "*"]) }
    }

    @Test func matcherSelectorIsUnanchoredRegex() throws {
        var node = try #require(try Parser.parseFirst("""
            list:
            - {name: main, v: 1}
            - {name: remain, v: 2}
            - {name: other, v: 3}
            """))
        let count = try PathMatcher(create: nil).apply(&node, ["list", "[name=main]", "v"]) { (n: inout Node) in
            n = .string("x")
        }
        #expect(count == 2)
        #expect(node["list"]?.sequence?.map { $0["v"]?.string } == ["x", "x", "3"])
    }

    @Test func matcherCreatesFieldsAndElements() throws {
        var node = Node.map([])
        let count = try PathMatcher(create: .scalar).apply(&node, ["spec", "list", "[name=a]", "value"]) {
            (n: inout Node) in n = .string("v")
        }
        #expect(count == 1)
        #expect(node[["spec", "list"]]?.sequence?.first?["name"]?.string == "a")
        #expect(node[["spec", "list"]]?.sequence?.first?["value"]?.string == "v")
    }

    @Test func indexPastEndIsAnError() throws {
        var node = try #require(try Parser.parseFirst("list: [a]"))
        #expect(throws: KustomizeError.self) {
            try PathMatcher(create: nil).apply(&node, ["list", "3"]) { (_: inout Node) in }
        }
    }
}
