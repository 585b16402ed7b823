import Testing
import YAML
@testable import Kustomize

@Suite struct StructuredScalarTests {
    @Test func compactJSONStaysCompactWithSortedKeys() throws {
        let node = try StructuredScalar.parse(#"{"b":1,"a":"x"}"#)
        #expect(try StructuredScalar.serialize(node, like: #"{"b":1,"a":"x"}"#) == #"{"a":"x","b":1}"#)
    }

    @Test func indentedJSONStaysIndented() throws {
        let original = "{\n  \"a\": [1, 2]\n}\n"
        let node = try StructuredScalar.parse(original)
        #expect(try StructuredScalar.serialize(node, like: original) == "{\n  \"a\": [\n    1,\n    2\n  ]\n}")
    }

    @Test func yamlLosesTrailingNewline() throws {
        let node = try StructuredScalar.parse("server:\n  port: 1\n")
        #expect(try StructuredScalar.serialize(node, like: "server:\n  port: 1\n") == "server:\n  port: 1")
    }
}
