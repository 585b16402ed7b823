import Foundation
import Testing
@testable import Kustomize
import YAML

@Suite struct PatchTargetTests {
    let map = ResourceMap(try! ResourceReader.resources(fromText: """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-a, labels: {tier: web}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-extra, namespace: prod, labels: {tier: db}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web}
        """, origin: "t"))

    func select(_ yaml: String) throws -> [Int] {
        try PatchTarget(node: try #require(try Parser.parseFirst(yaml))).select(map)
    }

    @Test func anchoredRegexes() throws {
        #expect(try select("{name: web}") == [2])
        #expect(try select("{name: web-.*}") == [0, 1])
        #expect(try select("{kind: ConfigMap|Deployment, group: apps}") == [0, 1])
        #expect(try select("{kind: Deploy}") == [])
    }

    /// A plain-text pattern is compared directly; only a longer value that starts
    /// with it goes to the regular expression (compiled then), which matches
    /// before a final line break as the anchored expression does.
    @Test func plainPatternsAgreeWithTheirExpression() throws {
        let plain = try #require(try PatchTarget.Matcher.Pattern("web"))
        #expect(plain.regex == nil)
        let expression = try NSRegularExpression(pattern: "^(?:web)$")
        for value in ["web", "web\n", "web\n\n", "webs", "we", "", "xweb", "web x", "web\r\n", "web\r", "web\u{85}",
                      "web\u{2028}", "web\u{2029}", "web\u{0B}", "web\u{0C}", "web\n ", "webé", "web\t"] {
            let expected = expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            #expect(plain.matches(value) == expected, "\(value.debugDescription)")
        }
        #expect(try PatchTarget.Matcher.Pattern("web-.*")?.regex == nil)
        #expect(try PatchTarget.Matcher.Pattern("web|api")?.regex == nil)
        #expect(try PatchTarget.Matcher.Pattern("[a-z]+")?.regex != nil)
    }

    func expression(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
    }

    func icuMatches(_ e: NSRegularExpression, _ value: String) -> Bool {
        e.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    /// The patterns matched without a regular expression engine: the common forms
    /// are, anything else is left to the engine.
    @Test func simplePatternForms() {
        for p in [".*-api$", ".*-secrets$", "web-.*", "^web-.+", "a?b*c+", "v1\\.2", "x\\$", "^$", "a|b", "(web)",
                  ".*-(worker|consumer|cron)$", "(?:a|b)+c", "a|", "()", "((a|b)c)*"] {
            #expect(SimplePattern(p) != nil, "\(p)")
        }
        for p in ["[a-z]+", "a{2}", "a**", "a*?", "a*+", "*a", "+", "\\d+", "\\w", "a$b", "a^", "^*", "a\\ b",
                  "(a", "a)", "(?i)a", "(?=a)", "(*)", "(a)**", "a|*"] {
            #expect(SimplePattern(p) == nil, "\(p)")
        }
    }

    /// Every pattern `SimplePattern` accepts compiles, and it answers as the
    /// anchored ICU expression does on every value it answers for (all printable
    /// ASCII values); the `Pattern` answers as the expression on every value.
    @Test func simplePatternsAgreeWithTheirExpression() throws {
        let atoms = ["a", "b", "-", ".", "\\.", "\\-", "\\*"]
        let counts = ["", "", "*", "+", "?"]
        var patterns: [String] = [".*-api$", "^web-.*", "^$", "x\\$", "a.c", ".*", ".*-(a|b-)$", "(a|)b", "(|a)*b"]
        var generator = SystemRandomNumberGenerator()
        // A sequence of atoms, some quantified, some of them groups of alternatives.
        func sequence(_ depth: Int) -> String {
            var p = ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                if depth < 2 && Int.random(in: 0..<4, using: &generator) == 0 {
                    let alternatives = (0..<Int.random(in: 1...3, using: &generator)).map { _ in sequence(depth + 1) }
                    p += (Bool.random(using: &generator) ? "(" : "(?:") + alternatives.joined(separator: "|") + ")"
                } else {
                    p += atoms.randomElement(using: &generator)!
                }
                p += counts.randomElement(using: &generator)!
            }
            return p
        }
        for _ in 0..<400 {
            var p = Bool.random(using: &generator) ? "^" : ""
            p += Int.random(in: 0..<5, using: &generator) == 0 ? sequence(1) + "|" + sequence(1) : sequence(0)
            if Bool.random(using: &generator) { p += "$" }
            patterns.append(p)
        }
        var values = ["", "a", "b", "-", ".", "*", "ab", "a-b", "aab", "ba.", "a\n", "\n", "a-api", "x$", "x", "é", "a\rb", "web-", "web-x"]
        for _ in 0..<60 {
            values.append(String((0..<Int.random(in: 0...6, using: &generator)).map { _ in "ab-.*x".randomElement(using: &generator)! }))
        }
        var answered = 0
        for p in patterns {
            guard let simple = SimplePattern(p) else { continue }
            let e = try expression(p)
            let pattern = try #require(try PatchTarget.Matcher.Pattern(p))
            for v in values {
                let expected = icuMatches(e, v)
                if let answer = simple.matches(v) {
                    answered += 1
                    #expect(answer == expected, "\(p) on \(v.debugDescription)")
                } else {
                    #expect(v.utf8.contains { $0 < 0x20 || $0 >= 0x7F }, "\(p) on \(v.debugDescription)")
                }
                #expect(pattern.matches(v) == expected, "\(p) on \(v.debugDescription)")
            }
        }
        #expect(answered > 10_000)
    }

    /// An escaped punctuation character is that character, as in ICU.
    @Test func escapedPunctuation() throws {
        for b in UInt8(0x21)..<0x7F where SimplePattern.isPunctuation(b) {
            let c = String(UnicodeScalar(b))
            let p = "\\" + c + "x"
            let simple = try #require(SimplePattern(p), "\(p)")
            let e = try expression(p)
            for v in [c + "x", "x", "\\" + c + "x", "ax"] {
                #expect(simple.matches(v) == icuMatches(e, v), "\(p) on \(v)")
            }
        }
    }

    @Test func namespacesAreEffective() throws {
        #expect(try select("{namespace: default}") == [0, 2])
        #expect(try select("{namespace: prod}") == [1])
    }

    @Test func selectors() throws {
        #expect(try select("{labelSelector: 'tier in (web,db),tier!=db'}") == [0])
        #expect(try select("{labelSelector: '!tier'}") == [2])
    }

    @Test func originalNameMatches() throws {
        var m = map
        m.resources[2].rename("renamed")
        let t = try PatchTarget(node: try #require(try Parser.parseFirst("{name: web, kind: ConfigMap}")))
        #expect(try t.select(m) == [2])
    }
}
