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
        var out: [Int] = []
        for (i, r) in resources.resources.enumerated() where try matcher.matches(r) {
            out.append(i)
        }
        return out
    }

    /// Compiled regular expressions and selectors.
    struct Matcher {
        let group: NSRegularExpression?
        let version: NSRegularExpression?
        let kind: NSRegularExpression?
        let name: NSRegularExpression?
        let namespace: NSRegularExpression?
        let labels: LabelSelector
        let annotations: LabelSelector

        init(_ t: PatchTarget) throws(KustomizeError) {
            group = try Self.regex(t.group)
            version = try Self.regex(t.version)
            kind = try Self.regex(t.kind)
            name = try Self.regex(t.name)
            namespace = try Self.regex(t.namespace)
            labels = try LabelSelector(t.labelSelector)
            annotations = try LabelSelector(t.annotationSelector)
        }

        static func regex(_ pattern: String) throws(KustomizeError) -> NSRegularExpression? {
            if pattern.isEmpty { return nil }
            do {
                return try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
            } catch {
                throw .message("error parsing regexp: invalid regular expression: `\(pattern)`")
            }
        }

        static func matches(_ re: NSRegularExpression?, _ s: String) -> Bool {
            guard let re else { return true }
            return re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }

        func matches(_ r: Resource) throws(KustomizeError) -> Bool {
            let cur = r.id
            let org = r.originalId
            if namespace != nil
                && !Self.matches(namespace, Self.effectiveNamespace(org))
                && !Self.matches(namespace, Self.effectiveNamespace(cur)) { return false }
            if name != nil && !Self.matches(name, org.name) && !Self.matches(name, cur.name) { return false }
            if !Self.matches(group, cur.gvk.group) || !Self.matches(version, cur.gvk.version)
                || !Self.matches(kind, cur.gvk.kind) { return false }
            if !labels.matches(r.labels()) || !annotations.matches(r.annotations()) { return false }
            return true
        }

        /// kustomize's `EffectiveNamespace`: `default` for empty, a marker for cluster-scoped kinds.
        static func effectiveNamespace(_ id: ResId) -> String {
            if id.gvk.isClusterScoped { return "_non_namespaceable_" }
            return id.namespace.isEmpty ? "default" : id.namespace
        }
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
