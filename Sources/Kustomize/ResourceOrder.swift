import Foundation
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
        // Each resource's place is one byte string, compared with memcmp: the rank
        // (biased, big-endian), the GVK text, a 0 byte (a GVK text that is a prefix
        // of another sorts first, as in a string comparison) and the id text. Two
        // Namespaces of different GVKs, one without a group, compare as kustomize
        // does (reversed GVK text): they take the slow comparison.
        func key(_ id: ResId) -> [UInt8] {
            let g = id.gvk
            var out: [UInt8] = []
            let biased = UInt32(truncatingIfNeeded: (rank[g.kind] ?? 0) + (1 << 30))
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: biased >> UInt32(shift))) }
            out += (g.group.isEmpty ? "~G" : g.group).utf8
            out.append(UInt8(ascii: "_"))
            out += (g.version.isEmpty ? "~V" : g.version).utf8
            out.append(UInt8(ascii: "_"))
            out += (g.kind.isEmpty ? "~K" : g.kind).utf8
            out.append(0)
            out += g.kind.utf8
            out.append(UInt8(ascii: "."))
            out += (g.version.isEmpty ? "[noVer]" : g.version).utf8
            out.append(UInt8(ascii: "."))
            out += (g.group.isEmpty ? "[noGrp]" : g.group).utf8
            out.append(UInt8(ascii: "|"))
            out += (id.namespace.isEmpty ? "~X" : id.namespace).utf8
            out.append(UInt8(ascii: "|"))
            out += (id.name.isEmpty ? "~N" : id.name).utf8
            return out
        }
        // Keys are built on all cores, then laid end to end in one buffer, so that
        // the comparisons copy nothing; indexes (not resources) are sorted.
        let all = map.resources
        let keys = Parallel.map(all, threshold: ResourceMap.parallelKeysThreshold) { r -> (key: [UInt8], namespace: GVK?) in
            let id = r.id  // read from the object once
            return (key(id), id.gvk.kind == "Namespace" ? id.gvk : nil)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keys.reduce(0) { $0 + $1.key.count })
        var spans: [Span] = []
        spans.reserveCapacity(keys.count)
        var namespaces: [GVK] = []
        for k in keys {
            var span = Span(start: bytes.count, count: k.key.count, namespace: -1)
            if let g = k.namespace {
                span.namespace = namespaces.count
                namespaces.append(g)
            }
            spans.append(span)
            bytes += k.key
        }
        var order = Array(all.indices)
        bytes.withUnsafeBufferPointer { buf in
            spans.withUnsafeBufferPointer { spans in
                order.sort { a, b in
                    let x = spans[a], y = spans[b]
                    if x.namespace >= 0, y.namespace >= 0 {
                        let gx = namespaces[x.namespace], gy = namespaces[y.namespace]
                        if gx != gy, gx.group.isEmpty || gy.group.isEmpty {
                            // Same rank (both Namespaces): the GVK text, reversed.
                            return Self.less(buf, y, x, gvkOnly: true)
                        }
                    }
                    return Self.less(buf, x, y, gvkOnly: false)
                }
            }
        }
        map.resources = order.map { all[$0] }
    }

    /// A resource's key in the shared buffer; `namespace` indexes the GVKs of Namespaces (-1: not one).
    private struct Span {
        var start: Int
        var count: Int
        var namespace: Int
    }

    /// memcmp order of two keys in `buf`; with `gvkOnly`, of their rank and GVK text
    /// (up to the 0 byte), a shorter text first when one is a prefix of the other.
    private static func less(_ buf: UnsafeBufferPointer<UInt8>, _ x: Span, _ y: Span, gvkOnly: Bool) -> Bool {
        var xn = x.count, yn = y.count
        if gvkOnly {
            xn = buf[x.start..<(x.start + x.count)].firstIndex(of: 0)! - x.start
            yn = buf[y.start..<(y.start + y.count)].firstIndex(of: 0)! - y.start
        }
        let n = min(xn, yn)
        let c = memcmp(buf.baseAddress! + x.start, buf.baseAddress! + y.start, n)
        if c != 0 { return c < 0 }
        return xn < yn
    }
}
