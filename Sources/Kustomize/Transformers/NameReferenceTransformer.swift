import YAML

/// The name-reference fix-up that follows renames (run once, at the top level,
/// after hash suffixes): for every `nameReference` row (referenced kind →
/// referring kind + field), a name found in a referrer's field is replaced by the
/// current name of the one renamed resource it designates.
///
/// Linear in the number of resources: candidates are looked up in an index by
/// previous name instead of scanning the whole list for every field.
public struct NameReferenceTransformer: Transformer {
    public init() {}

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let backRefs = context.config.nameReference
        guard !backRefs.isEmpty, !resources.isEmpty else { return }
        let table = ReferralTable(resources)
        let rows = ReferrerRows(backRefs)
        // Referrers read only the table (the resources as they were before this
        // transformer), so each is fixed alone: on all cores when there are many.
        var specsByGVK: [GVK: (specs: [(GVK, FieldSpec)], paths: PathTree)] = [:]
        for e in table.entries where specsByGVK[e.originalGVK] == nil {
            let specs = rows.specs(for: e.originalGVK)
            specsByGVK[e.originalGVK] = (specs, PathTree(specs.map(\.1.path)))
        }
        let referrers = table.entries.indices.filter { !specsByGVK[table.entries[$0].originalGVK]!.specs.isEmpty }
        try resources.updateEachIndexed(at: referrers) { (i, r: inout Resource) throws(KustomizeError) in
            let (specs, paths) = specsByGVK[table.entries[i].originalGVK]!
            let referrer = try Referrer(index: i, table: table)  // may reject the object
            // Most objects name nothing that was renamed: their fields are read once,
            // in one pass that answers for every spec's path.
            let visited = paths.visitedEnds(r.node, table.mayChange)
            if !visited.contains(true) { return }
            // A fix changes fields only at its spec's path: a later spec with the
            // same path is asked again (as kustomize walks it after the change).
            var changed = [Bool](filled: false, count: visited.count)
            var node = r.node
            for (k, (target, spec)) in specs.enumerated() {
                let end = paths.endOfPath[k]
                if let end, !changed[end] {
                    guard visited[end] else { continue }
                } else if !FieldWalker.anyVisited(node, path: spec.path[...], table.mayChange) {
                    continue
                }
                let fix = NameFix(referrer: referrer, target: target, spec: spec, table: table)
                do throws(KustomizeError) {
                    try FieldWalker.apply(&node, path: spec.path[...], create: false, leaf: .scalar) {
                        (field: inout Node) throws(KustomizeError) in try fix.set(&field)
                    }
                } catch {
                    throw error.wrapped("updating name reference in '\(spec.pathString)' field of '\(referrer.id)': considering field '\(spec.pathString)' of object \(referrer.id): ")
                }
                if let end { changed[end] = true }
            }
            r.node = node
        }
    }
}
/// The `nameReference` rows flattened to (referenced GVK, referrer field spec)
/// pairs in table order, indexed by the referrer kind.
struct ReferrerRows {
    struct Row {
        var order: Int
        var target: GVK
        var spec: FieldSpec
    }
    var byKind: [String: [Row]] = [:]
    var anyKind: [Row] = []

    init(_ backRefs: [NameBackReference]) {
        var order = 0
        for ref in backRefs {
            for spec in ref.fieldSpecs {
                let row = Row(order: order, target: ref.gvk, spec: spec)
                if spec.gvk.kind.isEmpty { anyKind.append(row) } else { byKind[spec.gvk.kind, default: []].append(row) }
                order += 1
            }
        }
    }

    /// The rows whose referrer selector matches `gvk`, in table order.
    func specs(for gvk: GVK) -> [(GVK, FieldSpec)] {
        var rows = (byKind[gvk.kind] ?? []).filter { gvk.isSelected(by: $0.spec.gvk) }
        let extra = anyKind.filter { gvk.isSelected(by: $0.spec.gvk) }
        if !extra.isEmpty {
            rows += extra
            rows.sort { $0.order < $1.order }
        }
        return rows.map { ($0.target, $0.spec) }
    }
}

/// What name-reference resolution needs to know about every resource, computed
/// once, plus an index from previous names to resources. Shared (not copied) by
/// every field fix, and never changed after it is built.
final class ReferralTable {
    /// kustomize's marker for "no namespace" (cluster-scoped).
    static let noNamespace = "~X"

