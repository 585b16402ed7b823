import Testing
@testable import YAML

@Suite struct ParserTests {
    @Test func keepsOrderStyleAndTag() throws {
        let node = try #require(try Parser.parseFirst("b: 'x'\na: !!str 1\nc: |\n  t\n"))
        let m = try #require(node.mapping)
        #expect(m.keys == ["b", "a", "c"])
        #expect(m["b"]?.scalar?.style == .singleQuoted)
        #expect(m["a"]?.scalar?.tag == "!!str")
        #expect(m["c"]?.scalar?.value == "t\n")
        #expect(m["c"]?.scalar?.mark.line == 3)
    }

    @Test func expandsAliasesAndMerges() throws {
        let text = "a: &a {k: a, ka: 1}\nb: &b {k: b, kb: 1}\nspec:\n  <<: [*a, *b]\nspec2:\n  k: own\n  <<: *a\n"
        let node = try #require(try Parser.parseFirst(text))
        #expect(node["spec"]?["k"]?.string == "a")
        #expect(node["spec"]?["kb"]?.string == "1")
        #expect(node["spec2"]?["k"]?.string == "own")
        #expect(node["spec2"]?["ka"]?.string == "1")
    }

    @Test func reportsLineOfScannerErrors() throws {
        do {
            _ = try Parser.parseAll("a: b\nc:\n\t- x\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "found character that cannot start any token")
            #expect(error.line == 3)
        }
    }

    @Test func unknownAnchor() {
        #expect(throws: YAMLError("unknown anchor 'l' referenced", line: 1)) {
            try Parser.parseAll("a: *l\n")
        }
    }

    @Test func multipleDocuments() throws {
        let docs = try Parser.parseAll("a: 1\n---\nb: 2\n")
        #expect(docs.count == 2)
    }
}
