import Testing
@testable import Kustomize

@Suite struct LabelSelectorTests {
    let labels = [("app", "web"), ("tier", "front")]

    @Test func equalityAndSets() throws {
        #expect(try LabelSelector("app=web").matches(labels))
        #expect(try LabelSelector("app==web,tier=front").matches(labels))
        #expect(try !LabelSelector("app!=web").matches(labels))
        #expect(try LabelSelector("tier in (back, front)").matches(labels))
        #expect(try !LabelSelector("tier notin (front)").matches(labels))
        #expect(try LabelSelector("missing notin (x)").matches(labels))
    }

    @Test func existence() throws {
        #expect(try LabelSelector("app").matches(labels))
        #expect(try LabelSelector("!legacy").matches(labels))
        #expect(try !LabelSelector("!app").matches(labels))
        #expect(try LabelSelector("").matches([]))
    }

    @Test func malformedIsAnError() {
        #expect(throws: KustomizeError.self) { try LabelSelector("a in b") }
    }
}
