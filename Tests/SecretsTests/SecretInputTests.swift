import Testing
import YAML
@testable import Secrets

@Suite("SecretInput")
struct SecretInputTests {
    @Test func yaml11ScalarsAreCoercedLikeKubeseal() throws {
        let s = try SecretInput.parseStream(try Fixture.text(Fixture.example("14-yaml11-scalars", "secret.yaml")), file: "s.yaml")
        let sd = try #require(s.first).stringData
        #expect(sd["pin"] == "83")
        #expect(sd["flag"] == "true")
        #expect(sd["version"] == "1.1")
        #expect(sd["nothing"] == "")
        #expect(sd["date"] == "2024-01-02")
        #expect(sd["quoted-pin"] == "0123")
        #expect(s.first?.metadata.labels == ["enabled": "true"])
    }

    @Test func jsonStreamOfObjects() throws {
        let text = """
            {"kind":"Secret","metadata":{"name":"a","namespace":"x"},"data":{"k":"dmFsdWU="}}
              {"kind": "Secret", "metadata": {"name": "b"}, "stringData": {"k": "v"}, "immutable": true}
            """
        let s = try SecretInput.parseStream(text, file: "in.json")
        #expect(s.count == 2)
        #expect(s[0].data["k"] == Array("value".utf8))
        #expect(s[1].origin == "in.json:2")
        #expect(s[1].immutable == true)
    }

    @Test func emptyDocumentsAreSkipped() throws {
        let s = try SecretInput.parseStream("---\n---\n# only a comment\n---\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n", file: "f")
        #expect(s.count == 1)
    }

    @Test func dataMustBeStandardBase64() throws {
        for bad in ["not base64!", "YWJj ZA==", "YWJjZA"] {
            #expect(throws: SealError.input(origin: "f.yaml:4", problem: "data.k is not valid base64 (use stringData for plain text)")) {
                try SecretInput.parseStream("kind: Secret\nmetadata: {name: a}\ndata:\n  k: \(bad)\n", file: "f.yaml")
            }
        }
        // Line breaks inside a value are ignored, as in Go.
        let s = try SecretInput.parseStream("kind: Secret\ndata:\n  k: |\n    dmFs\n    dWU=\n", file: "f")
        #expect(s.first?.data["k"] == Array("value".utf8))
    }

    @Test func errorsNameFileAndLine() {
        #expect(throws: SealError.input(origin: "f.yaml:1", problem: "expected kind Secret, found ConfigMap")) {
            try SecretInput.parseStream("kind: ConfigMap\nmetadata: {name: a}\n", file: "f.yaml")
        }
        #expect(throws: SealError.input(origin: "f.yaml:3", problem: "stringData must be a mapping")) {
            try SecretInput.parseStream("kind: Secret\nmetadata: {name: a}\nstringData: abc\n", file: "f.yaml")
        }
        #expect(throws: SealError.self) { try SecretInput.parseStream("a: [\n", file: "f.yaml") }
        #expect(throws: SealError.self) { try SecretInput.parseStream("{\"a\": 1} x", file: "f.json") }
        #expect(throws: SealError.self) { try SecretInput.parseStream("{\"a\": 1", file: "f.json") }
    }

    @Test func serverFieldsAndManagedFieldsAreRead() throws {
        let s = try SecretInput.parseStream(try Fixture.text(Fixture.example("09-from-cluster", "secret.yaml")), file: "f")
        let m = try #require(s.first).metadata
        #expect(m.uid == "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(m.creationTimestamp == "2024-05-01T10:20:30Z")
        #expect(m.managedFields.count == 1)
        #expect(m.ownerReferences.count == 1)
    }
}