    struct Entry {
        var id: ResId
        var name: String
        var namespace: String
        var kind: String
        var isClusterScoped: Bool
        /// Effective current namespace; `~X` for cluster-scoped resources.
        var effectiveNamespace: String
        /// Effective namespace of the original id.
        var originalNamespace: String
        var originalGVK: GVK
        /// Previous ids as kustomize rebuilds them: current group/version, previous kind.
        var previousIds: [ResId]
        var prefixes: [String]
        var suffixes: [String]
        var node: Node
    }

    var entries: [Entry] = []
    /// Resources (ascending indexes) with a previous id of that name.
    var byPreviousName: [String: [Int]] = [:]
    /// For each original namespace: the current namespaces and raw namespaces of
    /// resources that started there, and whether one is cluster-scoped.
    var originalNamespaces: [String: (current: Set<String>, raw: Set<String>, cluster: Bool)] = [:]

    init(_ map: ResourceMap) {
        // Each row reads one resource: on all cores when there are many. The
        // indexes over all rows are then filled in order.
        entries = Parallel.map(map.resources, threshold: ResourceMap.parallelThreshold, Self.entry)
        byPreviousName.reserveCapacity(entries.count)
        // Rows are read in place (an entry is a dozen fields: copying each costs more than filing it).
        entries.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                // Previous ids are few: a repeated name is found by looking back.
                let previous = rows[i].previousIds
                for (k, p) in previous.enumerated() where !previous[..<k].contains(where: { $0.name == p.name }) {
                    byPreviousName[p.name, default: []].append(i)
                }
                // Neighbours mostly share their namespaces: a row like the one before
                // adds nothing to the groups (three string hashes saved).
                if i > 0, Self.sameNamespaces(rows[i], rows[i - 1]) { continue }
                // Changed in place: the group's sets are not copied for every resource.
                Self.add(rows[i], to: &originalNamespaces[rows[i].originalNamespace, default: ([], [], false)])
            }
        }
    }

    private static func sameNamespaces(_ a: borrowing Entry, _ b: borrowing Entry) -> Bool {
        a.isClusterScoped == b.isClusterScoped && a.originalNamespace.bytesEqual(b.originalNamespace)
            && a.effectiveNamespace.bytesEqual(b.effectiveNamespace) && a.namespace.bytesEqual(b.namespace)
    }

    private static func add(_ e: borrowing Entry, to group: inout (current: Set<String>, raw: Set<String>, cluster: Bool)) {
        group.current.insert(e.effectiveNamespace)
        group.raw.insert(e.namespace)
        if e.isClusterScoped { group.cluster = true }
    }

    /// One resource's row.
    static func entry(_ r: Resource) -> Entry {
        let id = r.id
        let prev = r.previousIds.map { p in
            ResId(gvk: GVK(group: id.gvk.group, version: id.gvk.version, kind: p.gvk.kind), name: p.name,
                  namespace: stored(p))
        }
        let original = prev.first ?? id
        return Entry(id: id, name: r.name, namespace: r.namespace, kind: id.gvk.kind,
                     isClusterScoped: id.gvk.isClusterScoped, effectiveNamespace: effective(id),
                     originalNamespace: effective(original), originalGVK: original.gvk, previousIds: prev,
                     prefixes: r.namePrefixes, suffixes: r.nameSuffixes, node: r.node)
    }

    /// False when `NameFix.set` surely leaves this field as it is and throws
    /// nothing: no name in it was ever the previous name of a resource.
    func mayChange(_ field: Node) -> Bool {
        switch field {
        case .scalar(let s):
            return !s.isNull && byPreviousName[s.value] != nil
        case .mapping(let m):
            guard let name = m["name"] else { return true }  // an error to report
            return byPreviousName[name.scalar?.value ?? ""] != nil
        case .sequence(let items):
            return items.contains { item in
                switch item {
                case .scalar(let s): return byPreviousName[s.value] != nil  // items are looked up even when null
                case .mapping: return mayChange(item)
                case .sequence: return true  // an error to report
                }
            }
        }
    }

    /// kustomize's `EffectiveNamespace`.
    static func effective(_ id: ResId) -> String {
        if id.gvk.isClusterScoped { return noNamespace }
        return id.namespace.isEmpty ? "default" : id.namespace
    }

    /// The namespace kustomize stores for a previous id (its effective namespace).
    static func stored(_ id: ResId) -> String { effective(id) }
}

