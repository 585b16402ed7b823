import Foundation
import YAML

/// A patch `target:` selector (kustomize's `types.Selector`): group, version,
/// kind, name and namespace are regular expressions anchored to the whole value;
/// name and namespace are tried against the original and the current id;
/// `labelSelector`/`annotationSelector` use Kubernetes selector syntax.
public struct PatchTarget: Sendable {
    public var group = ""
    public var version = ""
    public var kind = ""
    public var name = ""
    public var namespace = ""
    public var labelSelector = ""
    public var annotationSelector = ""

    public init() {}

    /// Decodes a `target:` mapping; field names are matched case-insensitively, as Go's JSON decoder does.
    public init(node: Node) throws(KustomizeError) {
        guard let m = node.mapping else {
            throw .message("json: cannot unmarshal \(JSONPatch.jsonType(node)) into Go value of type types.Selector")
        }
        func str(_ key: String) throws(KustomizeError) -> String {
            guard let v = PatchConfigField.lookup(m, key), !v.isNull else { return "" }
            guard case .scalar(let s) = v, case .string(let t) = Resolver.resolve11(s) else {
                throw .message("json: cannot unmarshal \(JSONPatch.jsonType(v)) into Go struct field Selector.\(key) of type string")
            }
            return t
        }
        group = try str("group")
        version = try str("version")
        kind = try str("kind")
        name = try str("name")
        namespace = try str("namespace")
        labelSelector = try str("labelSelector")
        annotationSelector = try str("annotationSelector")
    }

    /// The target as kustomize marshals it (sorted by the YAML writer later).
    var node: Node {
        var entries: [(String, Node)] = []
        for (k, v) in [("group", group), ("version", version), ("kind", kind), ("name", name),
                       ("namespace", namespace), ("annotationSelector", annotationSelector),
                       ("labelSelector", labelSelector)] where !v.isEmpty {
            entries.append((k, .string(v)))
        }
        return .map(entries)
    }

    /// `%s:a=%s:l=%s` as kustomize prints a selector.
    public var description: String {
        let id = ResId(gvk: GVK(group: group, version: version, kind: kind), name: name, namespace: namespace)
        return "\(id):a=\(annotationSelector):l=\(labelSelector)"
    }

    /// The indexes of the selected resources, in order.
    public func select(_ resources: ResourceMap) throws(KustomizeError) -> [Int] {
        let matcher = try Matcher(self)
        let all = resources.resources
        // Matching only reads: large lists are split over the cores.
        let workers = Parallel.workers(for: all.count, threshold: 512)
        return all.withUnsafeBufferPointer { buffer in
            Parallel.map(workers: workers) { w in
                var out: [Int] = []
                for i in Parallel.chunk(w, of: workers, count: buffer.count) where matcher.matches(buffer[i].node, previousIds: buffer[i].previousIds) {
                    out.append(i)
                }
                return out
            }.flatMap { $0 }
        }
    }

    /// Compiled regular expressions and selectors.
    struct Matcher {
        let group: Pattern?
        let version: Pattern?
        let kind: Pattern?
        let name: Pattern?
        let namespace: Pattern?
        let labels: LabelSelector
        let annotations: LabelSelector

        init(_ t: PatchTarget) throws(KustomizeError) {
            group = try Pattern(t.group)
            version = try Pattern(t.version)
            kind = try Pattern(t.kind)
            name = try Pattern(t.name)
            namespace = try Pattern(t.namespace)
            labels = try LabelSelector(t.labelSelector)
            annotations = try LabelSelector(t.annotationSelector)
        }

        /// A field pattern: a regular expression anchored to the whole value,
        /// compared directly when it has no metacharacters.
        struct Pattern {
            let pattern: String
            /// No metacharacters: the pattern is compared as text.
            let isPlain: Bool
            /// The pattern when `SimplePattern` can match it (no regular expression engine).
            let simple: SimplePattern?
            /// The compiled expression; nil for plain text and simple patterns,
            /// compiled only in the rare case a value needs it.
            let regex: NSRegularExpression?

