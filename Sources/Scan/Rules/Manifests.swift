import YAML

/// Where a kustomization or compose file says a file's content becomes a Secret.
enum SecretSource: Sendable, Equatable {
    /// A secretGenerator `files:` entry: the whole file is one value of the Secret.
    case generatorFile
    /// A secretGenerator `envs:` entry: each `KEY=value` line is a value.
    case generatorEnv
    /// A compose top-level `secrets: NAME: file: PATH`.
    case composeFile
}

/// The Kubernetes-aware rules: reads a YAML or JSON file as documents and says what its lines
/// are. A Secret's `data` is judged after decoding; SealedSecret ciphertext and ExternalSecret
/// references are left alone; container `env` pairs are judged by the variable's name;
/// kustomize generators name the files that become Secrets.
struct ManifestAnalysis: Sendable {
    var hints = LineHints()
    var hits: [Hit] = []
    /// Paths (relative to the file's folder, as written) that become Secrets.
    var sources: [(path: String, kind: SecretSource)] = []

    /// Kinds whose content refers to secrets kept elsewhere.
    static let referenceKinds: Set<String> = [
        "ExternalSecret", "ClusterExternalSecret", "PushSecret", "ClusterPushSecret",
    ]
    /// Keys whose subtree is ciphertext (Renovate `encrypted`, SOPS metadata).
    static let ciphertextKeys: Set<String> = ["encrypted", "encryptedData", "encryptedValues", "sops"]

    /// Bytes whose presence makes a YAML file worth parsing: without any of them no
    /// structural rule can fire.
    static func worthParsing(_ t: [UInt8]) -> Bool {
        let all = 0..<t.count
        return Bytes.contains("ecret", in: t, all) || Bytes.contains("value", in: t, all)
            || Bytes.contains("-data", in: t, all) || Bytes.contains("LS0tLS1", in: t, all)
            || Bytes.contains("ncrypted", in: t, all) || Bytes.contains("eyJ", in: t, all)
            || Bytes.contains("sops", in: t, all)
    }

    init(text: String, fileName: String) {
        guard let docs = try? Parser.parseAll(text) else { return }
        for doc in docs {
            guard let m = doc.mapping else { continue }
            let kind = m["kind"]?.string ?? ""
            let apiVersion = m["apiVersion"]?.string ?? ""
            if kind == "SealedSecret" {
                if let enc = doc["spec"]?["encryptedData"] { Self.lines(of: enc, into: &hints.suppressAll) }
                continue
            }
            if Self.referenceKinds.contains(kind) || apiVersion.hasPrefix("kustos.dev/") {
                Self.lines(of: doc, into: &hints.suppressAssignments)
                continue
            }
            if kind == "Secret" && (apiVersion == "v1" || apiVersion.isEmpty) {
                secret(m)
                var rest = m
                rest["data"] = nil  // judged above, after decoding
                walk(.mapping(rest))
                continue
            } else if kind == "Config" && m["users"] != nil {
                if let users = m["users"] { Self.lines(of: users, rule: .kubeconfig, into: &hints.ruleForLine) }
            } else if kind == "Kustomization" || fileName == "kustomization.yaml" || fileName == "kustomization.yml"
                        || fileName == "Kustomization" {
                kustomization(m)
            }
            if m["services"]?.mapping != nil, let secrets = m["secrets"]?.mapping {
                for e in secrets.entries {  // docker compose: top-level `secrets: NAME: file: PATH`
                    if let f = e.value["file"]?.string { sources.append((f, .composeFile)) }
                }
            }
            walk(doc)
        }
    }

    // MARK: - Secret

    mutating func secret(_ m: Mapping) {
        if let data = m["data"]?.mapping {
            for e in data.entries {
                guard let s = e.value.scalar, !s.isNull else { continue }
                hints.suppressAssignments.insert(Int(s.mark.line))
                if let h = Self.judgeData(key: e.key.value, value: s) { hits.append(h) }
            }
        }
        if let sd = m["stringData"] {
            Self.lines(of: sd, rule: .secretStringData, into: &hints.ruleForLine)
        }
    }

    /// A Secret `data` value, judged on what it decodes to.
    static func judgeData(key: String, value s: Scalar) -> Hit? {
        let raw = s.value.filter { !$0.isWhitespace }
        guard !raw.isEmpty else { return nil }
        let line = Int(s.mark.line), column = Int(s.mark.column)
        let credential = CredentialNames.kind(of: key) != nil
        guard let bytes = Base64.decode(raw) else {
            // Not base64: a plaintext value written where base64 belongs.
            guard credential, Values.judge(raw) == .secret else { return nil }
            return Hit(line: line, column: column, rule: .secretData, what: "\"\(key)\" holds a plaintext (not base64) value", secret: raw)
        }
        guard let text = decodedText(bytes) else {
            guard credential, bytes.count >= 8 else { return nil }
            return Hit(line: line, column: column, rule: .secretData, what: "\"\(key)\" holds binary key material", secret: raw)
        }
        if credential && !text.contains("\n") {
            guard Values.judge(text, keyIsSecretNoun: CredentialNames.words(key).last == "secret") == .secret else { return nil }
            return Hit(line: line, column: column, rule: .secretData, what: "\"\(key)\" (decoded) holds a plaintext value", secret: text)
        }
        let inner = TextScanner(kind: FileKind.of(path: key)).scan(Array(text.utf8))
        guard let first = inner.first else { return nil }
        return Hit(line: line, column: column, rule: .secretData, what: "\"\(key)\" (decoded): \(first.what)", secret: first.secret)
    }

