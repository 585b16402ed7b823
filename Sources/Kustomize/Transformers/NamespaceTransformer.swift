import YAML

/// `namespace:` and the builtin NamespaceTransformer (TRANSFORMERS.md §3): sets
/// `metadata.namespace` on every namespaced resource, the namespace of
/// (Cluster)RoleBinding subjects per `roleBindingSubjects`, and the table's fields;
/// fails when two resources end with the same id.
public struct NamespaceTransformer: Transformer {
    /// Which (Cluster)RoleBinding subjects get the namespace.
    public enum SubjectMode: String, Sendable, CaseIterable {
        case defaultOnly, allServiceAccounts, none
    }

    public let namespace: String
    public let fieldSpecs: FieldSpecSet
    /// Only fill namespaces that are missing or empty.
    public var unsetOnly = false
    public var roleBindingSubjects = SubjectMode.defaultOnly

    public init(namespace: String, fieldSpecs: [FieldSpec]) {
        self.namespace = namespace
        self.fieldSpecs = FieldSpecSet(fieldSpecs)
    }

    static let helmGenerated = "internal.config.kubernetes.io/helm-generated"
    static let metadataNamespace = FieldSpec(path: ["metadata", "namespace"], create: true)

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        guard !namespace.isEmpty else { return }
        let ids = Parallel.map(resources.resources, threshold: ResourceMap.parallelThreshold) { $0.id }
        let specs = specCache(ids)
        if Self.cannotClash(ids, specs) {
            // Each resource is transformed in place, alone (on all cores when
            // there are many); the first error in resource order is thrown.
            try resources.updateEachIndexed(at: Array(ids.indices)) { (i, r: inout Resource) throws(KustomizeError) in
                guard let count = r.node.mapping?.count, count > 0,
                      r.annotation(Self.helmGenerated) != "true" else { return }
                r.recordCurrentId(ids[i])
                try apply(to: &r, gvk: ids[i].gvk, specs: specs.matching(ids[i].gvk))
            }
            return
        }
        // Each resource is transformed alone, into a copy (on all cores when there
        // are many); the ids are then checked in order, as one loop would check
        // them, while the resources not yet reached are still as they were.
        let moved = Parallel.map(resources.resources, threshold: ResourceMap.parallelThreshold) { r in
            (before: r.id.key, move: move(r, specs))
        }
        var counts: [ResId: Int] = [:]
        counts.reserveCapacity(2 * moved.count)  // ids before and after: no rehash on the way
        for m in moved { counts[m.before, default: 0] += 1 }
        for (i, m) in moved.enumerated() {
            guard let (after, r) = try m.move?.get() else { continue }
            if after != m.before {
                counts[m.before, default: 1] -= 1
                counts[after, default: 0] += 1
            }
            resources.resources[i] = r
            if counts[after] != 1 {
                let clashing = resources.resources.filter { $0.id.key == after }
                let text = clashing.map(Self.internalJSON).joined(separator: " ")
                throw .message("namespace transformation produces ID conflict: [\(text)]")
            }
        }
    }

    /// True when no two resources can end with the same id: no field spec can
    /// change a kind, and every resource has its own kind and name, except that
    /// a kind whose names the specs may change (`Namespace`) has one resource.
    static func cannotClash(_ ids: [ResId], _ specs: FieldSpecCache) -> Bool {
        var renamed: [GVK: Int] = [:]
        for (gvk, list) in specs.byGVK {
            for s in list {
                if s.path.first == "kind" || s.path.first == "apiVersion" { return false }
                if s.path.first == "metadata" && (s.path.count < 2 || s.path[1] == "name") { renamed[gvk] = 0 }
            }
        }
        var names: Set<ResId> = []
        names.reserveCapacity(ids.count)
        for id in ids {
            if renamed[id.gvk] != nil {
                renamed[id.gvk]! += 1
                if renamed[id.gvk]! > 1 { return false }
            } else if !names.insert(ResId(gvk: id.gvk, name: id.name)).inserted {
                return false
            }
        }
        return true
    }

    /// The field specs (beyond `metadata.namespace`) of each kind in a build,
    /// worked out once.
    func specCache(_ ids: [ResId]) -> FieldSpecCache {
        FieldSpecCache(gvks: ids.lazy.map(\.gvk)) { self.specs(for: $0) }
    }

    /// The table's field specs for a kind, without those the transformer handles itself.
    func specs(for gvk: GVK) -> [FieldSpec] {
        let isBinding = gvk.kind == "RoleBinding" || gvk.kind == "ClusterRoleBinding"
        return fieldSpecs.matching(gvk).filter { s in
            if s.path == ["metadata", "namespace"] { return false }
            if s.path == ["metadata", "name"] && gvk.apiVersion != "v1" { return false }
            if isBinding && s.path == ["subjects", "namespace"]
                && (s.gvk.kind == "RoleBinding" || s.gvk.kind == "ClusterRoleBinding") { return false }
            return true
        }
    }

    /// One resource transformed, with its id key after; nil when it is left alone.
    func move(_ original: Resource, _ specs: FieldSpecCache) -> Result<(after: ResId, resource: Resource), KustomizeError>? {
        guard let count = original.node.mapping?.count, count > 0 else { return nil }
        if original.annotation(Self.helmGenerated) == "true" { return nil }
        var r = original
        r.recordCurrentId()
        do throws(KustomizeError) {
            let gvk = r.gvk
            try apply(to: &r, gvk: gvk, specs: specs.matching(gvk))
        } catch {
            return .failure(error)
        }
        return .success((r.id.key, r))
    }

    /// The resource as kustomize prints it in the conflict message: with its
    /// build bookkeeping as `internal.config.kubernetes.io/…` annotations.
    static func internalJSON(_ r: Resource) -> String {
        var node = r.node
        var notes: [(String, String)] = []
        if !r.previousIds.isEmpty {
            notes.append(("previousKinds", r.previousIds.map(\.gvk.kind).joined(separator: ",")))
            notes.append(("previousNames", r.previousIds.map(\.name).joined(separator: ",")))
            notes.append(("previousNamespaces", r.previousIds.map(Self.printedNamespace).joined(separator: ",")))
        }
        if !r.namePrefixes.isEmpty { notes.append(("prefixes", r.namePrefixes.joined(separator: ","))) }
        if !r.nameSuffixes.isEmpty { notes.append(("suffixes", r.nameSuffixes.joined(separator: ","))) }
        for (k, v) in notes { node.set(["metadata", "annotations", "internal.config.kubernetes.io/" + k], .string(v)) }
        return (try? JSON.encode(node)) ?? ""
    }

    /// A previous id's namespace as kustomize prints it: its effective
    /// namespace, `_non_namespaceable_` for a cluster-scoped kind.
    static func printedNamespace(_ id: ResId) -> String {
        id.gvk.isClusterScoped ? "_non_namespaceable_" : id.effectiveNamespace
    }

    func apply(to r: inout Resource, gvk: GVK, specs: [FieldSpec]) throws(KustomizeError) {
        let value = Node.string(namespace)
        let set = { (n: inout Node) throws(FieldSpecError) in try FieldSetter.scalar(&n, value, unsetOnly: unsetOnly) }
        let isBinding = gvk.kind == "RoleBinding" || gvk.kind == "ClusterRoleBinding"
        if !gvk.isClusterScoped {
            do throws(FieldSpecError) {
                try FieldSpecWalker.apply(Self.metadataNamespace, to: &r.node, create: .scalar, set)
            } catch {
                throw .message(error.message(Self.metadataNamespace, r.id))
            }
        }
        if isBinding && roleBindingSubjects != .none {
            do throws(FieldSpecError) {
                try setSubjects(&r.node, set)
            } catch {
                throw .message("setting namespace on (cluster)role binding subjects: \(error)")
            }
        }
        for spec in specs {
            do throws(FieldSpecError) {
                try FieldSpecWalker.apply(spec, to: &r.node, create: .scalar, set)
            } catch {
                let prefix = error.isWrongNodeKind ? "namespace field specs must target scalar nodes"
                    : "namespace transformation failed"
                throw .message("\(prefix): \(error.message(spec, r.id))")
            }
        }
    }

    /// The subjects rule: by name `default`, or every ServiceAccount.
    func setSubjects(_ node: inout Node, _ set: (inout Node) throws(FieldSpecError) -> Void) throws(FieldSpecError) {
        guard let subjects = node["subjects"], !subjects.isNull else { return }
        guard var items = subjects.sequence else { throw .wrongNodeKind(expected: "SequenceNode", actual: subjects) }
        var changed = false
        for j in items.indices {
            guard case .mapping(var subject) = items[j] else {
                if items[j].isNull { continue }
                throw .wrongNodeKind(expected: "MappingNode", actual: items[j])
            }
            let selected: Bool
            switch roleBindingSubjects {
            case .defaultOnly: selected = subject["name"]?.scalar?.value == "default"
            case .allServiceAccounts: selected = subject["kind"]?.scalar?.value == "ServiceAccount"
            case .none: selected = false
            }
            guard selected else { continue }
            var ns = subject["namespace"] ?? .string("")
            try set(&ns)
            subject["namespace"] = ns
            items[j] = .mapping(subject)
            changed = true
        }
        if changed { node["subjects"] = .sequence(items) }
    }
}