            /// nil for an empty pattern, which matches everything.
            init?(_ pattern: String) throws(KustomizeError) {
                if pattern.isEmpty { return nil }
                self.pattern = pattern
                isPlain = !pattern.utf8.contains(where: SimplePattern.isMetacharacter)
                simple = isPlain ? nil : SimplePattern(pattern)
                // Plain text and simple patterns always compile.
                regex = isPlain || simple != nil ? nil : try Self.compile(pattern)
            }

            static func compile(_ pattern: String) throws(KustomizeError) -> NSRegularExpression {
                do {
                    return try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
                } catch {
                    throw .message("error parsing regexp: invalid regular expression: `\(pattern)`")
                }
            }

            func matches(_ s: String) -> Bool {
                if isPlain {
                    if s == pattern { return true }
                    // `$` also matches before a final line break: let the regex decide
                    // when what follows the pattern could be one (no printable ASCII:
                    // `SecretStore` is no `Secret`, and compiles no expression).
                    if s.utf8.count <= pattern.utf8.count || !s.hasPrefix(pattern)
                        || s.utf8.dropFirst(pattern.utf8.count).contains(where: SimplePattern.isPrintable) { return false }
                } else if let answer = simple?.matches(s) {
                    return answer
                }
                guard let regex = regex ?? (try? Self.compile(pattern)) else { return false }
                return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            }
        }

        static func matches(_ p: Pattern?, _ s: String) -> Bool {
            p?.matches(s) ?? true
        }

        /// Checks the cheap fields first; every check reads the resource only.
        func matches(_ r: Resource) -> Bool {
            matches(r.node, previousIds: r.previousIds)
        }

        /// `matches` on the parts of a resource it reads (no copy of the rest).
        func matches(_ node: Node, previousIds: [ResId]) -> Bool {
            let kindValue = node["kind"]?.string ?? ""
            if !Self.matches(kind, kindValue) { return false }
            let metadata = node["metadata"]
            if group != nil || version != nil || name != nil || namespace != nil {
                // The GVK only for a selector that reads it (most name a kind and labels).
                let gvk = GVK(apiVersion: node["apiVersion"]?.string ?? "", kind: kindValue)
                if !Self.matches(group, gvk.group) || !Self.matches(version, gvk.version) { return false }
                guard name != nil || namespace != nil else { return labelsMatch(metadata) }
                let cur = ResId(gvk: gvk, name: metadata?["name"]?.string ?? "",
                                namespace: metadata?["namespace"]?.string ?? "")
                let org = previousIds.first ?? cur
                if name != nil && !Self.matches(name, org.name) && !Self.matches(name, cur.name) { return false }
                if namespace != nil
                    && !Self.matches(namespace, Self.effectiveNamespace(org))
                    && !Self.matches(namespace, Self.effectiveNamespace(cur)) { return false }
            }
            return labelsMatch(metadata)
        }

        /// The label and annotation selectors on the resource's metadata.
        func labelsMatch(_ metadata: Node?) -> Bool {
            if !labels.requirements.isEmpty && !labels.matches(metadata?["labels"]?.mapping) { return false }
            if !annotations.requirements.isEmpty && !annotations.matches(metadata?["annotations"]?.mapping) { return false }
            return true
        }

        /// kustomize's `EffectiveNamespace`: `default` for empty, a marker for cluster-scoped kinds.
        static func effectiveNamespace(_ id: ResId) -> String {
            if id.gvk.isClusterScoped { return "_non_namespaceable_" }
            return id.namespace.isEmpty ? "default" : id.namespace
        }
    }
}

extension LabelSelector {
    /// Matches a `labels`/`annotations` mapping as `Resource.labels()` lists it:
    /// the last of equal keys wins, a non-scalar value reads as empty.
    func matches(_ m: Mapping?) -> Bool {
        guard let m else { return matches { _ in nil } }
        return matches { key in m.index(of: key).map { m.entries[$0].value.scalar?.value ?? "" } }
    }
}

/// Case-insensitive field lookup, as Go's `encoding/json` matches struct fields.
enum PatchConfigField {
    static func lookup(_ m: Mapping, _ key: String) -> Node? {
        if let v = m[key] { return v }
        let lower = key.lowercased()
        return m.entries.last { $0.key.value.lowercased() == lower }?.value
    }
}
