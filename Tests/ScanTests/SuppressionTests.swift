import Testing
@testable import Scan

@Suite struct SuppressionTests {
    @Test func pragmaAndAllowDirectives() {
        let text = """
        password: Zq8plmT2vXw9rKs1 # pragma: allowlist secret
        password: Zq8plmT2vXw9rKs2 # kustos:allow
        password: Zq8plmT2vXw9rKs3 # kustos:allow credential-assignment, jwt
        password: Zq8plmT2vXw9rKs4 # kustos:allow jwt
        # pragma: allowlist nextline secret
        password: Zq8plmT2vXw9rKs5
        # kustos:allow-next-line jwt
        password: Zq8plmT2vXw9rKs6
        password: Zq8plmT2vXw9rKs7 # kustos:allow reviewed by security
        """
        #expect(Support.scan(text).map(\.line) == [4, 8])
    }

    @Test func directiveParsing() {
        let b = Array("x # kustos:allow jwt,stripe-key because".utf8)
        #expect(Suppression.directive("kustos:allow", b, 0..<b.count) == ["jwt", "stripe-key"])
        let n = Array("# kustos:allow-next-line".utf8)
        #expect(Suppression.directive("kustos:allow", n, 0..<n.count) == nil)
    }
}
