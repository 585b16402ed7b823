import Foundation
import Testing
@testable import Kustomize

@Suite struct EnvFileTests {
    /// The reference's env-file vectors, built end to end.
    @Test func referenceVectors() throws {
        let doc = try #require(Fixtures.json("env-file-vectors.json") as? [String: Any])
        let vectors = try #require(doc["vectors"] as? [[String: Any]])
        #expect(vectors.count == 19)
        let kustomization = "configMapGenerator:\n- name: e\n  envs:\n  - a.env\n  options:\n    disableNameSuffixHash: true\n"
        for v in vectors {
            let name = v["name"] as? String ?? "?"
            let env = try #require(v["envFile"] as? String)
            // Foundation's JSON reader drops a leading U+FEFF; `lineRules` covers the BOM.
            if name == "bom-first-line-only" { continue }
            let tree = try TempTree(text: ["kustomization.yaml": kustomization, "a.env": env])
            defer { tree.remove() }
            if v["rc"] as? Int == 0 {
                #expect(try Build().run(tree.path) == v["stdout"] as? String, "\(name)")
            } else {
                #expect(throws: KustomizeError.self, "\(name)") { try Build().run(tree.path) }
            }
        }
    }

    @Test func lineRules() throws {
        let pairs = try EnvFile.pairs(Array("\u{FEFF}A=1\r\n  # c\n\u{FEFF}B\n=x\nC=3\rD=4\nE = y  ".utf8))
        #expect(pairs == [KeyValue(key: "A", text: "1"), KeyValue(key: "\u{FEFF}B", text: ""),
                          KeyValue(key: "C", text: "3\rD=4"), KeyValue(key: "E ", text: " y  ")])
    }

    /// ASCII lines are read without decoding them: the same pair as the decoding
    /// path, for lines made of the bytes that matter (blanks, controls, `#`, `=`).
    @Test func asciiLinesAsDecoded() throws {
        let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x00, 0x1F, 0x7F, UInt8(ascii: "#"),
                                 UInt8(ascii: "="), UInt8(ascii: "a"), UInt8(ascii: "B")]
        var generator = SystemRandomNumberGenerator()
        var lines: [[UInt8]] = [[]]
        for length in 1...3 {  // every line of up to three bytes
            lines += lines.filter { $0.count == length - 1 }.flatMap { l in alphabet.map { l + [$0] } }
        }
        for _ in 0..<3000 {  // and longer ones at random
            lines.append((0..<Int.random(in: 4...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for line in lines {
            #expect(EnvFile.asciiLine(line[...]) == (try EnvFile.unicodeLine(line[...], isFirst: false)), "\(line)")
        }
    }

    @Test func invalidUTF8() {
        #expect(errorText { _ = try EnvFile.pairs([65, 61, 49, 10, 66, 61, 255, 254, 10]) }
                == "line [66 61 255 254] has invalid utf8 bytes : B=\u{FFFD}\u{FFFD}")
    }

    /// A line of 64 KiB or more silently ends the file, as Go's bufio.Scanner does.
    @Test func overlongLineStopsParsing() throws {
        let ok = Array("A=".utf8) + [UInt8](repeating: 120, count: EnvFile.maxLineLength - 3) + [10]
        let long = Array("B=".utf8) + [UInt8](repeating: 120, count: EnvFile.maxLineLength) + [10]
        let pairs = try EnvFile.pairs(ok + long + Array("C=1\n".utf8))
        #expect(pairs.map(\.key) == ["A"])
    }
}
