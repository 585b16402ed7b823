import YAML

/// `buildMetadata:` of the top-level kustomization: the managed-by label, origin
/// annotations and transformation annotations, added after everything else.
enum BuildMetadata {
    static let managedByValue = "kustomize-v5.8.1"

    static func apply(_ options: Set<String>, root: String, to map: inout ResourceMap) {
        guard !options.isEmpty else { return }
        for i in map.resources.indices {
            var r = map.resources[i]
            if options.contains("originAnnotations"), let source = r.source {
                r.node.set(["metadata", "annotations", "config.kubernetes.io/origin"], .string(text(source, root: root)))
            }
            if options.contains("transformerAnnotations"), !r.transformations.isEmpty {
                let items = r.transformations.map { text($0, root: root) }
                let list = items.map { item in
                    "- " + item.split(separator: "\n").joined(separator: "\n  ") + "\n"
                }.joined()
                r.node.set(["metadata", "annotations", "alpha.config.kubernetes.io/transformations"], .string(list))
            }
            if options.contains("managedByLabel") {
                r.node.set(["metadata", "labels", "app.kubernetes.io/managed-by"], .string(managedByValue))
            }
            map.resources[i] = r
        }
    }

    /// The YAML text kustomize writes for an origin (keys in its fixed order).
    static func text(_ source: Source, root: String) -> String {
        switch source {
        case .file(let path):
            return "path: \(relative(path, to: root))\n"
        case .plugin(let configuredIn, let kind, let name, let namespace):
            var s = "configuredIn: \(relative(configuredIn, to: root))\nconfiguredBy:\n  apiVersion: builtin\n  kind: \(kind)\n"
            if let name, !name.isEmpty { s += "  name: \(name)\n" }
            if let namespace, !namespace.isEmpty { s += "  namespace: \(namespace)\n" }
            return s
        }
    }

    /// Go `filepath.Rel(base, target)` for clean absolute paths.
    static func relative(_ target: String, to base: String) -> String {
        let t = target.split(separator: "/")
        let b = base.split(separator: "/")
        var i = 0
        while i < t.count && i < b.count && t[i] == b[i] { i += 1 }
        let ups = Array(repeating: "..", count: b.count - i)
        let rest = t[i...].map(String.init)
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
