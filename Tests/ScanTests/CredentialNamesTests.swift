import Testing
@testable import Scan

@Suite struct CredentialNamesTests {
    @Test(arguments: [
        "password", "DB_PASSWORD", "PGPASSWORD", "smtp_auth_password", "basicAuthPassword", "jwt-secret",
        "webhook.github.secret", "dex.github.clientSecret", "server.secretkey", "SECRET_KEY", "api_token",
        "DD_API_KEY", "apiKey", "appKey", "datadog_app_key", "routing_key", "PrivateKey", "PresharedKey",
        "cookieSecret", "token-secret", "auth", "_authToken", "identitytoken", "credentials", "passphrase",
    ])
    func credentialNames(_ key: String) {
        #expect(CredentialNames.kind(of: key) != nil, "\(key)")
    }

    @Test(arguments: [
        "name", "key", "username", "passwordFile", "POSTGRES_PASSWORD_FILE", "secretName", "secretKeyRef",
        "existingSecret", "apiKeyExistingSecret", "passwordKey", "adminPasswordKey", "TOKEN_TTL",
        "PASSWORD_MIN_LENGTH", "admin.passwordMtime", "PASSWORD_HASHERS", "checksum/secret", "token-id",
        "accessKeyID", "private_key_id", "ssh_public_key", "PublicKey", "publishable-key", "site-key",
        "APP_S3_ACCESS_KEY", "aws_access_key", "AUTH_ISSUER", "auth-type", "token_uri", "SECRET_MOUNT_PATH",
        "secretAccessKeySecretRef", "cookie-refresh", "description",
    ])
    func notCredentialNames(_ key: String) {
        #expect(CredentialNames.kind(of: key) == nil, "\(key)")
    }

    @Test func awsSecretKeysAreRecognised() {
        #expect(CredentialNames.kind(of: "AWS_SECRET_ACCESS_KEY") == .awsSecretKey)
        #expect(CredentialNames.kind(of: "secretAccessKey") == .awsSecretKey)
        #expect(CredentialNames.kind(of: "aws_secret_key") == .awsSecretKey)
    }

    @Test func splitsWords() {
        #expect(CredentialNames.words("dex.github.clientSecret") == ["dex", "github", "client", "secret"])
        #expect(CredentialNames.words("AWSSecretKey") == ["aws", "secret", "key"])
        #expect(CredentialNames.words("SANDBOX_API_TOKEN") == ["sandbox", "api", "token"])
    }
}
