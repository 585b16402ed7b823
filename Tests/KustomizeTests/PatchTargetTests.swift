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
        for value in ["web", "web\n", "web\n\n", "webs", "we", "", "xweb", "web x"] {
            let expected = expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            #expect(plain.matches(value) == expected, "\(value.debugDescription)")
        }
        #expect(try PatchTarget.Matcher.Pattern("web-.*")?.regex != nil)
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