/// A resource whose fields may hold names of other resources.
final class Referrer {
    /// The referrer's own row of the table (it holds the object as it was before the fix-up).
    let entry: ReferralTable.Entry
    /// Namespaces of a RoleBinding's ServiceAccount subjects: resources there may be referred to.
    private(set) var roleBindingNamespaces: Set<String> = []
    /// `roleRef.apiGroup`/`roleRef.kind`, when both are present.
    private(set) var roleRef: GVK?

    var id: ResId { entry.id }
    var isClusterScoped: Bool { entry.isClusterScoped }
    var effectiveNamespace: String { entry.effectiveNamespace }
    var prefixes: [String] { entry.prefixes }
    var suffixes: [String] { entry.suffixes }
    var node: Node { entry.node }

    init(index: Int, table: ReferralTable) throws(KustomizeError) {
        entry = table.entries[index]
        if !entry.isClusterScoped, entry.kind == "RoleBinding", let subjects = entry.node["subjects"]?.sequence {
            for s in subjects {
                guard let m = s.mapping, let ns = m["namespace"], let kind = m["kind"] else { continue }
                guard kind.scalar?.value == "ServiceAccount" else { continue }
                guard let value = ns.string else {
                    throw .message("Invalid Input: namespace is blank for resource \"\(entry.id)\"\n")
                }
                roleBindingNamespaces.insert(value)
            }
        }
        if let ref = entry.node["roleRef"]?.mapping, let group = ref["apiGroup"]?.scalar,
           let kind = ref["kind"]?.scalar {
            roleRef = GVK(group: group.value, kind: kind.value)
        }
    }

    /// kustomize's `SubsetThatCouldBeReferencedByResource`.
    func couldRefer(to c: ReferralTable.Entry) -> Bool {
        isClusterScoped || c.isClusterScoped || c.effectiveNamespace == effectiveNamespace
            || roleBindingNamespaces.contains(c.namespace)
    }

    /// kustomize's `sameCurrentNamespaceAsReferrer` sieve.
    func sharesNamespace(with c: ReferralTable.Entry) -> Bool {
        isClusterScoped || c.isClusterScoped || c.kind == "ServiceAccount" || c.effectiveNamespace == effectiveNamespace
    }

    /// True when some resource this referrer could refer to started in `namespace`.
    func subsetHasOriginalNamespace(_ namespace: String, table: ReferralTable) -> Bool {
        guard namespace != ReferralTable.noNamespace, let g = table.originalNamespaces[namespace] else { return false }
        if isClusterScoped || g.cluster || g.current.contains(effectiveNamespace) { return true }
        return !g.raw.isDisjoint(with: roleBindingNamespaces)
    }
}

/// Resolves one field of one referrer against the referral table. A class: the
/// field walk hands it down every level, and a reference is one retain to copy.
final class NameFix {
    let referrer: Referrer
    let target: GVK
    let spec: FieldSpec
    let table: ReferralTable

    init(referrer: Referrer, target: GVK, spec: FieldSpec, table: ReferralTable) {
        self.referrer = referrer
        self.target = target
        self.spec = spec
        self.table = table
    }

    func set(_ node: inout Node) throws(KustomizeError) {
        switch node {
        case .scalar(let s):
            if s.isNull { return }
            try setScalar(&node)
        case .mapping:
            try setMapping(&node)
        case .sequence(var items):
            node = .null
            defer { node = .sequence(items) }
            for j in items.indices {
                switch items[j] {
                case .scalar: try setScalar(&items[j])
                case .mapping: try setMapping(&items[j])
                case .sequence:
                    throw .message("node is expected to be either a string or a map of string")
                }
            }
        }
    }

    func setScalar(_ node: inout Node) throws(KustomizeError) {
        guard case .scalar(let s) = node else { return }
        let candidates = (table.byPreviousName[s.value] ?? []).filter { referrer.couldRefer(to: table.entries[$0]) }
        guard let chosen = try select(s.value, candidates, sameNamespace: false) else { return }
        let name = table.entries[chosen].name
        if name == s.value { return }
        node = .scalar(Scalar(name, style: s.style))
    }

