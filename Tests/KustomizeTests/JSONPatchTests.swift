import Testing
@testable import Kustomize
import YAML

@Suite struct JSONPatchTests {
    /// Pointer segments decode as json-patch's replacer does: left to right,
    /// `~1` and `~0` replaced, anything else kept (kubectl kustomize gives the
    /// annotation `a~/b~~x~` for the segment `a~~1b~0~x~`).
    @Test func pointerSegmentsDecodeLeftToRight() {
        #expect(JSONPatch.decodeKey("a~~1b~0~x~") == "a~/b~~x~")
        #expect(JSONPatch.decodeKey("~01") == "~1")
        #expect(JSONPatch.decodeKey("~10") == "/0")
        #expect(JSONPatch.decodeKey("plain") == "plain")
        #expect(JSONPatch.decodeKey("é~1ü") == "é/ü")
    }

    let doc = try! Parser.parseFirst("""
        metadata: {name: a, labels: {x: "1"}}
        spec: {list: [a, b, c]}
        """)!

    func apply(_ ops: String) throws -> Node {
        try JSONPatch(text: ops).apply(to: doc)
    }

    @Test func addRemoveReplace() throws {
        let out = try apply("""
            - {op: add, path: /spec/list/1, value: z}
            - {op: add, path: /spec/list/-, value: end}
            - {op: remove, path: /spec/list/0}
            - {op: replace, path: /spec/missing, value: 3}
            - {op: add, path: /metadata/labels/a~1b, value: v}
            """)
        #expect(out[["spec", "list"]]?.sequence?.map(\.string) == ["z", "b", "c", "end"])
        #expect(out[["spec", "missing"]]?.string == "3")
        #expect(out[["metadata", "labels", "a/b"]]?.string == "v")
    }

    @Test func moveCopyTest() throws {
        let out = try apply("""
            [{"op": "copy", "from": "/metadata/name", "path": "/spec/n"},
             {"op": "move", "from": "/metadata/labels/x", "path": "/spec/x"},
             {"op": "test", "path": "/spec/x", "value": "1"},
             {"op": "test", "path": "/spec/nosuch", "value": null}]
            """)
        #expect(out[["spec", "n"]]?.string == "a")
        #expect(out[["spec", "x"]]?.string == "1")
        #expect(out[["metadata", "labels", "x"]] == nil)
    }

    @Test func pathWithoutSlashLosesFirstSegment() throws {
        let out = try apply("- {op: add, path: spec/x, value: 1}")
        #expect(out["x"]?.string == "1")
    }

    @Test func yaml11Values() throws {
        let out = try apply("- {op: add, path: /spec/v, value: {on: yes, n: 012, s: '012'}}")
        let v = try #require(out[["spec", "v"]]?.mapping)
        // Keys are typed too: `on` and `n` are YAML 1.1 booleans.
        #expect(v.keys == ["true", "false", "s"])
        #expect(v["true"]?.string == "true")
        #expect(v["false"]?.string == "10")
        #expect(v["s"]?.scalar?.style == .singleQuoted)
    }

    @Test(arguments: [
        ("- {op: remove, path: /spec/nosuch}", "error in remove for path: '/spec/nosuch': Unable to remove nonexistent key: nosuch: missing value"),
        ("- {op: add, path: /a/b/c, value: 1}", "add operation does not apply: doc is missing path: \"/a/b/c\": missing value"),
        ("- {op: replace, path: /spec/list/5/x, value: 1}", "replace operation does not apply: doc is missing path: /spec/list/5/x: missing value"),
        ("- {op: add, path: /spec/list/5, value: 1}", "error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced"),
        ("- {op: frobnicate, path: /x}", "Unexpected kind: frobnicate"),
        ("- {op: test, path: /metadata/name, value: b}", "testing value /metadata/name failed: test failed"),
    ])
    func errors(_ ops: String, _ message: String) throws {
        do {
            _ = try apply(ops)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