    /// Decoded bytes as text, or nil when they are binary.
    static func decodedText(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return nil }
        var printable = 0
        for c in bytes where c >= 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { printable += 1 }
        guard printable == bytes.count, let s = String(validating: bytes, as: UTF8.self) else { return nil }
        return s
    }

    // MARK: - Kustomization

    mutating func kustomization(_ m: Mapping) {
        // A credential in a configMapGenerator literal is misplaced, and just as committed.
        for g in (m["secretGenerator"]?.sequence ?? []) + (m["configMapGenerator"]?.sequence ?? []) {
            for item in g["literals"]?.sequence ?? [] {
                if let s = item.scalar { hints.ruleForLine[Int(s.mark.line)] = .kustomizeLiteral }
            }
        }
        for g in m["secretGenerator"]?.sequence ?? [] {
            for item in g["files"]?.sequence ?? [] {
                guard let s = item.scalar else { continue }
                hints.suppressAssignments.insert(Int(s.mark.line))
                let path = s.value.split(separator: "=", maxSplits: 1).last.map(String.init) ?? s.value
                sources.append((path, .generatorFile))
            }
            var envs = g["envs"]?.sequence ?? []
            if let env = g["env"] { envs.append(env) }
            for item in envs {
                if let p = item.string { sources.append((p, .generatorEnv)) }
            }
        }
    }

    // MARK: - Every document

    /// Container `env` pairs, ciphertext subtrees, and base64 values that decode to key
    /// material anywhere (kubeconfig `client-key-data`, a webhook's `caBundle`).
    mutating func walk(_ node: Node) {
        switch node {
        case .sequence(let items):
            for i in items { walk(i) }
        case .scalar:
            break
        case .mapping(let m):
            if let name = m["name"]?.string, let value = m["value"]?.scalar, !value.isNull,
               CredentialNames.kind(of: name) != nil,
               Values.judge(value.value, keyIsSecretNoun: CredentialNames.words(name).last == "secret") == .secret {
                hits.append(Hit(line: Int(value.mark.line), column: Int(value.mark.column), rule: .envValue,
                                what: "env \"\(name)\" holds a plaintext value", secret: value.value))
            }
            for e in m.entries {
                if Self.ciphertextKeys.contains(e.key.value) {
                    Self.lines(of: e.value, into: &hints.suppressAssignments)
                    continue
                }
                if let s = e.value.scalar {
                    if let h = Self.embedded(key: e.key.value, value: s) { hits.append(h) }
                } else {
                    walk(e.value)
                }
            }
        }
    }

    /// A long base64 value that decodes to text holding a secret.
    static func embedded(key: String, value s: Scalar) -> Hit? {
        let v = s.value
        guard v.utf8.count >= 24, v.utf8.count % 4 == 0, v.utf8.allSatisfy({ Bytes.isBase64($0) || $0 == Bytes.equals }),
              let bytes = Base64.decode(v), let text = decodedText(bytes) else { return nil }
        let inner = TextScanner(kind: FileKind.of(path: key)).scan(Array(text.utf8))
        guard let first = inner.first else { return nil }
        let rule = first.rule.specificity >= 3 ? first.rule : Rule.assignment
        return Hit(line: Int(s.mark.line), column: Int(s.mark.column), rule: rule,
                   what: "\"\(key)\" (decoded): \(first.what)", secret: first.secret)
    }

    // MARK: - Lines of a subtree

    static func lines(of node: Node, into set: inout Set<Int>) {
        visitLines(node) { set.insert($0) }
    }

    static func lines(of node: Node, rule: Rule, into map: inout [Int: Rule]) {
        visitLines(node) { map[$0] = rule }
    }

    /// Every source line a node's scalars occupy, the content of block scalars included.
    static func visitLines(_ node: Node, _ body: (Int) -> Void) {
        switch node {
        case .scalar(let s):
            let first = Int(s.mark.line)
            guard first > 0 else { return }
            body(first)
            if s.style == .literal || s.style == .folded {
                var n = 0
                for c in s.value.utf8 where c == Bytes.newline { n += 1 }
                if !s.value.hasSuffix("\n") { n += 1 }
                if n > 0 { for l in (first + 1)...(first + n) { body(l) } }
            }
        case .sequence(let items):
            for i in items { visitLines(i, body) }
        case .mapping(let m):
            if m.mark.line > 0 { body(Int(m.mark.line)) }
            for e in m.entries {
                body(Int(e.key.mark.line))
                visitLines(e.value, body)
            }
        }
    }
}
