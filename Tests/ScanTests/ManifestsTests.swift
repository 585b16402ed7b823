import Testing
import YAML
@testable import Scan

@Suite struct ManifestsTests {
    @Test func secretDataIsJudgedAfterDecoding() {
        let yaml = """
        apiVersion: v1
        kind: Secret
        data:
          username: \(Base64.encode(Array("billing".utf8)))
          password: \(Base64.encode(Array("willow-tundra-drift-57".utf8)))
          api-key: \(Base64.encode(Array("changeme".utf8)))
          port: \(Base64.encode(Array("5432".utf8)))
        """
        let f = Support.scan(yaml, path: "secret.yaml")
        #expect(f.map(\.line) == [5])
        #expect(f.first?.rule == .secretData)
        #expect(f.first?.message.contains("willow") == false)
    }

    @Test func dockerConfigJSONInSecretData() {
        let json = #"{"auths":{"r.example.com":{"username":"u","password":"5iIZmtzcrdbHsgUv"}}}"#
        let yaml = "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: \(Base64.encode(Array(json.utf8)))\n"
        #expect(Support.scan(yaml).map(\.line) == [5])
    }

    @Test func sealedAndExternalSecretsAreLeftAlone() {
        let yaml = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        spec:
          encryptedData:
            password: AgBIZ2v4K6KOnZNYPYoRPxsOvjlNNjJIyoAvoPre+WC/keyLsn+ZBSTxmwyxuoAmmjoRZC5L
        ---
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        spec:
          data:
            - secretKey: password
              remoteRef:
                key: /prod/password
        """
        #expect(Support.scan(yaml).isEmpty)
    }

    @Test func envPairsAreJudgedByTheVariableName() {
        let yaml = """
        env:
          - name: SANDBOX_API_TOKEN
            value: vJePdk3FmF0Z1tX6buuivevu8leI8Dxry2sR48Mx
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password}}
          - name: LOG_LEVEL
            value: debug
        """
        let f = Support.scan(yaml, path: "deploy.yaml")
        #expect(f.map(\.line) == [3])
        #expect(f.first?.rule == .envValue)
    }

    @Test func kubeconfigKeyData() {
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFiY90gBZ+KNGl7Ptix9vidK/4jOLTZyKmtCOYxN3KFpoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n"
        let cert = "-----BEGIN CERTIFICATE-----\nMIIDjTCCAnWgAwIBAgIUAF3DgFrUgZAULessuvRgOrmosMAwDQYJKoZIhvcNAQEL\n-----END CERTIFICATE-----\n"
        let yaml = """
        apiVersion: v1
        kind: Config
        users:
          - name: ci
            user:
              client-certificate-data: \(Base64.encode(Array(cert.utf8)))
              client-key-data: \(Base64.encode(Array(key.utf8)))
        """
        let f = Support.scan(yaml, path: "ci.kubeconfig")
        #expect(f.map(\.line) == [7])
        #expect(f.first?.rule == .privateKey)
    }

    @Test func kustomizationSources() {
        let a = ManifestAnalysis(text: """
            secretGenerator:
              - name: a
                literals: [password=x]
                files: [key=files/key.txt, plain.txt]
                envs: [secrets.env]
            """, fileName: "kustomization.yaml")
        #expect(a.sources.map(\.path) == ["files/key.txt", "plain.txt", "secrets.env"])
        #expect(a.sources.map(\.kind) == [.generatorFile, .generatorFile, .generatorEnv])
        #expect(a.hints.ruleForLine[3] == .kustomizeLiteral)
    }

    @Test func unparsableYAMLFallsBackToLineRules() {
        let tmpl = "{{- if .Values.x }}\npassword: {{ .Values.password | b64enc }}\ntoken: Zq8plmT2vXw9rKsQ\n{{- end }}\n"
        #expect(Support.scan(tmpl, path: "templates/secret.yaml").map(\.line) == [3])
    }
}
