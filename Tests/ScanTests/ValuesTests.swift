import Testing
@testable import Scan

@Suite struct ValuesTests {
    @Test(arguments: ["hunter2-prod-Xy9", "willow-tundra-drift-57", "quartz.oyster.3KVN", "7uv6ceedecjq0u6q",
                      "98770346cfa9160bd3d4a7dc0c781cdc514cef51", "O1qv6e6j9Y25THNB_CW_^Fc9N^U"])
    func secrets(_ v: String) {
        #expect(Values.judge(v) == .secret, "\(v)")
    }

    @Test func emptyValues() {
        for v in ["", "  ", "~", "null", "\"\"", "''"] { #expect(Values.judge(v) == .empty, "\(v)") }
    }

    @Test func placeholders() {
        for v in ["<set-in-overlay>", "REPLACE_ME", "changeme", "your-api-token", "...", "********",
                  "sk_live_xxxxxxxxxxxx", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ghp_…"] {
            #expect(Values.judge(v) == .placeholder, "\(v)")
        }
    }

    @Test func references() {
        for v in ["${DB_PASSWORD}", "$(openssl rand -hex 32)", "{{ .Values.password }}", "$dex.github.clientSecret",
                  "$REGISTRY_TOKEN", "/var/run/secrets/db/password", "./secrets/x", "client-secret.txt",
                  "redis-password", "stripe-secret-key", "arn:aws:secretsmanager:eu-west-1:1:secret:x"] {
            #expect(Values.judge(v) == .reference, "\(v)")
        }
        #expect(Values.judge("platform-basic-auth", keyIsSecretNoun: true) == .reference)
        #expect(Values.judge("oauth2-proxy-tls", keyIsSecretNoun: true) == .reference)
    }

    @Test func lookAlikesFoundInThisRepository() {
        // JSON schema tables and test vectors (fixtures/reference) and leetspeak examples
        #expect(Values.judge("string") == .notSecret)
        #expect(Values.judge("boolean") == .notSecret)
        #expect(Values.judge("#io.k8s.api.core.v1.SecretVolumeSource") == .reference)
        #expect(Values.judge("Namespaced", keyIsSecretNoun: true) == .reference)
        #expect(Values.judge("s3cr3t") == .placeholder)
        #expect(Values.judge("p@ssw0rd") == .placeholder)
        #expect(Values.judge("Namespaced") == .secret)  // under `password:` a word is a password
    }

    @Test func ciphertext() {
        for v in ["ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]", "{cipher}AQACIUG6", "ENC(abcdef)", "$ANSIBLE_VAULT;1.1;AES256"] {
            #expect(Values.judge(v) == .ciphertext || Values.judge(v) == .reference, "\(v)")
        }
    }

    @Test func publicMaterialAndIdentifiers() {
        for v in ["0bcf0357-3685-40ce-acce-54f72242d21f", "sha256:87501d5ff4a5093f63a940c31d4e483126bc8cdaa025a06bba5c4e2e9a3b6559",
                  "https://login.example.com/realms/x", "ops@example.com", "15m", "5432", "2024-06-03T08:14:55Z",
                  "10.0.0.0/8", "ssh-ed25519 AAAAC3Nza deploy@x", "pk_live_abc123abc123", "Join token for the pool"] {
            #expect(Values.judge(v) == .notSecret, "\(v)")
        }
    }
}
