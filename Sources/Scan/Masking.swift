import Kustomize
/// How a secret appears in any output: a short prefix and `***`, never the value. Short
/// values show less, so that a masked password never gives most of it away.
enum Masking {
    static func mask(_ secret: String) -> String {
        let chars = Array(secret.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
        let keep: Int
        switch chars.count {
        case 24...: keep = 4
        case 12...: keep = 3
        case 8...: keep = 2
        case 6...: keep = 1
        default: keep = 0
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars.prefix(keep))
        return String(s) + "***"
    }

    /// The fingerprint a baseline stores: the rule, the path and the value, hashed.
    static func fingerprint(rule: Rule, path: String, secret: String) -> String {
        String(SHA256.hex(Array("\(rule.id)\u{0}\(path)\u{0}\(secret)".utf8)).prefix(32))
    }
}
