import Dispatch
import Kustomize

/// A file to scan: the path findings name, and its bytes.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a scan found, and how much it looked at.
public struct ScanResult: Sendable {
    public var findings: [Finding]
    public var filesScanned: Int
}

/// Scans a set of files: first the kustomizations and compose files, to learn which files
/// become Secrets, then every file on all cores. Value in, value out: no state survives a scan.
public struct Scanner: Sendable {
    /// Files larger than this are skipped (generated bundles, vendored archives).
    public var maxFileSize = 8 << 20

    public init() {}

    public func scan(_ files: [SourceFile]) -> ScanResult {
        scan(paths: files.map(\.path)) { i in files[i].bytes }
    }

    /// Scans `paths`, reading each through `read` (nil when it cannot be read or is skipped).
    public func scan(paths: [String], read: @Sendable (Int) -> [UInt8]?) -> ScanResult {
        // Pass 1: kustomizations and compose files name the files that become Secrets.
        var sources: [String: SecretSource] = [:]
        var analyses: [Int: ManifestAnalysis] = [:]
        for (i, path) in paths.enumerated() where Self.namesSecretSources(path) {
            guard let bytes = read(i), Bytes.isText(bytes) else { continue }
            let a = ManifestAnalysis(text: String(decoding: bytes, as: UTF8.self), fileName: Self.baseName(path))
            analyses[i] = a
            let dir = Self.directory(path)
            for (rel, kind) in a.sources { sources[Self.normalize(dir.isEmpty ? rel : dir + "/" + rel)] = kind }
        }
        // Pass 2: every file, in parallel.
        let slots = Slots<[Finding]>(count: paths.count)
        let maxSize = maxFileSize
        let frozenSources = sources, frozenAnalyses = analyses
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            guard let bytes = read(i), bytes.count <= maxSize, Bytes.isText(bytes) else { return }
            let path = paths[i]
            slots[i] = Self.scanFile(path: path, bytes: bytes, source: frozenSources[Self.normalize(path)],
                                     analysis: frozenAnalyses[i])
        }
        var findings: [Finding] = []
        var scanned = 0
        for i in 0..<paths.count {
            if let f = slots[i] {
                scanned += 1
                findings += f
            }
        }
        findings.sort { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
        return ScanResult(findings: findings, filesScanned: scanned)
    }

    /// Scans one file's bytes.
    static func scanFile(path: String, bytes: [UInt8], source: SecretSource?, analysis: ManifestAnalysis?) -> [Finding] {
        var kind = FileKind.of(path: path)
        if source == .generatorEnv { kind = FileKind(syntax: .dotenv, keyRule: .dotenv) }
        var hits: [Hit] = []
        var scanner = TextScanner(kind: kind)
        if kind.isStructured {
            var a = analysis
            if a == nil && ManifestAnalysis.worthParsing(bytes) {
                a = ManifestAnalysis(text: String(decoding: bytes, as: UTF8.self), fileName: baseName(path))
            }
            if let a {
                scanner.hints = a.hints
                hits = a.hits
            }
            if kind.keyRule == .assignment && Bytes.contains("\"auths\"", in: bytes, 0..<bytes.count) {
                scanner.kind.keyRule = .dockerConfig
            }
        }
        hits += scanner.scan(bytes)
        if let h = wholeFileSecret(bytes, path: path, source: source) { hits.append(h) }
        guard !hits.isEmpty else { return [] }
        let lines = Bytes.lines(bytes)
        hits = hits.filter { !Suppression.allows($0.rule, line: $0.line, in: bytes, lines: lines) }
        return deduplicate(hits).map { h in
            let masked = Masking.mask(h.secret)
            return Finding(path: path, line: h.line, column: h.column, rule: h.rule, message: "\(h.what): \(masked)",
                           masked: masked, fingerprint: Masking.fingerprint(rule: h.rule, path: path, secret: h.secret))
        }
    }

    /// One finding per value per line: a token format beats the context it sits in, which
    /// beats a bare key name.
    static func deduplicate(_ hits: [Hit]) -> [Hit] {
        let sorted = hits.sorted {
            ($0.line, -$0.rule.specificity, $0.column) < ($1.line, -$1.rule.specificity, $1.column)
        }
        var out: [Hit] = []
        var lineStart = 0
        for h in sorted {
            if let last = out.last, last.line != h.line { lineStart = out.count }
            let overlaps = out[lineStart...].contains { k in
                k.line == h.line && (k.column == h.column || k.secret.contains(h.secret) || h.secret.contains(k.secret))
            }
            if !overlaps { out.append(h) }
        }
        return out.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    static let secretFileWords = ["password", "passwd", "secret", "token", "apikey", "api-key", "api_key", "credential"]
    static let secretFileExtensions: Set<String> = ["", "txt", "secret", "token", "pass", "pwd", "key"]

    /// A file whose whole content is one secret value: a secretGenerator `files:` source, a
    /// compose secret, or a file named like one (`db_password.txt`).
    static func wholeFileSecret(_ t: [UInt8], path: String, source: SecretSource?) -> Hit? {
        let rule: Rule
        switch source {
        case .generatorFile: rule = .kustomizeSecretFile
        case .composeFile: rule = .secretFile
        default:
            let base = baseName(path).asciiLowercased
            let ext = base.contains(".") ? String(base.split(separator: ".").last ?? "") : ""
            guard secretFileExtensions.contains(ext), secretFileWords.contains(where: { base.contains($0) }) else { return nil }
            rule = .secretFile
        }
        var found: (Int, Range<Int>)?
        for (i, r) in Bytes.lines(t).enumerated() {
            var a = r.lowerBound, b = r.upperBound
            while a < b && Bytes.isBlank(t[a]) { a += 1 }
            while b > a && Bytes.isBlank(t[b - 1]) { b -= 1 }
            if a == b || t[a] == Bytes.hash { continue }
            if found != nil { return nil }  // more than one line: not a single value
            found = (i + 1, a..<b)
        }
        guard let (line, r) = found, !t[r].contains(where: Bytes.isBlank) else { return nil }
        let value = Bytes.string(t, r)
        guard Values.judge(value) == .secret else { return nil }
        return Hit(line: line, column: 1, rule: rule, what: "the whole file is a secret value", secret: value)
    }

    // MARK: - Paths

    static func namesSecretSources(_ path: String) -> Bool {
        let base = baseName(path)
        return base == "kustomization.yaml" || base == "kustomization.yml" || base == "Kustomization"
            || (base.hasPrefix("docker-compose") || base.hasPrefix("compose")) && (base.hasSuffix(".yml") || base.hasSuffix(".yaml"))
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Removes `.` and resolves `..` components, so that paths compare equal.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(c)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
