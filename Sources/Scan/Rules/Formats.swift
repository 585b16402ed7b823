import YAML

/// Well-known credential formats, recognised by their fixed prefixes and shapes wherever
/// they appear: values, comments, Markdown, URLs. One pass over a line's bytes; a candidate
/// is checked only where its first byte and prefix match.
enum Formats {
    struct Match {
        var rule: Rule
        var range: Range<Int>
        var what: String
    }

    /// Every format match in `text[range]`.
    static func scan(_ t: [UInt8], _ range: Range<Int>) -> [Match] {
        var out: [Match] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if let m = match(t, i, end) {
                out.append(m)
                i = m.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    @inline(__always)
    static func boundaryBefore(_ t: [UInt8], _ i: Int) -> Bool {
        i == 0 || !Bytes.isAlnum(t[i - 1])
    }

    /// Counts bytes from `i` that satisfy `ok`, up to `max`.
    @inline(__always)
    static func run(_ t: [UInt8], _ i: Int, _ end: Int, max: Int = Int.max, _ ok: (UInt8) -> Bool) -> Int {
        var j = i
        while j < end && j - i < max && ok(t[j]) { j += 1 }
        return j - i
    }

    static func isAlnumOrDashUnderscore(_ c: UInt8) -> Bool { Bytes.isBase64URL(c) }
    static func isUpperOrDigit(_ c: UInt8) -> Bool { Bytes.isUpper(c) || Bytes.isDigit(c) }
    static func isLowerHex(_ c: UInt8) -> Bool { Bytes.isDigit(c) || c &- 97 < 6 }
    static func isHex(_ c: UInt8) -> Bool { Bytes.isDigit(c) || (c | 0x20) &- 97 < 6 }

    /// A token of `prefix` followed by `min...max` bytes accepted by `ok`, ending at a boundary.
    static func token(_ t: [UInt8], _ i: Int, _ end: Int, _ prefix: StaticString, min: Int, max: Int = 512,
                      exact: Bool = false, _ ok: (UInt8) -> Bool) -> Range<Int>? {
        guard Bytes.hasPrefix(prefix, t, at: i, end: end) else { return nil }
        let p = i + prefix.utf8CodeUnitCount
        let n = run(t, p, end, max: max + 1, ok)
        guard n >= min, n <= max else { return nil }
        if exact && n != min { return nil }
        return i..<(p + n)
    }

    static func match(_ t: [UInt8], _ i: Int, _ end: Int) -> Match? {
        let c = t[i]
        switch c {
        case UInt8(ascii: "A"):
            guard boundaryBefore(t, i) else { return nil }
            if Bytes.hasPrefix("AKIA", t, at: i, end: end) || Bytes.hasPrefix("ASIA", t, at: i, end: end) {
                let n = run(t, i + 4, end, max: 17, isUpperOrDigit)
                guard n == 16 else { return nil }
                let r = i..<(i + 20)
                if Bytes.contains("EXAMPLE", in: t, r) { return nil }  // AWS's documented example key
                return Match(rule: .awsAccessKeyID, range: r, what: "AWS access key id")
            }
            if let r = token(t, i, end, "AIza", min: 35, exact: true, isAlnumOrDashUnderscore) {
                return Match(rule: .googleAPIKey, range: r, what: "Google API key")
            }
            if let r = token(t, i, end, "AGE-SECRET-KEY-1", min: 58, exact: true, isUpperOrDigit) {
                return Match(rule: .ageSecretKey, range: r, what: "age secret key")
            }
        case UInt8(ascii: "g"):
            guard boundaryBefore(t, i) else { return nil }
            if i + 4 <= end, t[i + 1] == UInt8(ascii: "h"), t[i + 3] == UInt8(ascii: "_"),
               "pousr".utf8.contains(t[i + 2]) {
                let n = run(t, i + 4, end, max: 256, Bytes.isAlnum)
                if n >= 36 { return Match(rule: .githubToken, range: i..<(i + 4 + n), what: "GitHub token") }
            }
            if let r = token(t, i, end, "github_pat_", min: 60, isAlnumOrDashUnderscore) {
                return Match(rule: .githubToken, range: r, what: "GitHub fine-grained token")
            }
            for p: StaticString in ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-"] {
                if let r = token(t, i, end, p, min: 20, isAlnumOrDashUnderscore) {
                    return Match(rule: .gitlabToken, range: r, what: "GitLab token")
                }
            }
        case UInt8(ascii: "G"):
            guard boundaryBefore(t, i) else { return nil }
            if let r = token(t, i, end, "GOCSPX-", min: 28, exact: true, isAlnumOrDashUnderscore) {
                return Match(rule: .googleOAuthSecret, range: r, what: "Google OAuth client secret")
            }
        case UInt8(ascii: "x"):
            guard boundaryBefore(t, i), i + 5 <= end, Bytes.hasPrefix("xox", t, at: i, end: end),
                  "baprse".utf8.contains(t[i + 3]), t[i + 4] == UInt8(ascii: "-") else { return nil }
            let n = run(t, i + 5, end, max: 256) { Bytes.isAlnum($0) || $0 == UInt8(ascii: "-") }
            let body = (i + 5)..<(i + 5 + n)
            guard n >= 20, t[body].contains(where: Bytes.isDigit), t[body].contains(where: Bytes.isAlpha) else { return nil }
            return Match(rule: .slackToken, range: i..<body.upperBound, what: "Slack token")
        case UInt8(ascii: "h"):
            if Bytes.hasPrefix("hooks.slack.com/", t, at: i, end: end) {
                var j = i + 16
                for p: StaticString in ["services/", "workflows/", "triggers/"] where Bytes.hasPrefix(p, t, at: j, end: end) {
                    j += p.utf8CodeUnitCount
                    let n = run(t, j, end, max: 256) { Bytes.isAlnum($0) || $0 == UInt8(ascii: "/") }
                    guard n >= 30, t[j..<(j + n)].filter({ $0 == UInt8(ascii: "/") }).count >= 2 else { return nil }
                    // Report the URL from its scheme when it has one.
                    var s = i
                    if i >= 8, Bytes.hasPrefix("https://", t, at: i - 8, end: end) { s = i - 8 }
                    return Match(rule: .slackWebhook, range: s..<(j + n), what: "Slack webhook URL")
                }
                return nil
            }
            guard boundaryBefore(t, i) else { return nil }
            for p: StaticString in ["hvs.", "hvb."] {
                if let r = token(t, i, end, p, min: 24, isAlnumOrDashUnderscore) {
                    return Match(rule: .vaultToken, range: r, what: "Vault token")
                }
            }
            if let r = token(t, i, end, "hf_", min: 34, exact: true, Bytes.isAlpha) {
                return Match(rule: .huggingFaceToken, range: r, what: "Hugging Face token")
            }
        case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "w"):
            guard boundaryBefore(t, i) else { return nil }
            for p: StaticString in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"] {
                if let r = token(t, i, end, p, min: 16, Bytes.isAlnum) {
                    return mostlyX(t, r) ? nil : Match(rule: .stripeKey, range: r, what: "Stripe secret key")
                }
            }
            if let r = token(t, i, end, "whsec_", min: 24, Bytes.isAlnum) {
                return mostlyX(t, r) ? nil : Match(rule: .stripeKey, range: r, what: "Stripe webhook secret")
            }
            if let r = token(t, i, end, "sk-ant-", min: 80, isAlnumOrDashUnderscore) {
                return Match(rule: .anthropicKey, range: r, what: "Anthropic API key")
            }
            if let r = token(t, i, end, "sk-proj-", min: 40, isAlnumOrDashUnderscore) {
                return Match(rule: .openAIKey, range: r, what: "OpenAI API key")
            }
            if let r = token(t, i, end, "sk-", min: 48, isAlnumOrDashUnderscore), Bytes.contains("T3BlbkFJ", in: t, r) {
                return Match(rule: .openAIKey, range: r, what: "OpenAI API key")
            }
            for p: StaticString in ["shpat_", "shpss_", "shpca_", "shppa_"] {
                if let r = token(t, i, end, p, min: 32, exact: true, isHex) {
                    return Match(rule: .shopifyToken, range: r, what: "Shopify access token")
                }
            }
        case UInt8(ascii: "e"):
            guard boundaryBefore(t, i), Bytes.hasPrefix("eyJ", t, at: i, end: end) else { return nil }
            return jwt(t, i, end)
        case UInt8(ascii: "n"):
            guard boundaryBefore(t, i) else { return nil }
            if let r = token(t, i, end, "npm_", min: 36, exact: true, Bytes.isAlnum) {
                return Match(rule: .npmToken, range: r, what: "npm access token")
            }
        case UInt8(ascii: "p"):
            guard boundaryBefore(t, i) else { return nil }
            if let r = token(t, i, end, "pypi-AgEIcHlwaS5vcmc", min: 50, isAlnumOrDashUnderscore) {
                return Match(rule: .pypiToken, range: r, what: "PyPI token")
            }
        case UInt8(ascii: "S"):
            guard boundaryBefore(t, i) else { return nil }
            if Bytes.hasPrefix("SG.", t, at: i, end: end) {
                let a = run(t, i + 3, end, max: 23, isAlnumOrDashUnderscore)
                guard a == 22, i + 26 < end, t[i + 25] == UInt8(ascii: ".") else { return nil }
                let b = run(t, i + 26, end, max: 44, isAlnumOrDashUnderscore)
                guard b == 43 else { return nil }
                return Match(rule: .sendgridKey, range: i..<(i + 69), what: "SendGrid API key")
            }
            if let r = token(t, i, end, "SK", min: 32, exact: true, isLowerHex) {
                return Match(rule: .twilioKey, range: r, what: "Twilio API key")
            }
        case UInt8(ascii: "d"):
            guard boundaryBefore(t, i) else { return nil }
            if let r = token(t, i, end, "dckr_pat_", min: 27, isAlnumOrDashUnderscore) {
                return Match(rule: .dockerHubToken, range: r, what: "Docker Hub access token")
            }
            for p: StaticString in ["dop_v1_", "doo_v1_", "dor_v1_"] {
                if let r = token(t, i, end, p, min: 64, exact: true, isLowerHex) {
                    return Match(rule: .digitalOceanToken, range: r, what: "DigitalOcean token")
                }
            }
        case UInt8(ascii: ":"):
            // Telegram bot token: 8–10 digit bot id, `:AA`, 33 more characters.
            guard Bytes.hasPrefix(":AA", t, at: i, end: end) else { return nil }
            var s = i
            while s > 0 && Bytes.isDigit(t[s - 1]) && i - s < 11 { s -= 1 }
            guard i - s >= 8, i - s <= 10, boundaryBefore(t, s) else { return nil }
            let n = run(t, i + 3, end, max: 34, isAlnumOrDashUnderscore)
            guard n == 33 else { return nil }
            return Match(rule: .telegramBotToken, range: s..<(i + 36), what: "Telegram bot token")
        default:
            return nil
        }
        return nil
    }

    /// `sk_live_xxxxxxxx…`: a documentation placeholder in a real key's shape.
    static func mostlyX(_ t: [UInt8], _ r: Range<Int>) -> Bool {
        let body = t[r].drop { $0 != UInt8(ascii: "_") }
        let x = body.filter { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }.count
        return x * 2 >= body.count
    }

    /// A JWT: three base64url parts, the first two JSON objects. The jwt.io debugger's sample
    /// token (subject 1234567890, John Doe) is documentation, not a credential.
    static func jwt(_ t: [UInt8], _ i: Int, _ end: Int) -> Match? {
        var parts: [Range<Int>] = []
        var j = i
        for k in 0..<3 {
            let n = run(t, j, end, max: 8192, isAlnumOrDashUnderscore)
            parts.append(j..<(j + n))
            j += n
            if k < 2 {
                guard j < end, t[j] == UInt8(ascii: ".") else { return nil }
                j += 1
            }
        }
        guard parts[0].count >= 10, parts[1].count >= 10, parts[2].count >= 16 else { return nil }
        guard let header = base64URLDecode(t[parts[0]]), header.first == UInt8(ascii: "{"),
              Bytes.contains("\"alg\"", in: header, 0..<header.count) || Bytes.contains("\"typ\"", in: header, 0..<header.count)
        else { return nil }
        if let payload = base64URLDecode(t[parts[1]]),
           Bytes.contains("\"sub\":\"1234567890\"", in: payload, 0..<payload.count),
           Bytes.contains("John Doe", in: payload, 0..<payload.count) {
            return nil
        }
        return Match(rule: .jwt, range: i..<j, what: "JSON Web Token")
    }

    static func base64URLDecode(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var std = s.map { c -> UInt8 in
            if c == UInt8(ascii: "-") { return UInt8(ascii: "+") }
            if c == UInt8(ascii: "_") { return UInt8(ascii: "/") }
            return c
        }
        while std.count % 4 != 0 { std.append(UInt8(ascii: "=")) }
        return Base64.decode(String(decoding: std, as: UTF8.self))
    }
}
