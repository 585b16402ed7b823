import Foundation

/// Shared by the JSON-writing reporters: stable key order, no escaped slashes.
enum JSONOutput {
    static func encode(_ object: Any) -> String {
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// `--format json`: `{"findings": [{path, line, column, rule, message, masked, fingerprint}], …}`.
enum JSONReporter {
    static func render(_ findings: [Finding], filesScanned: Int) -> String {
        let items: [[String: Any]] = findings.map { f in
            ["path": f.path, "line": f.line, "column": f.column, "rule": f.rule.id, "title": f.rule.title,
             "message": f.message, "masked": f.masked, "fingerprint": f.fingerprint]
        }
        return JSONOutput.encode([
            "version": 1,
            "tool": "kustos scan",
            "findings": items,
            "summary": ["files_scanned": filesScanned, "findings": findings.count],
        ] as [String: Any])
    }
}
