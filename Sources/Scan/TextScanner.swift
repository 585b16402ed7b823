/// Line facts learnt from a file's YAML structure, which the line rules obey.
struct LineHints: Sendable {
    /// Lines no rule looks at: SealedSecret ciphertext.
    var suppressAll = Set<Int>()
    /// Lines where a credential-named key is not judged by the line rules, because the
    /// structure says what they are (ExternalSecret references, Secret `data` judged after
    /// decoding, secretGenerator `files:` names).
    var suppressAssignments = Set<Int>()
    /// Lines whose key-named findings take a Kubernetes-aware rule.
    var ruleForLine: [Int: Rule] = [:]
}

/// Runs the line rules over one text: private-key armour, token formats, connection
/// strings and credential-named keys.
struct TextScanner: Sendable {
    var kind: FileKind
    var hints = LineHints()

    func scan(_ t: [UInt8]) -> [Hit] {
        let lines = Bytes.lines(t)
        var hits: [Hit] = []
        var inBlock = false
        for (idx, r) in lines.enumerated() {
            let ln = idx + 1
            if inBlock {
                if Bytes.contains("-----END ", in: t, r) { inBlock = false }
                continue
            }
            if hints.suppressAll.contains(ln) || r.isEmpty { continue }
            if let (armour, at) = PrivateKeys.begin(t, r) {
                let oneLine = Bytes.contains("-----END ", in: t, at..<r.upperBound)
                if case .privateKey(let label) = armour, let body = PrivateKeys.body(t, lines, idx, begin: at, oneLine: oneLine) {
                    hits.append(Hit(line: ln, column: at - r.lowerBound + 1, rule: .privateKey, what: label,
                                    secret: Bytes.string(t, body)))
                }
                if !oneLine {
                    inBlock = true
                    continue
                }
            }
            scanLine(t, r, ln, into: &hits)
        }
        return hits
    }

    func scanLine(_ t: [UInt8], _ r: Range<Int>, _ ln: Int, into hits: inout [Hit]) {
        for m in Formats.scan(t, r) {
            hits.append(Hit(line: ln, column: m.range.lowerBound - r.lowerBound + 1, rule: m.rule, what: m.what,
                            secret: Bytes.string(t, m.range)))
        }
        for m in ConnectionStrings.scan(t, r) {
            let pw = Bytes.string(t, m.password)
            guard Values.judge(pw) == .secret else { continue }
            hits.append(Hit(line: ln, column: m.password.lowerBound - r.lowerBound + 1, rule: .connectionString,
                            what: "password in a \(m.scheme):// URL", secret: pw))
        }
        guard !hints.suppressAssignments.contains(ln) else { return }
        for a in Assignments.extract(t, r, codeComments: kind.syntax == .code) {
            guard CredentialNames.mightBeCredential(t, a.key) else { continue }
            if kind.syntax == .code && !a.quoted { continue }
            let key = Bytes.string(t, a.key)
            guard let credential = CredentialNames.kind(of: key) else { continue }
            let value = Bytes.string(t, a.value)
            guard Values.judge(value, keyIsSecretNoun: CredentialNames.words(key).last == "secret") == .secret else { continue }
            var rule = hints.ruleForLine[ln] ?? kind.keyRule
            if credential == .awsSecretKey && a.value.count == 40 && t[a.value].allSatisfy(Bytes.isBase64) {
                rule = .awsSecretAccessKey
            }
            hits.append(Hit(line: ln, column: a.value.lowerBound - r.lowerBound + 1, rule: rule,
                            what: "\"\(key)\" holds a plaintext value", secret: value))
        }
    }
}
