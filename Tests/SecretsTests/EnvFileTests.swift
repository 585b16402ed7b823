import Testing
@testable import Secrets

@Suite("EnvFile")
struct EnvFileTests {
    @Test func parsesEntries() throws {
        let e = try EnvFile.parse("\u{FEFF}# comment\n\nA=1\n  B = two words \r\nC=x=y\nA=again\nEMPTY=\n", file: "v.env")
        #expect(e.map(\.key) == ["A", "B", "C", "EMPTY"])
        #expect(e.map(\.value) == ["again", " two words ", "x=y", ""])
    }

    @Test func errorsGiveTheLineButNotItsText() {
        #expect(throws: SealError.input(origin: "v.env:2", problem: "expected KEY=VALUE")) {
            try EnvFile.parse("A=1\nhunter2\n", file: "v.env")
        }
        #expect(throws: SealError.input(origin: "v.env:1", problem: "invalid key \"a b\" (keys may contain letters, digits, '-', '_' and '.')")) {
            try EnvFile.parse("a b=1\n", file: "v.env")
        }
    }

    @Test func keyRules() {
        #expect(EnvFile.isValidKey("tls.crt"))
        #expect(EnvFile.isValidKey(".dockerconfigjson"))
        #expect(!EnvFile.isValidKey("a/b"))
        #expect(!EnvFile.isValidKey(""))
    }
}
