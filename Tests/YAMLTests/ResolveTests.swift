import Testing
@testable import YAML

@Suite struct ResolveTests {
    /// The packed lookup of YAML 1.1's special words answers as the set does:
    /// for every word, and for all strings of up to three bytes and random ones of
    /// up to eight over the words' letters.
    @Test func specialWordsAsTheSet() {
        var letters = Set<Character>()
        for w in Resolver.yaml11Specials { letters.formUnion(w) }
        let alphabet = Array(letters) + ["x", "é"]
        var candidates: [String] = [""] + Array(Resolver.yaml11Specials)
        var short: [String] = [""]
        for _ in 1...3 { short = short.flatMap { p in alphabet.map { p + String($0) } }; candidates += short }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            candidates.append(String((0..<Int.random(in: 4...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for word in Resolver.yaml11Specials {  // near misses: each with one letter changed
            for i in word.indices { for c in alphabet { var w = word; w.replaceSubrange(i...i, with: String(c)); candidates.append(w) } }
        }
        for s in candidates {
            #expect(Resolver.isSpecialWord(s) == Resolver.yaml11Specials.contains(s), "\(s)")
        }
    }

    /// The general YAML 1.1 number rules (yaml.v2: an int in Go's base-0 syntax,
    /// else a float in YAML style), which the digits-only shortcut must agree with.
    static func numberRules(_ s: String) -> Bool {
        GoNumber.parseInt(s) != nil || (GoNumber.isYAMLStyleFloat(s) && GoNumber.parseFloat(s) != nil)
    }

    static let digitStrings: [String] = [
        "0", "7", "00", "09", "0777", "0800", "10001", "9090", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "123456789012345678901234567890",
        String(repeating: "9", count: 300), "1" + String(repeating: "0", count: 299),
    ]

    @Test(arguments: digitStrings) func digitsAreNumbers(_ s: String) {
        #expect(Resolver.isNonString11(s))
        #expect(Self.numberRules(s))
    }

    /// Past float64's range the digits are a string again (the shortcut stops at 300 digits).
    @Test func digitsPastFloatRangeAreStrings() {
        let huge = "1" + String(repeating: "0", count: 309)
        #expect(!Self.numberRules(huge))
        #expect(!Resolver.isNonString11(huge))
    }
}
