import Testing
@testable import Kustomize

/// kyaml's PathSplit and PathJoin as the value-add transformer uses them for
/// `filePathPosition`: split at '/' bytes, as Go's filepath.Split does.
@Suite struct ValueAddTransformerTests {
    @Test func pathSplitAsKyaml() {
        #expect(ValueAddTransformer.pathSplit("") == [])
        #expect(ValueAddTransformer.pathSplit("a") == ["a"])
        #expect(ValueAddTransformer.pathSplit("a/b/c") == ["a", "b", "c"])
        #expect(ValueAddTransformer.pathSplit("/a/b") == ["", "a", "b"])
        #expect(ValueAddTransformer.pathSplit("/") == [""])
        #expect(ValueAddTransformer.pathSplit("a/\u{301}b") == ["a", "\u{301}b"])
        #expect(ValueAddTransformer.pathJoin(["", "a", "b"]) == "/a/b")
        #expect(ValueAddTransformer.pathJoin(["a", "", "b"]) == "a/b")
    }
}
