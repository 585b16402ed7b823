import YAML

/// The final ordering of a build: `legacy` (kind lists, then group/version/kind,
/// then namespace and name) or `fifo` (accumulation order), from the top-level
/// kustomization's `sortOptions`.
public struct ResourceOrder: Sendable {
    public static let defaultFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
        "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
        "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    public static let defaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    var fifo = false
    var first = ResourceOrder.defaultFirst
    var last = ResourceOrder.defaultLast

    public init(sortOptions: Node?) throws(KustomizeError) {
        guard let opts = sortOptions?.mapping else { return }
        let order = opts["order"]?.string
        let legacy = opts["legacySortOptions"]
        switch order {
        case "fifo":
            if let legacy, !legacy.isNull {
                throw .message("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'")
            }
            fifo = true
        case "legacy":
            if let l = legacy?.mapping {
                first = l["orderFirst"]?.sequence?.compactMap(\.string) ?? []
                last = l["orderLast"]?.sequence?.compactMap(\.string) ?? []
            }
        default:
            throw .message("the field 'sortOptions.order' must be one of [fifo, legacy]")
        }
    }

    public func sort(_ map: inout ResourceMap) {
        if fifo { return }
        var rank: [String: Int] = [:]
        for (i, k) in first.enumerated() { rank[k] = i - first.count }
        for (i, k) in last.enumerated() { rank[k] = i + 1 }
        struct Key {
            var rank: Int
            var gvk: GVK
            var gvkString: String
            var idString: String
        }
        func key(_ r: Resource) -> Key {
            let g = r.gvk
            let gvkString = (g.group.isEmpty ? "~G" : g.group) + "_" + (g.version.isEmpty ? "~V" : g.version) + "_"
                + (g.kind.isEmpty ? "~K" : g.kind)
            let idString = g.kind + "." + (g.version.isEmpty ? "[noVer]" : g.version) + "."
                + (g.group.isEmpty ? "[noGrp]" : g.group) + "|" + (r.namespace.isEmpty ? "~X" : r.namespace) + "|"
                + (r.name.isEmpty ? "~N" : r.name)
            return Key(rank: rank[g.kind] ?? 0, gvk: g, gvkString: gvkString, idString: idString)
        }
        // Keys are built on all cores; indexes (not resources) are sorted by them.
        let all = map.resources
        let workers = Parallel.workers(for: all.count, threshold: 512)
        let keys = Parallel.map(workers: workers) { w in
            Parallel.chunk(w, of: workers, count: all.count).map { key(all[$0]) }
        }.flatMap { $0 }
        let order = keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.rank != y.rank { return x.rank < y.rank }
            if x.gvk != y.gvk {
                if x.gvk.kind == "Namespace" && y.gvk.kind == "Namespace" && (x.gvk.group.isEmpty || y.gvk.group.isEmpty) {
                    return y.gvkString.utf8.lexicographicallyPrecedes(x.gvkString.utf8)
                }
                return x.gvkString.utf8.lexicographicallyPrecedes(y.gvkString.utf8)
            }
            return x.idString.utf8.lexicographicallyPrecedes(y.idString.utf8)
        }
        map.resources = order.map { all[$0] }
    }
}
