import Testing
@testable import Scan
import Kustomize

@Suite struct MaskingTests {
    @Test func masksKeepAShortPrefix() {
        #expect(Masking.mask("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") == "ghp_***")
        #expect(Masking.mask("hunter2-prod") == "hun***")
        #expect(Masking.mask("abcdefgh") == "ab***")
        #expect(Masking.mask("abcd") == "***")
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func fingerprintsIgnoreLineMoves() {
        let a = Support.scan("password: Zq8plmT2vXw9rKs\n")
        let b = Support.scan("\n\n# moved\npassword: Zq8plmT2vXw9rKs\n")
        #expect(a.first?.fingerprint == b.first?.fingerprint)
        #expect(a.first?.line != b.first?.line)
        let c = Support.scan("password: Zq8plmT2vXw9rKt\n")
        #expect(a.first?.fingerprint != c.first?.fingerprint)
    }
}
