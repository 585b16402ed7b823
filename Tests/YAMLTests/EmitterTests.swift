import Testing
@testable import YAML

@Suite struct EmitterTests {
    /// The remembered answer for short texts is the computed one, on a first and a
    /// repeated look, for texts that share slots and lengths or differ in one byte.
    @Test func shortTextVerdictsAreTheComputedOnes() {
        var texts = ["", "a", "~", "-", ":", "?", "#", "- a", "a b", "a: b", "a #b", " a", "a ", "true", "True",
                     "yes", "no", "on", "off", "y", "n", "null", "Null", "NULL", "1", "01", "0x1F", "1e3", ".5",
                     "1_000", "12:30", "2001-12-14", ".inf", ".NaN", "name", "image", "TCP", "http", "v1",
                     "apiVersion", "metadata", "123456789012345", "1234567890123456", "abcdefghijklmno"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc019 -:#.~_yYnN".utf8)
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...16, using: &generator)
            texts.append(String(decoding: (0..<n).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self))
        }
        // Pairs in one slot with the same first eight bytes and opposite answers:
        // only the whole text tells them apart.
        var bySlot: [Int: [String: Bool]] = [:]
        for suffix in (0..<4000).map({ String($0) + " #" }) + (0..<4000).map(String.init) {
            let text = "abcdefgh" + suffix
            guard text.utf8.count <= 15 else { continue }
            text.withBytes { u in
                bySlot[Emitter.slot(PackedText.words(u)), default: [:]][text] = Emitter.fastPlain(u)
            }
        }
        let mixed = bySlot.values.filter { Set($0.values).count == 2 }
        #expect(mixed.count > 10)
        for group in mixed { texts += group.keys }
        var e = Emitter()
        for round in 0..<2 {
            for text in texts {
                let (got, want) = text.withBytes { u in
                    (e.isPlainString(u, text), Emitter.fastPlain(u) && !Resolver.isNonString11(text))
                }
                #expect(got == want, "\(round) \(text)")
            }
        }
    }

    /// Output beyond the emitter's first 4 KiB buffer, grown by small appends and
    /// by single appends larger than twice the buffer, comes out whole.
    @Test func outputGrowsPastItsBuffer() throws {
        let items = (0..<5000).map { Node.string("item-\($0)") }
        #expect(try Emitter.emit(.sequence(items)) == (0..<5000).map { "- item-\($0)\n" }.joined())
        let long = String(repeating: "abcdefgh", count: 5000)  // 40,000 bytes, no space: not folded
        #expect(try Emitter.emit(.map([("k", .string(long)), ("z", .string("é"))])) == "k: \(long)\nz: é\n")
        var e = Emitter()
        try e.document(.map([("a", .int(1))]))
        e.raw("---\n")
        e.raw(long)  // one append of ten times the buffer
        e.raw("\n")
        try e.document(.map([("b", .string(long))]))
        #expect(String(decoding: e.bytes, as: UTF8.self) == "a: 1\n---\n\(long)\nb: \(long)\n")
    }

    /// The integer shortcut (plain decimals printed as written) is taken only
    /// where typing the scalar gives an int with that very text, and the
    /// document printed is that text.
    @Test func plainDecimalsPrintAsWritten() throws {
        var texts = ["0", "-0", "00", "07", "+1", "-", "", "1_000", "0x1F", "1e3", "1.0", "12:30", "٣",
                     "999999999999999999", "-999999999999999999", "1000000000000000000", "9223372036854775807"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 1...20, using: &generator)
            texts.append(String((0..<length).map { _ in "0123456789-+_"[...].randomElement(using: &generator)! }))
        }
        var taken = 0
        for text in texts where Emitter.isCanonicalDecimal(text) {
            taken += 1
            #expect(Scalar(text).resolved == .int(text), "\(text)")
            #expect(try Emitter.emit(.map([("port", .scalar(Scalar(text)))])) == "port: \(text)\n")
        }
        #expect(taken > 100)
        for text in ["-0", "00", "07", "+1", "1000000000000000000", "-"] { #expect(!Emitter.isCanonicalDecimal(text)) }
    }

    /// Every string of the reference's scalar vectors is emitted exactly as kustomize does.
    @Test func stringScalarVectors() throws {
        let doc = try #require(Fixtures.json("scalar-vectors.json") as? [String: Any])
        let cases = try #require(doc["stringScalars"] as? [[String: Any]])
        #expect(cases.count > 200)
        var failures: [String] = []
        for c in cases {
            guard let value = c["value"] as? String, let want = c["emitted"] as? String else { continue }
            // Foundation's JSON reader drops a leading U+FEFF; `byteOrderMarkEscapesAll` covers those.
            if want.contains("\"\\uFEFF\\x") { continue }
            let node = Node.map([("data", .map([("k", .string(value))]))])
            let got = try Emitter.emit(node)
            if got != "data:\n" + want { failures.append("\(value.debugDescription): got \(got.debugDescription) want \(want.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    /// Plain inputs are re-typed as kustomize does (numbers, booleans, timestamps, tags).
    @Test func plainInputVectors() throws {
        let doc = try #require(Fixtures.json("scalar-vectors.json") as? [String: Any])
        let cases = try #require(doc["plainInputs"] as? [[String: Any]])
        var failures: [String] = []
        for c in cases {
            guard let input = c["inputYaml"] as? String else { continue }
            let want = c["emitted"] as? String
            do {
                let parsed = try #require(try Parser.parseFirst(input))
                let got = try Emitter.emit(Node.map([("spec", parsed)]))
                if let want, got != "spec:\n" + want {
                    failures.append("\(input.debugDescription): got \(got.debugDescription) want \(want.debugDescription)")
                } else if want == nil {
                    failures.append("\(input.debugDescription): expected an error, got \(got.debugDescription)")
                }
            } catch {
                if want != nil { failures.append("\(input.debugDescription): unexpected error \(error)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    @Test func keyOrderVectors() throws {
        let doc = try #require(Fixtures.json("key-order-vectors.json") as? [String: Any])
        let cases = try #require(doc["vectors"] as? [[String: Any]])
        var failures: [String] = []
        for c in cases where (c["deterministic"] as? Bool) == true {
            let keys = try #require(c["inputKeys"] as? [String])
            let want = try #require(c["emittedDataBlock"] as? String)
            let node = Node.map([("data", .mapping(Mapping(keys.map { Entry(key: .string($0), value: .string("x")) })))])
            let got = try Emitter.emit(node)
            if got != "data:\n" + want { failures.append("\(keys): got \(got.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func layout() throws {
        let input = """
        spec:
          l:
          - a: {b: c}
            d: [e, [f, {g: h, i: [j, {k: l}]}], [], {}, "", null]
          - [[], [[]]]
          - {x: "multi\\nline\\n", y: ["in seq\\ntwo"]}
          m: {n: {o: {p: deep}}}
        """
        let want = """
        spec:
          l:
          - a:
              b: c
            d:
            - e
            - - f
              - g: h
                i:
                - j
                - k: l
            - []
            - {}
            - ""
            - null
          - - []
            - - []
          - x: |
              multi
              line
            "y":
            - |-
              in seq
              two
          m:
            "n":
              o:
                p: deep

        """
        let node = try #require(try Parser.parseFirst(input))
        #expect(try Emitter.emit(node) == want)
    }

    @Test func literalChomping() throws {
        let a = try Emitter.emit(Node.map([("zzz", .string("x\n\n"))]))
        #expect(a == "zzz: |+\n  x\n\n")
        let b = try Emitter.emit(Node.map([("zzz", .string("\n"))]))
        #expect(b == "zzz: |2+\n\n")
    }

    @Test func byteOrderMarkEscapesAll() throws {
        let got = try Emitter.emit(Node.map([("k", .string("\u{FEFF}x"))]))
        #expect(got == "k: \"\\uFEFF\\x78\"\n")
    }

    @Test func infinityIsAnError() throws {
        let node = try #require(try Parser.parseFirst("k: .inf"))
        #expect(throws: YAMLError.self) { try Emitter.emit(node) }
    }

    /// The plain-scalar check, one byte at a time: the definition `fastPlain`
    /// reads eight bytes at a time.
    static func plainByByte(_ u: [UInt8]) -> Bool {
        guard let first = u.first, let last = u.last, first != 32, last != 32,
              !Array("#,[]{}&*!|>'\"%@`?:-.".utf8).contains(first) else { return false }
        var prev: UInt8 = 0
        for c in u {
            if c < 0x20 || c > 0x7E { return false }
            if c == UInt8(ascii: "#") && prev == 32 { return false }
            if prev == UInt8(ascii: ":") && c == 32 { return false }
            prev = c
        }
        return last != UInt8(ascii: ":")
    }

    /// Word-at-a-time and byte-at-a-time checks agree on every length and on
    /// every troublesome byte at every position (word edges included).
    @Test func fastPlainAgreesWithTheByteByByteCheck() {
        let special: [UInt8] = [32, 0x23, 0x3A, 0x1F, 0x7F, 0x80, 0xC3, 0x09, 0x0A, 0x21, 0x7E, 0x2D, 0x40]
        var cases: [[UInt8]] = []
        for n in 0...24 {
            let plain = (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            cases.append(plain)
            for p in 0..<n {
                for b in special {
                    var u = plain
                    u[p] = b
                    cases.append(u)
                    if p + 1 < n {
                        var v = u
                        v[p + 1] = p % 2 == 0 ? 32 : 0x23  // ": ", " #", "# ", ...
                        cases.append(v)
                    }
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab:# -./".utf8) + [0x7F, 0x1B, 0xE2]
        for _ in 0..<5000 {
            cases.append((0..<Int.random(in: 1...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for u in cases {
            let fast = u.withUnsafeBufferPointer { Emitter.fastPlain($0) }
            #expect(fast == Self.plainByByte(u), "\(u)")
        }
    }
}
