import Foundation

/// Findings accepted as they are, so that only new ones block. A baseline stores
/// fingerprints (a hash of rule, path and value) with the path, line and rule for humans;
/// it never stores a value.
struct Baseline: Sendable {
    var fingerprints: Set<String>

    static func load(_ path: String, shownAs name: String? = nil) throws(ScanError) -> Baseline {
        let name = name ?? path
        guard let bytes = FileList.read(path) else { throw .baseline(path: name, reason: "cannot read the file") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let items = object["findings"] as? [[String: Any]] else {
            throw .baseline(path: name, reason: "not a kustos baseline (expected an object with \"findings\")")
        }
        return Baseline(fingerprints: Set(items.compactMap { $0["fingerprint"] as? String }))
    }

    static func render(_ findings: [Finding]) -> String {
        let items: [[String: Any]] = findings.map { f in
            ["fingerprint": f.fingerprint, "path": f.path, "line": f.line, "rule": f.rule.id]
        }
        return JSONOutput.encode(["version": 1, "generated_by": "kustos scan --write-baseline", "findings": items] as [String: Any])
    }

    func accepts(_ f: Finding) -> Bool { fingerprints.contains(f.fingerprint) }
}