    func setMapping(_ node: inout Node) throws(KustomizeError) {
        guard case .mapping(var m) = node else { return }
        guard let nameNode = m["name"] else { throw .message("path config error; no 'name' field in node") }
        let oldName = nameNode.scalar?.value ?? ""
        var candidates = (table.byPreviousName[oldName] ?? []).filter { referrer.couldRefer(to: table.entries[$0]) }
        if let nsNode = m["namespace"] {
            let ns = nsNode.scalar?.value ?? ""
            if referrer.subsetHasOriginalNamespace(ns, table: table) {
                candidates = candidates.filter { table.entries[$0].originalNamespace == ns }
            } else {
                candidates = candidates.filter { table.entries[$0].effectiveNamespace == ns }
            }
        }
        guard let chosen = try select(oldName, candidates, sameNamespace: true) else { return }
        let c = table.entries[chosen]
        if c.name == oldName && c.namespace.isEmpty { return }
        node = .null
        m["name"] = .scalar(Scalar(c.name, style: nameNode.scalar?.style ?? .plain))
        if !c.namespace.isEmpty {
            m["namespace"] = .scalar(Scalar(c.namespace, style: m["namespace"]?.scalar?.style ?? .plain))
        }
        node = .mapping(m)
    }

    /// kustomize's `selectReferral`: the sieves in order, then disambiguation by
    /// prefix/suffix history. Nil means "leave the value".
    func select(_ oldName: String, _ start: [Int], sameNamespace: Bool) throws(KustomizeError) -> Int? {
        let entries = table.entries
        let roleRef: GVK? = spec.path.count >= 2 && spec.path.suffix(2) == ["roleRef", "name"] ? referrer.roleRef : nil
        var candidates = start.filter { i in
            let c = entries[i]
            guard c.previousIds.contains(where: { $0.gvk.isSelected(by: target) }) else { return false }
            if let roleRef, !c.previousIds.contains(where: { $0.gvk.isSelected(by: roleRef) }) { return false }
            return referrer.sharesNamespace(with: c)
        }
        if candidates.count == 1 { return candidates[0] }
        candidates = candidates.filter { affixesMatch(entries[$0], allowEmpty: true) }
        if candidates.count > 1 { candidates = candidates.filter { affixesMatch(entries[$0], allowEmpty: false) } }
        if candidates.count == 1 { return candidates[0] }
        guard let first = candidates.first else { return nil }
        let identical = candidates.allSatisfy {
            entries[$0].name == entries[first].name && (!sameNamespace || entries[$0].namespace == entries[first].namespace)
        }
        if identical { return first }
        let ids = candidates.map { "\(entries[$0].id)" }.joined(separator: ", ")
        var details = "\n**** Too many possible referral targets to referrer:\n\(Self.yaml(referrer.node))\n"
        for (n, i) in candidates.enumerated() {
            details += "--- possible referral \(n):\n\(Self.yaml(entries[i].node))\n"
        }
        throw .message("found multiple possible referrals: \(ids)\n\(details)")
    }

    /// kustomize's `PrefixesSuffixesEquals`.
    func affixesMatch(_ c: ReferralTable.Entry, allowEmpty: Bool) -> Bool {
        if allowEmpty {
            let prefixOK = c.prefixes.isEmpty || referrer.prefixes.isEmpty || Self.sameEnding(c.prefixes, referrer.prefixes)
            let suffixOK = c.suffixes.isEmpty || referrer.suffixes.isEmpty || Self.sameEnding(c.suffixes, referrer.suffixes)
            return prefixOK && suffixOK
        }
        return Self.sameEnding(c.prefixes, referrer.prefixes) && Self.sameEnding(c.suffixes, referrer.suffixes)
    }

    /// True when the shorter list is the tail of the longer one (two empty lists match).
    static func sameEnding(_ a: [String], _ b: [String]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.isEmpty { return long.isEmpty }
        return Array(long.suffix(short.count)) == short
    }

    static func yaml(_ node: Node) -> String {
        (try? Emitter.emit(node)) ?? ""
    }
}
