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
        let label = Bytes.string(t, labelStart..<close)
        if label.hasSuffix("PRIVATE KEY") || label == "PGP PRIVATE KEY BLOCK" {
            return (.privateKey(label: label), b)
        }
        return (.publicBlock, b)
    }

    /// True when the text after a `BEGIN` line looks like key material rather than a
    /// placeholder (`<paste the key here>`).
    static func hasBody(_ t: [UInt8], _ range: Range<Int>) -> Bool {
        var n = 0
        for c in t[range] {
            if Bytes.isBase64(c) || c == UInt8(ascii: "=") { n += 1 } else if c == UInt8(ascii: "<") { return false }
        }
        return n >= 16
    }
}
