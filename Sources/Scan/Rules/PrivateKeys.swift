import Foundation

/// PEM and OpenSSH armour: `-----BEGIN … PRIVATE KEY-----` starts a private key (encrypted
/// ones too: they still do not belong in Git); certificates and public keys are public.
enum PrivateKeys {
    enum Armour {
        case privateKey(label: String)
        /// Certificates, public keys, encrypted messages: their bodies are skipped, not flagged.
        case publicBlock
    }

    /// The armour that begins in `text[range]`, and where its `BEGIN` starts.
    static func begin(_ t: [UInt8], _ range: Range<Int>) -> (Armour, Int)? {
        guard let b = Bytes.find("-----BEGIN ", in: t, range) else { return nil }
        let labelStart = b + 11
        guard let close = Bytes.find("-----", in: t, labelStart..<range.upperBound) else { return nil }
        // Armour labels are upper-case words (`RSA PRIVATE KEY`); anything else is prose about armour.
        guard close > labelStart, t[labelStart..<close].allSatisfy({ Bytes.isUpper($0) || Bytes.isDigit($0) || $0 == Bytes.space })
        else { return nil }
        let label = Bytes.string(t, labelStart..<close)
        if label.hasSuffix("PRIVATE KEY") || label == "PGP PRIVATE KEY BLOCK" {
            return (.privateKey(label: label.replacingOccurrences(of: "PRIVATE KEY", with: "private key").replacingOccurrences(of: "BLOCK", with: "block")), b)
        }
        return (.publicBlock, b)
    }

    /// The first stretch of key material after a `BEGIN` (on the next line, or after `\n`
    /// escapes on the same line), trimmed; nil when there is none, as in a placeholder
    /// (`<paste the key here>`).
    static func body(_ t: [UInt8], _ lines: [Range<Int>], _ idx: Int, begin: Int, oneLine: Bool) -> Range<Int>? {
        var r: Range<Int>
        if oneLine {
            let line = lines[idx]
            guard let close = Bytes.find("-----", in: t, (begin + 11)..<line.upperBound) else { return nil }
            r = (close + 5)..<line.upperBound
            if let end = Bytes.find("-----END", in: t, r) { r = r.lowerBound..<end }
        } else {
            guard idx + 1 < lines.count else { return nil }
            r = lines[idx + 1]
        }
        var a = r.lowerBound, b = r.upperBound
        while a < b && (Bytes.isBlank(t[a]) || t[a] == Bytes.backslash || t[a] == UInt8(ascii: "n") && a > 0 && t[a - 1] == Bytes.backslash) { a += 1 }
        while b > a && !Bytes.isBase64(t[b - 1]) && t[b - 1] != Bytes.equals { b -= 1 }
        // Key material is base64 without blanks; legacy encrypted PEM starts with headers.
        if Bytes.hasPrefix("Proc-Type:", t, at: a, end: b) { return a..<b }
        var n = 0
        for c in t[a..<b] {
            if Bytes.isBase64(c) || c == Bytes.equals {
                n += 1
            } else if !(oneLine && c == Bytes.backslash) {
                return nil
            }
        }
        return n >= 16 ? a..<b : nil
    }
}
