import Testing
@testable import Scan

@Suite struct FormatsTests {
    func rules(_ line: String) -> [String] {
        let b = Array(line.utf8)
        return Formats.scan(b, 0..<b.count).map(\.rule.id)
    }

    @Test func awsAccessKeyIDs() {
        #expect(rules("id AKIAIRMT64CUNYMNYKCN here") == ["aws-access-key-id"])
        #expect(rules("ASIAIRMT64CUNYMNYKCN") == ["aws-access-key-id"])
        #expect(rules("AKIAIOSFODNN7EXAMPLE") == [])  // AWS's documented example
        #expect(rules("xyzAKIAIRMT64CUNYMNYKCN") == [])  // inside a longer string
        #expect(rules("AKIAIRMT64CUNYMNYKC") == [])  // too short
    }

    @Test func githubAndGitLab() {
        #expect(rules("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") == ["github-token"])
        #expect(rules("ghp_short") == [])
        #expect(rules("glpat-Z_xcweOjz-19Di-L6iye") == ["gitlab-token"])
        #expect(rules("glpat-short") == [])
    }

    @Test func slack() {
        #expect(rules("xoxb-115297359512-1418570330474-7G9beRA6oUOJk3PMQt1Mi5LX") == ["slack-token"])
        #expect(rules("https://hooks.slack.com/services/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") == ["slack-webhook"])
        #expect(rules("https://hooks.slack.com/services/") == [])
    }

    @Test func stripeAndGoogle() {
        #expect(rules("sk_live_H8xh3kp5rNVuJCxAsJqxlTFm") == ["stripe-key"])
        #expect(rules("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx") == [])
        #expect(rules("pk_live_NPEjMXjmpQd3PoXqLipRx8Ih") == [])
        #expect(rules("AIzaSy6p2jqGzYQDwIXAMZZX4zJsCGQI_jIVMBa") == ["google-api-key"])
        #expect(rules("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") == ["google-oauth-client-secret"])
    }

    @Test func jwts() {
        let sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        #expect(rules(sample) == [])  // the jwt.io debugger's sample
        let real = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2kifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"
        #expect(rules("token: \(real)") == ["jwt"])
        #expect(rules("eyJub3QiOiJqd3QifQ") == [])
    }

    @Test func otherVendors() {
        #expect(rules("npm_vLkn2JC7YFsdJ4Gpn4RmCwJKY8TcTMUQ5Hme") == ["npm-token"])
        #expect(rules("AGE-SECRET-KEY-1XXSAXV9LKT60FHE0D24XX3F8SQU3LQHZFR8NEWUW72Q59XNU0V500K5X66") == ["age-secret-key"])
        #expect(rules("age18alje4e50dmh3hdhn7349jruzwsmckdnz858mdk7ps7rpu50m6t8qw545p") == [])
    }

    @Test func privateKeyArmour() {
        let text = Array("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFiY90gBZ+KNGl7Ptix9vidK\n-----END EC PRIVATE KEY-----\n".utf8)
        let lines = Bytes.lines(text)
        guard let (armour, at) = PrivateKeys.begin(text, lines[0]) else {
            Issue.record("no armour")
            return
        }
        #expect(at == 0)
        if case .privateKey(let label) = armour { #expect(label == "EC private key") } else { Issue.record("not private") }
        #expect(PrivateKeys.body(text, lines, 0, begin: 0, oneLine: false) != nil)
        // prose about armour is not armour; a placeholder body is not a key
        #expect(Support.scan("/// `-----BEGIN … PRIVATE KEY-----` starts a key\n/// and certificates are public\n", path: "a.swift").isEmpty)
        #expect(Support.scan("-----BEGIN PRIVATE KEY-----\npaste the key here please\n-----END PRIVATE KEY-----\n", path: "k.pem").isEmpty)
        let cert = Array("-----BEGIN CERTIFICATE-----".utf8)
        if case .privateKey = PrivateKeys.begin(cert, 0..<cert.count)?.0 { Issue.record("certificate as key") }
    }

    @Test func connectionStrings() {
        func pw(_ s: String) -> [String] {
            let b = Array(s.utf8)
            return ConnectionStrings.scan(b, 0..<b.count).map { Bytes.string(b, $0.password) }
        }
        #expect(pw("postgres://web:sbPUPEEp8W9@pg.svc:5432/web") == ["sbPUPEEp8W9"])
        #expect(pw("redis://:0u3XvlDS@redis:6379/0") == ["0u3XvlDS"])
        #expect(pw("mysql://auth_ro@replica:3306/auth") == [])
        #expect(pw("jdbc:postgresql://db:5432/app") == [])
        #expect(pw("\"postgres://u:p@ss@host/db\"") == ["p@ss"])
    }
}
