/// Passwords in URLs and connection strings: `postgres://user:pw@host`, `redis://:pw@host`,
/// `amqp://…`, `https://user:pw@host`. A URL without a password, or whose password is a
/// variable or placeholder (`$(DATABASE_PASSWORD)`, `<password>`), is fine.
enum ConnectionStrings {
    struct Match {
        var password: Range<Int>
        var scheme: String
    }

    static func scan(_ t: [UInt8], _ range: Range<Int>) -> [Match] {
        var out: [Match] = []
        var from = range.lowerBound
        while let s = Bytes.find("://", in: t, from..<range.upperBound) {
            from = s + 3
            // scheme
            var a = s
            while a > range.lowerBound && (Bytes.isAlnum(t[a - 1]) || t[a - 1] == UInt8(ascii: "+")
                                           || t[a - 1] == UInt8(ascii: ".") || t[a - 1] == UInt8(ascii: "-")) { a -= 1 }
            guard a < s, Bytes.isAlpha(t[a]) else { continue }
            // authority: up to the first `/`, `?`, `#`, blank or quote
            var e = s + 3
            while e < range.upperBound {
                let c = t[e]
                if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || Bytes.isBlank(c)
                    || c == Bytes.quote || c == Bytes.apostrophe || c == UInt8(ascii: "`") || c == UInt8(ascii: ",") {
                    break
                }
                e += 1
            }
            guard let at = t[(s + 3)..<e].lastIndex(of: UInt8(ascii: "@")),
                  let colon = t[(s + 3)..<at].firstIndex(of: Bytes.colon), colon + 1 < at else { continue }
            out.append(Match(password: (colon + 1)..<at, scheme: Bytes.string(t, a..<s)))
            from = e
        }
        return out
    }
}
