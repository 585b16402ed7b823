import Testing
@testable import Kustomize

@Suite struct GoRegexTests {
    @Test func unanchoredSearch() throws {
        #expect(try GoRegex("main").matches("remain"))
        #expect(try GoRegex("ma.n").matches("xmainy"))
        #expect(try !GoRegex("^main$").matches("remain"))
    }

    @Test func anchoredWholeMatch() throws {
        #expect(try GoRegex("p.*", anchored: true).matches("pod"))
        #expect(try !GoRegex("p.*", anchored: true).matches("apod"))
        #expect(try !GoRegex("svc", anchored: true).matches("svc2"))
        #expect(try GoRegex("a|b", anchored: true).matches("b"))
    }
}
