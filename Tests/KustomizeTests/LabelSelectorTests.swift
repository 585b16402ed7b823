import Testing
@testable import Kustomize

@Suite struct LabelSelectorTests {
    let labels = [("tier", "web"), ("team", "x"), ("n", "5")]

    @Test(arguments: [
        ("tier=web", true), ("tier==web", true), ("tier!=web", false), ("tier", true), ("!tier", false),
        ("tier in (web, db)", true), ("tier notin (web)", false), ("missing!=x", true),
        ("n>3", true), ("n<3", false), ("tier=web,team=y", false), ("", true),
    ])
    func matching(_ text: String, _ expected: Bool) throws {
        #expect(try LabelSelector(text).matches(labels) == expected)
    }

    @Test func invalid() {
        #expect(throws: KustomizeError.self) { _ = try LabelSelector("tier in web") }
    }
}
