import Testing
import YAML
@testable import Kustomize

@Suite struct GeneratedDataTests {
    /// 51 bytes → 68 characters on one line; 52 bytes → 72 characters, wrapped at 70.
    @Test func base64Wrapping() {
        let short = GeneratedData.wrappedBase64([UInt8](repeating: 120, count: 51))
        #expect(short.utf8.count == 68 && !short.contains("\n"))
        let long = GeneratedData.wrappedBase64([UInt8](repeating: 121, count: 52))
        #expect(long == "eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eQ\n==\n")
        let exact = GeneratedData.wrappedBase64([UInt8](repeating: 0, count: 51) + [0, 0])
        #expect(exact.hasSuffix("\n"))
    }

    @Test func configMapSplitsBinary() {
        let (data, binary) = GeneratedData.configMap([KeyValue(key: "t", text: "a\u{0}b"), KeyValue(key: "b", value: [0xFF])])
        #expect(data?["t"] == .string("a\u{0}b"))
        #expect(binary?["b"] == .string("/w=="))
        let empty = GeneratedData.configMap([])
        #expect(empty.data == nil && empty.binaryData == nil)
    }

    @Test func secretEncodesEverything() {
        let data = GeneratedData.secret([KeyValue(key: "p", text: "s3cr3t")])
        #expect(data["p"] == .string("czNjcjN0"))
        #expect(GeneratedData.secret([]).isEmpty)
    }
}
