/// Decides from a key or variable name whether its value is meant to be a credential.
///
/// The name is split into words (`dex.github.clientSecret` → dex github client secret,
/// `PGPASSWORD` → pgpassword) and judged by its last word, because that is the noun:
/// `passwordFile` is a file, `secretName` a name, `TOKEN_TTL` a duration, while
/// `webhook.github.secret` and `DD_API_KEY` are credentials.
enum CredentialNames {
    enum Kind: Sendable, Equatable {
        case password
        case secret
        case awsSecretKey
    }

    /// Last words that make a credential on their own.
    static let nouns: [String: Kind] = [
        "password": .password, "passwd": .password, "passphrase": .password, "pwd": .password,
        "pass": .password, "secret": .secret, "token": .secret, "apikey": .secret,
        "credential": .secret, "credentials": .secret, "creds": .secret,
    ]

    /// Concatenated last words (`PGPASSWORD`, `server.secretkey`) ending in a credential noun.
    static let suffixes: [(String, Kind)] = [
        ("password", .password), ("passwd", .password), ("secretkey", .secret), ("secret", .secret),
        ("token", .secret), ("apikey", .secret), ("privatekey", .secret), ("presharedkey", .secret),
        ("signingkey", .secret), ("masterkey", .secret), ("accountkey", .secret),
    ]

    /// `<word> key` pairs that name a secret key (as opposed to `passwordKey`, the name of a
    /// key inside a Secret, or `publicKey`).
    static let keyQualifiers: Set<String> = [
        "api", "app", "secret", "private", "signing", "routing", "preshared", "master",
        "encryption", "session", "account", "auth", "hmac", "webhook", "cookie", "shared",
        "storage", "sas", "license", "subscription", "client", "admin", "integration",
    ]

    /// Words that turn any name into a non-credential wherever they stand: references to
    /// secrets kept elsewhere, hashes of something, public material, ciphertext, examples.
    /// (Names ending in `Ref`, `Name`, `File`, `Id` or `TTL` need no entry: their last word is
    /// not a credential noun in the first place.)
    static let disqualifiers: Set<String> = [
        "existing", "checksum", "hash", "hashed", "digest", "sha", "sha1", "sha256", "sha512",
        "md5", "fingerprint", "public", "publishable", "site", "encrypted", "sealed", "ciphertext",
        "example", "sample", "placeholder",
    ]

    /// The credential kind of a key name, or nil when the name does not ask for a secret.
    static func kind(of key: String) -> Kind? {
        let w = words(key)
        guard let last = w.last else { return nil }
        for word in w where disqualifiers.contains(word) { return nil }
        var result: Kind?
        if let k = nouns[last] {
            result = k
        } else if last == "key", w.count >= 2 {
            let q = w[w.count - 2]
            if q == "access" {
                // AWS: the access key *id* is an identifier, the *secret* access key is not.
                if w.count >= 3 && w[w.count - 3] == "secret" { result = .awsSecretKey }
            } else if keyQualifiers.contains(q) {
                result = .secret
            }
        } else if last == "auth" && w.count == 1 {
            result = .secret  // docker config `"auth": "<base64 user:password>"`
        } else {
            for (suffix, k) in suffixes where last.hasSuffix(suffix) {
                result = k
                break
            }
        }
        if result == .secret && w.contains("aws") && w.contains("secret") { result = .awsSecretKey }
        return result
    }

    /// Splits a name into lower-case words at separators and camelCase boundaries.
    static func words(_ key: String) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        let b = Array(key.utf8)
        func flush() {
            if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)) }
            cur.removeAll(keepingCapacity: true)
        }
        for i in 0..<b.count {
            let c = b[i]
            if !Bytes.isAlnum(c) {
                flush()
                continue
            }
            if Bytes.isUpper(c), !cur.isEmpty {
                let prev = b[i - 1]
                let nextIsLower = i + 1 < b.count && Bytes.isLower(b[i + 1])
                if Bytes.isLower(prev) || (Bytes.isUpper(prev) && nextIsLower) {
                    flush()
                }
            }
            cur.append(Bytes.lower(c))
        }
        flush()
        return out
    }

    /// Cheap pre-check on raw key bytes before words are built: most keys in a manifest
    /// (`name`, `image`, `port`) contain none of these fragments.
    static func mightBeCredential(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        Bytes.containsIgnoringCase("pass", in: text, range) || Bytes.containsIgnoringCase("secret", in: text, range)
            || Bytes.containsIgnoringCase("token", in: text, range) || Bytes.containsIgnoringCase("key", in: text, range)
            || Bytes.containsIgnoringCase("cred", in: text, range) || Bytes.containsIgnoringCase("auth", in: text, range)
            || Bytes.containsIgnoringCase("pwd", in: text, range)
    }
}
