import Dispatch
import Foundation
import YAML

/// Writes the final resources as kustomize prints them: documents joined by
/// `---`, annotations re-written as strings, kustomize's internal annotations removed.
public enum Output {
    /// Annotations kustomize uses internally and strips before printing.
    static let internalAnnotations: Set<String> = [
        "config.kubernetes.io/index", "config.kubernetes.io/path", "config.k8s.io/id",
        "internal.config.kubernetes.io/index", "internal.config.kubernetes.io/path",
        "internal.config.kubernetes.io/id", "internal.config.kubernetes.io/seqindent",
        "internal.config.kubernetes.io/annotations-migration-resource-id",
        "internal.config.kubernetes.io/previousKinds", "internal.config.kubernetes.io/previousNames",
        "internal.config.kubernetes.io/previousNamespaces", "internal.config.kubernetes.io/prefixes",
        "internal.config.kubernetes.io/suffixes", "internal.config.kubernetes.io/helm-generated",
        "kustomize.config.k8s.io/needs-hash", "kustomize.config.k8s.io/behavior",
        "kustomize.config.k8s.io/id",
    ]

    public static func yaml(_ map: ResourceMap) throws(KustomizeError) -> String {
        String(decoding: try bytes(map), as: UTF8.self)
    }

    /// `yaml` as UTF-8 bytes, ready to be written.
    public static func bytes(_ map: ResourceMap) throws(KustomizeError) -> [UInt8] {
        let parts = try parts(map)
        if parts.count == 1 { return parts[0] }
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out += part }
        return out
    }

    /// `bytes` in consecutive parts (to be written one after the other, so that
    /// a large output is not copied into one buffer first).
    public static func parts(_ map: ResourceMap) throws(KustomizeError) -> [[UInt8]] {
        let resources = map.resources
        // Documents are independent: builds of more than a few dozen emit them in
        // chunks on all cores (from 32, not 256: the 85 documents of a 10-service
        // build 8.9 -> 8.6 ms, interleaved A/B, 40 rounds).
        let workers = Parallel.workers(for: resources.count, threshold: 32)
        let parts = Parallel.map(workers: workers) { w in
            emit(resources, Parallel.chunk(w, of: workers, count: resources.count), first: w == 0)
        }
        var out: [[UInt8]] = []
        out.reserveCapacity(parts.count)
        for part in parts {
            switch part {
            case .success(let bytes): out.append(bytes)
            case .failure(let error): throw error
            }
        }
        return out
    }

    /// The documents of `range`, each but the very first preceded by `---`.
    static func emit(_ resources: [Resource], _ range: Range<Int>, first: Bool) -> Result<[UInt8], KustomizeError> {
        var e = Emitter()
        var isFirst = first
        for i in range {
            if !isFirst { e.raw("---\n") }
            isFirst = false
            do {
                try e.document(finalNode(resources[i].node))
            } catch {
                return .failure(.message("\(resources[i].id): \(error)"))
            }
        }
        return .success(e.bytes)
    }

    /// The object as printed: `metadata` present, annotations as strings, empty
    /// annotations removed. Most objects print as they are: they are not copied.
    public static func finalNode(_ node: Node) -> Node {
        guard case .mapping(let root) = node else { return node }
        if let md = root["metadata"]?.mapping, printsAsIs(md["annotations"]) { return node }
        var m = root
        var md = m["metadata"]?.mapping ?? Mapping()
        if let ann = md["annotations"] {
            if let am = ann.mapping {
                var out = Mapping()
                for e in am.entries where !internalAnnotations.contains(e.key.value) {
                    out.entries.append(Entry(key: e.key, value: .string(annotationText(e.value))))
                }
                md["annotations"] = out.isEmpty ? nil : .mapping(out)
            } else {
                md["annotations"] = nil
            }
        }
        m["metadata"] = .mapping(md)
        return .mapping(m)
    }

    /// True when `annotations` prints unchanged: absent, or a non-empty mapping
    /// of values that are strings as written (untagged, quoted or plain text that
    /// stays a string), none of them internal.
    static func printsAsIs(_ annotations: Node?) -> Bool {
        guard let annotations else { return true }
        guard case .mapping(let am) = annotations, !am.isEmpty else { return false }
        return am.entries.allSatisfy { e in
            guard case .scalar(let v) = e.value, !v.isTagged, !mayBeInternal(e.key.value) else { return false }
            return v.style.isQuoted || !Resolver.isNonString11(v.value)
        }
    }

    /// False only for keys that cannot be internal annotations (which start with
    /// `config.`, `internal.` or `kustomize.`).
    static func mayBeInternal(_ key: String) -> Bool {
        switch key.utf8.first {
        case UInt8(ascii: "c"), UInt8(ascii: "i"), UInt8(ascii: "k"): return internalAnnotations.contains(key)
        default: return false
        }
    }

    /// The string an annotation value becomes: the scalar's text.
    static func annotationText(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.value
        default: return (try? JSON.encode(node)) ?? ""
        }
    }
}
