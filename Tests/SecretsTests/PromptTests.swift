import Testing
@testable import Secrets

@Suite("Prompt")
struct PromptTests {
    func type(_ bytes: [UInt8]) -> (HiddenLineEditor.Step, String) {
        var e = HiddenLineEditor()
        for b in bytes {
            let step = e.feed(b)
            if step != .more { return (step, e.text) }
        }
        return (.more, e.text)
    }

    @Test func lineEditing() {
        #expect(type(Array("abc\r".utf8)) == (.done, "abc"))
        #expect(type(Array("abc\n".utf8)) == (.done, "abc"))
        #expect(type(Array("abx".utf8) + [127] + Array("c\r".utf8)) == (.done, "abc"))
        #expect(type(Array("é".utf8) + [127] + Array("e\r".utf8)) == (.done, "e"))
        #expect(type(Array("junk".utf8) + [21] + Array("ok\r".utf8)) == (.done, "ok"))
        #expect(type(Array("a\tb\u{1b}c\r".utf8)) == (.done, "a\tbc"))
        #expect(type(Array("abc".utf8) + [3]).0 == .cancelled)
        #expect(type([4]).0 == .cancelled)
        #expect(type(Array("a".utf8) + [4] + Array("b\r".utf8)) == (.done, "ab"))
    }

    @Test func asksTwiceAndRetriesOnMismatchOrEmpty() throws {
        var reader = ScriptedReader(answers: ["", "one", "two", "s3cret", "s3cret"])
        let v = try ValuePrompt.ask(key: "password", secretName: "db", confirm: true, reader: &reader)
        #expect(v == "s3cret")
        #expect(reader.prompts.count == 5)
        #expect(reader.prompts[0] == "Value for password (db): ")
        #expect(reader.notices.count == 2)
        #expect(!reader.notices.joined().contains("s3cret") && !reader.notices.joined().contains("one"))
    }

    @Test func givesUpAfterThreeAttempts() {
        var reader = ScriptedReader(answers: ["a", "b", "c", "d", "e", "f"])
        #expect(throws: SealError.terminal("no value for k after three attempts (values were empty or did not match)")) {
            try ValuePrompt.ask(key: "k", secretName: "n", confirm: true, reader: &reader)
        }
    }

    @Test func noConfirm() throws {
        var reader = ScriptedReader(answers: ["x"])
        #expect(try ValuePrompt.ask(key: "k", secretName: "n", confirm: false, reader: &reader) == "x")
    }

    @Test func terminalReaderNeedsATTY() {
        // The test runner's stdin is a pipe or /dev/null, never the terminal.
        #expect(TerminalSecretReader(fd: -1) == nil)
    }
}
