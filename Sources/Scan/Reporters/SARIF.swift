/// `--format sarif`: SARIF 2.1.0, as code-scanning UIs (GitHub, GitLab, Azure DevOps) read it.
/// Each result carries the baseline fingerprint as a partial fingerprint, so alerts survive
/// line moves.
enum SARIFReporter {
    static func render(_ findings: [Finding], toolVersion: String) -> String {
        let used = Set(findings.map(\.rule.id))
        let rules = Rule.all.filter { used.contains($0.id) }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results: [[String: Any]] = findings.map { f in
            [
                "ruleId": f.rule.id,
                "ruleIndex": ruleIndex[f.rule.id] ?? 0,
                "level": "error",
                "message": ["text": f.message],
                "locations": [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": uri(f.path)],
                        "region": ["startLine": f.line, "startColumn": f.column],
                    ],
                ]],
                "partialFingerprints": ["kustos/v1": f.fingerprint],
            ]
        }
        let driverRules: [[String: Any]] = rules.map { r in
            [
                "id": r.id,
                "name": r.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                "shortDescription": ["text": r.title],
                "defaultConfiguration": ["level": "error"],
                "help": ["text": "Remove the value from the file and rotate it; keep it in a SealedSecret, an ExternalSecret or a git-ignored env file. Accept a false finding with `# kustos:allow \(r.id)` on its line."],
                "properties": ["tags": ["security", "secrets"]],
            ]
        }
        return JSONOutput.encode([
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "kustos scan",
                    "informationUri": "https://github.com/kustos/kustos",
                    "version": toolVersion,
                    "rules": driverRules,
                ] as [String: Any]],
                "results": results,
                "columnKind": "utf16CodeUnits",
            ] as [String: Any]],
        ] as [String: Any])
    }

    /// A relative path as a URI reference: `/` separators, spaces and `%` escaped.
    static func uri(_ path: String) -> String {
        var s = ""
        for c in path.unicodeScalars {
            switch c {
            case " ": s += "%20"
            case "%": s += "%25"
            case "#": s += "%23"
            case "?": s += "%3F"
            default: s.unicodeScalars.append(c)
            }
        }
        return s
    }
}
