/// Judges a value found under a credential-named key: is it a literal that would grant access
/// if copied, or something that merely stands where a secret goes?
enum Values {
    enum Verdict: Sendable, Equatable {
        case secret
        case empty
        case placeholder
        /// Points at a secret kept elsewhere: an environment variable, a file, a Secret name, a
        /// template expression, a command run at deploy time.
        case reference
        case ciphertext
        /// Public material or an identifier: a certificate, a public key, a URL, a UUID, a digest.
        case notSecret
    }

    /// The shortest value judged a secret under a credential name.
    static let minimumLength = 6

    /// - Parameter keyIsSecretNoun: the key's last word is `secret`, which in Kubernetes often
    ///   names a Secret object (`auth-secret: platform-basic-auth`) rather than holding one.
    static func judge(_ raw: String, keyIsSecretNoun: Bool = false) -> Verdict {
        let v = trimmed(raw)
        if v.isEmpty { return .empty }
        switch v {
        case "~", "null", "Null", "NULL", "None", "nil", "undefined", "\"\"", "''": return .empty
        default: break
        }
        let b = Array(v.utf8)
        if let r = templateOrReference(b) { return r }
        if isCiphertext(v) { return .ciphertext }
        if isPlaceholder(v, b) { return .placeholder }
        if isPublicOrIdentifier(v, b) { return .notSecret }
        if looksLikeFileName(b) || looksLikeSecretKeyName(b) { return .reference }
        if keyIsSecretNoun && (looksLikeObjectName(b) || b.allSatisfy(Bytes.isAlpha)) {
            return .reference  // `secret: platform-tls`, `v1/Secret: Namespaced`
        }
        if b.count < minimumLength { return .notSecret }
        if isProse(b) { return .notSecret }
        return .secret
    }

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\r" { sub = sub.dropLast() }
        return String(sub)
    }

    // MARK: - Templates and references

    static func templateOrReference(_ b: [UInt8]) -> Verdict? {
        guard let first = b.first else { return .empty }
        // Helm, Go, External Secrets templates, shell and compose variables, command substitution.
        for i in 0..<(b.count - 1) {
            let c = b[i], n = b[i + 1]
            if c == UInt8(ascii: "{") && n == UInt8(ascii: "{") { return .reference }
            if c == UInt8(ascii: "$") && (n == UInt8(ascii: "{") || n == UInt8(ascii: "(")) { return .reference }
            if c == UInt8(ascii: "#") && n == UInt8(ascii: "{") { return .reference }
        }
        if first == UInt8(ascii: "$") {
            // `$VAR`, `$dex.github.clientSecret` (Argo CD), `$$VAR` (make).
            if b.count > 1 && (Bytes.isAlpha(b[1]) || b[1] == UInt8(ascii: "_") || b[1] == UInt8(ascii: "$")) {
                return .reference
            }
        }
        if first == UInt8(ascii: "`") { return .reference }
        if first == Bytes.hash && b.count > 1 && (b[1] == UInt8(ascii: "/") || Bytes.isAlpha(b[1])) {
            return .reference  // JSON pointer or schema anchor: `#/definitions/x`, `#io.k8s.api…`
        }
        if first == UInt8(ascii: "%"), b.last == UInt8(ascii: "%"), b.count > 2 { return .reference }
        if first == UInt8(ascii: "@"), b.last == UInt8(ascii: "@"), b.count > 2 { return .reference }
        let v = String(decoding: b, as: UTF8.self)
        for p in referencePrefixes where v.hasPrefix(p) { return .reference }
        return nil
    }

    static let referencePrefixes = [
        "/", "./", "../", "~/", "file:", "classpath:", "vault:", "ref+", "arn:", "sm://", "ssm:",
        "projects/", "op://", "secret://", "awssm:", "gcpsm:", "keyvault:", "env:", "secretsmanager:",
    ]

    static let fileExtensions: Set<String> = [
        "txt", "key", "pem", "crt", "cer", "der", "env", "json", "yaml", "yml", "conf", "cfg", "ini",
        "properties", "p12", "pfx", "jks", "asc", "gpg", "pub", "toml", "secret", "token", "pass",
    ]

    /// `client-secret.txt`: a file name, as in a secretGenerator `files:` entry.
    static func looksLikeFileName(_ b: [UInt8]) -> Bool {
        guard let dot = b.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < b.count - 1 else { return false }
        for c in b where !(Bytes.isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")) {
            return false
        }
        return fileExtensions.contains(String(decoding: b[(dot + 1)...], as: UTF8.self).asciiLowercased)
    }

    static let credentialWords: Set<String> = [
        "password", "passwd", "secret", "secrets", "token", "key", "apikey", "credentials", "creds",
        "auth", "pass",
    ]

    /// `redis-password`, `stripe-secret-key`: the name of a key inside a Secret, written where a
    /// value could go (`secretKey: password`, `passwordKey: redis-password`).
    static func looksLikeSecretKeyName(_ b: [UInt8]) -> Bool {
        guard let segments = wordSegments(b) else { return false }
        return segments.contains { credentialWords.contains($0) }
    }

    /// `platform-basic-auth`, `oauth2-proxy-tls`: a Kubernetes object name made of words.
    static func looksLikeObjectName(_ b: [UInt8]) -> Bool {
        guard let segments = wordSegments(b), segments.count >= 2 else { return false }
        return segments.allSatisfy { s in
            // a word, optionally with a short number glued on (`oauth2`, `v1`)
            let letters = s.utf8.prefix { Bytes.isLower($0) }.count
            return letters >= 2 && s.utf8.count - letters <= 2
        }
    }

    /// Lower-case words joined by `-`, `_` or `.`; nil when the value is anything else or a
    /// segment mixes letters and digits like a random string.
    static func wordSegments(_ b: [UInt8]) -> [String]? {
        var segs: [String] = []
        var cur: [UInt8] = []
        for c in b + [UInt8(ascii: "-")] {
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") {
                if cur.isEmpty { return nil }
                segs.append(String(decoding: cur, as: UTF8.self))
                cur.removeAll()
            } else if Bytes.isLower(c) || Bytes.isDigit(c) {
                cur.append(c)
            } else {
                return nil
            }
        }
        for s in segs {
            let digits = s.utf8.filter(Bytes.isDigit).count
            if digits > 0 && digits < s.utf8.count && digits > 2 { return nil }
        }
        return segs
    }

    // MARK: - Ciphertext

    static let ciphertextPrefixes = [
        "ENC[", "ENC(", "{cipher}", "$ANSIBLE_VAULT", "vault:v", "AQICAH", "-----BEGIN PGP MESSAGE",
        "-----BEGIN AGE ENCRYPTED", "wcFMA", "wcBMA", "hQEMA", "hQIMA",
    ]

    static func isCiphertext(_ v: String) -> Bool {
        ciphertextPrefixes.contains { v.hasPrefix($0) }
    }

    // MARK: - Placeholders

    static let placeholderWords: Set<String> = [
        "changeme", "changeit", "replaceme", "placeholder", "redacted", "todo", "tbd", "fixme",
        "none", "empty", "dummy", "example", "sample", "test", "password", "secret", "token",
        "apikey", "notset", "unset", "default", "mypassword", "mysecret", "yourpassword", "xxx",
        "secretkey", "insertpasswordhere", "fake", "masked", "hidden", "pass",
    ]
    static let placeholderPrefixes = [
        "your-", "your_", "your.", "yourown", "replace", "changeme", "change-me", "change_me",
        "insert-", "insert_", "enter-", "enter_", "put-", "put_", "fill-", "fill_", "set-in",
        "set_in", "set-by", "set-per", "todo", "tbd", "example", "dummy", "fake-", "fake_",
        "sample", "placeholder", "redacted",
    ]
    static let placeholderFragments = [
        "EXAMPLE", "REPLACE", "CHANGEME", "CHANGE_ME", "PLACEHOLDER", "REDACTED", "XXXX", "xxxx",
        "****", "...", "\u{2026}",
    ]

    /// Leetspeak folded back (`s3cr3t`, `p@ssw0rd`), so that spelled-out placeholders match.
    static func unleet(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0"): return UInt8(ascii: "o")
        case UInt8(ascii: "1"): return UInt8(ascii: "i")
        case UInt8(ascii: "3"): return UInt8(ascii: "e")
        case UInt8(ascii: "4"), UInt8(ascii: "@"): return UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): return UInt8(ascii: "s")
        case UInt8(ascii: "7"): return UInt8(ascii: "t")
        default: return Bytes.lower(c)
        }
    }

    static func isPlaceholder(_ v: String, _ b: [UInt8]) -> Bool {
        let squashed = String(decoding: b.filter(Bytes.isAlnum).map(Bytes.lower), as: UTF8.self)
        if squashed.isEmpty { return true }  // `***`, `---`, `...`
        if placeholderWords.contains(squashed) { return true }
        let folded = String(decoding: b.map(unleet).filter(Bytes.isAlnum), as: UTF8.self)
        if placeholderWords.contains(folded) { return true }
        let lower = v.asciiLowercased
        if placeholderPrefixes.contains(where: { lower.hasPrefix($0) }) { return true }
        if placeholderFragments.contains(where: { v.contains($0) }) { return true }
        // `<password>`, `postgres://web:<password>@…`
        if let lt = b.firstIndex(of: UInt8(ascii: "<")), b[lt...].contains(UInt8(ascii: ">")) { return true }
        // One character repeated: `********`, `00000000`.
        if let f = b.first, b.allSatisfy({ $0 == f }) { return true }
        return false
    }

    // MARK: - Public material and identifiers

    /// Schema type names, where a JSON schema or an API table stands in for values.
    static let typeNames: Set<String> = ["string", "boolean", "bool", "integer", "int", "number", "object", "array", "binary", "byte"]

    static func isPublicOrIdentifier(_ v: String, _ b: [UInt8]) -> Bool {
        if typeNames.contains(v) { return true }
        for p in ["ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-", "sk-ssh-", "-----BEGIN CERTIFICATE",
                  "-----BEGIN PUBLIC KEY", "-----BEGIN RSA PUBLIC KEY", "-----BEGIN PGP PUBLIC",
                  "sha256:", "sha512:", "sha1:", "md5:", "h1:", "zh:", "pk_live_", "pk_test_"] where v.hasPrefix(p) {
            return true
        }
        if v.hasPrefix("age1") && b.count >= 60 && b.allSatisfy({ Bytes.isLower($0) || Bytes.isDigit($0) }) { return true }
        if isURLWithoutPassword(b) { return true }
        if isEmail(b) || isUUID(b) || isNumberOrDuration(b) || isTimestamp(b) || isIPAddress(b) { return true }
        if b.first == UInt8(ascii: "[") || b.first == UInt8(ascii: "{") { return true }  // collections
        return false
    }

    static func isURLWithoutPassword(_ b: [UInt8]) -> Bool {
        guard let s = Bytes.find("://", in: b, 0..<b.count), s > 0 else { return false }
        for i in 0..<s where !(Bytes.isAlnum(b[i]) || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "-")) {
            return false
        }
        var i = s + 3
        while i < b.count, b[i] != UInt8(ascii: "/") {
            if b[i] == UInt8(ascii: "@") { return false }
            i += 1
        }
        return true
    }

    static func isEmail(_ b: [UInt8]) -> Bool {
        guard let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0 else { return false }
        let domain = b[(at + 1)...]
        return domain.contains(UInt8(ascii: ".")) && !domain.contains(UInt8(ascii: "@"))
            && b.allSatisfy { Bytes.isAlnum($0) || "@._+-".utf8.contains($0) }
    }

    static func isUUID(_ b: [UInt8]) -> Bool {
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !(Bytes.isDigit(c) || (c | 0x20) &- 97 < 6) {
                return false
            }
        }
        return true
    }

    static func isNumberOrDuration(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
        let start = i
        while i < b.count && (Bytes.isDigit(b[i]) || b[i] == UInt8(ascii: ".")) { i += 1 }
        guard i > start else { return false }
        let unit = String(decoding: b[i...], as: UTF8.self)
        return ["", "ms", "s", "m", "h", "d", "w", "y", "ki", "mi", "gi", "k", "m", "g", "%"].contains(unit.asciiLowercased)
    }

    static func isTimestamp(_ b: [UInt8]) -> Bool {
        b.count >= 10 && Bytes.isDigit(b[0]) && Bytes.isDigit(b[3]) && b[4] == UInt8(ascii: "-")
            && b[7] == UInt8(ascii: "-") && Bytes.isDigit(b[9])
    }

    static func isIPAddress(_ b: [UInt8]) -> Bool {
        var dots = 0
        for c in b {
            if c == UInt8(ascii: ".") { dots += 1 } else if !(Bytes.isDigit(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ":")) { return false }
        }
        return dots == 3
    }

    /// Several plain words separated by spaces: a description, not a value.
    static func isProse(_ b: [UInt8]) -> Bool {
        var words = 0
        var inWord = false
        for c in b {
            if c == Bytes.space {
                inWord = false
            } else {
                if !inWord { words += 1 }
                inWord = true
                if !(Bytes.isAlpha(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
                     || c == UInt8(ascii: "'") || c == UInt8(ascii: "-")) {
                    return false
                }
            }
        }
        return words >= 2
    }
}
