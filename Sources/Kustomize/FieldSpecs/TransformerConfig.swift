import YAML

/// One `nameReference` entry: the kind that can be referred to, and the fields
/// (in other kinds) that hold its name.
public struct NameBackReference: Sendable, Hashable {
    public var gvk: GVK
    public var fieldSpecs: [FieldSpec]
}

/// The field specs every built-in transformer uses: kustomize's defaults merged
/// with `configurations:` files and `crds:` of the build and its bases.
public struct TransformerConfig: Sendable {
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var commonLabels: [FieldSpec] = []
    /// The `labels:` list of configuration files: added to every `labels:` entry,
    /// not to `commonLabels:`.
    public var labels: [FieldSpec] = []
    public var templateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var nameReference: [NameBackReference] = []
    public var varReference: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []
    /// True once the lists are in kustomize's kind order (see `sortFields`).
    var sorted = false
    /// The last merge that added no spec: the configuration as it was then and
    /// what was merged into it. Merging the same configuration into the same one
    /// again changes nothing (a parent merging the configurations of many bases,
    /// all derived from the defaults, is the common case).
    private var lastNoOpMerge: NoOpMerge?

    public init() {}

    /// kustomize's built-in tables, compiled in by `scripts/gen-fieldspecs.py` in the
    /// order kustomize sorts them into when it reads them. Tables are taken verbatim
    /// (kustomize does not merge-deduplicate its own tables; no two name references
    /// have the same kind).
    public static let builtin: TransformerConfig = {
        typealias Data = BuiltinFieldSpecData
        var c = TransformerConfig()
        c.namePrefix = Data.namePrefix
        c.nameSuffix = Data.nameSuffix
        c.namespace = Data.namespace
        c.commonLabels = Data.commonLabels
        c.templateLabels = Data.templateLabels
        c.commonAnnotations = Data.commonAnnotations
        c.nameReference = Data.nameReference
        c.varReference = Data.varReference
        c.images = Data.images
        c.replicas = Data.replicas
        c.sorted = true
        return c
    }()

    static let knownKeys: Set<String> = [
        "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels", "templateLabels",
        "commonAnnotations", "nameReference", "varReference", "images", "replicas",
    ]

    /// Decodes a `configurations:` file.
    public init(node: Node) throws(KustomizeError) {
        guard let m = node.mapping else {
            if node.isNull { return }
            throw .message("a transformer configuration must be a mapping")
        }
        for key in m.keys where !Self.knownKeys.contains(key) {
            throw .message("error unmarshaling JSON: while decoding JSON: json: unknown field \"\(key)\"")
        }
        namePrefix = try FieldSpec.list(from: m["namePrefix"])
        nameSuffix = try FieldSpec.list(from: m["nameSuffix"])
        namespace = try FieldSpec.list(from: m["namespace"])
        commonLabels = try FieldSpec.list(from: m["commonLabels"])
        labels = try FieldSpec.list(from: m["labels"])
        templateLabels = try FieldSpec.list(from: m["templateLabels"])
        commonAnnotations = try FieldSpec.list(from: m["commonAnnotations"])
        varReference = try FieldSpec.list(from: m["varReference"])
        images = try FieldSpec.list(from: m["images"])
        replicas = try FieldSpec.list(from: m["replicas"])
        if let refs = m["nameReference"]?.sequence {
            for r in refs {
                guard let rm = r.mapping else { continue }
                let gvk = GVK(group: rm["group"]?.string ?? "", version: rm["version"]?.string ?? "",
                              kind: rm["kind"]?.string ?? "")
                nameReference.append(NameBackReference(gvk: gvk, fieldSpecs: try FieldSpec.list(from: rm["fieldSpecs"])))
            }
        }
    }

    /// Adds `other`'s specs; an identical spec is ignored, the same selector and
    /// path with another `create` flag is a conflict.
    public mutating func merge(_ other: TransformerConfig) throws(KustomizeError) {
        // The defaults (or a base's copy of them) merged into nothing are the
        // defaults, and merged into themselves change nothing (both checked on the
        // tables by BuiltinFieldSpecTests). The common case: every kustomization
        // merges its bases' configurations and then the defaults, all sharing the
        // tables' storage.
        if other.sameLists(as: Self.builtin) && (specCount == 0 || sameLists(as: other)) {
            if specCount == 0 { self = Self.builtin }
            return
        }
        if let last = lastNoOpMerge, sameLists(as: last.into), other.sameLists(as: last.other) { return }
        var snapshot = self
        snapshot.lastNoOpMerge = nil
        let before = specCount
        try Self.mergeSpecs(&namePrefix, other.namePrefix, "NamePrefix")
        try Self.mergeSpecs(&nameSuffix, other.nameSuffix, "NameSuffix")
        try Self.mergeSpecs(&namespace, other.namespace, "NameSpace")
        try Self.mergeSpecs(&commonLabels, other.commonLabels, "CommonLabels")
        try Self.mergeSpecs(&labels, other.labels, "Labels")
        try Self.mergeSpecs(&templateLabels, other.templateLabels, "TemplateLabels")
        try Self.mergeSpecs(&commonAnnotations, other.commonAnnotations, "CommonAnnotations")
        try Self.mergeSpecs(&varReference, other.varReference, "VarReference")
        try Self.mergeSpecs(&images, other.images, "Images")
        try Self.mergeSpecs(&replicas, other.replicas, "Replicas")
        for ref in other.nameReference {
            if let i = nameReference.firstIndex(where: { $0.gvk == ref.gvk }) {
                // Only a list that gained specs is written back: the others keep their storage.
                var specs = nameReference[i].fieldSpecs
                try Self.mergeSpecs(&specs, ref.fieldSpecs, "NameReference")
                if specs.count != nameReference[i].fieldSpecs.count { nameReference[i].fieldSpecs = specs }
            } else {
                nameReference.append(ref)
            }
        }
        // Sorting is idempotent: lists that gained nothing are already in order
        // (merging a base's built-in configuration is the common case), and merged
        // into nothing, sorted lists keep their order (the first of equal specs stay).
        if before == 0 && other.sorted {
            sorted = true
            lastNoOpMerge = nil
        } else if specCount != before || !sorted {
            sortFields()
            lastNoOpMerge = nil
        } else {
            var merged = other
            merged.lastNoOpMerge = nil
            lastNoOpMerge = NoOpMerge(into: snapshot, other: merged)
        }
    }

    /// True when every list uses the very storage of `other`'s: the same specs,
    /// found without comparing them (copy on write gives a changed list storage
    /// of its own).
    func sameLists(as other: TransformerConfig) -> Bool {
        namePrefix.sharesStorage(with: other.namePrefix) && nameSuffix.sharesStorage(with: other.nameSuffix)
            && namespace.sharesStorage(with: other.namespace) && commonLabels.sharesStorage(with: other.commonLabels)
            && labels.sharesStorage(with: other.labels) && templateLabels.sharesStorage(with: other.templateLabels)
            && commonAnnotations.sharesStorage(with: other.commonAnnotations)
            && nameReference.sharesStorage(with: other.nameReference)
            && varReference.sharesStorage(with: other.varReference) && images.sharesStorage(with: other.images)
            && replicas.sharesStorage(with: other.replicas) && sorted == other.sorted
    }

    /// The number of specs in all lists, to tell whether a merge added any.
    var specCount: Int {
        namePrefix.count + nameSuffix.count + namespace.count + commonLabels.count + labels.count
            + templateLabels.count + commonAnnotations.count + varReference.count + images.count + replicas.count
            + nameReference.count + nameReference.reduce(0) { $0 + $1.fieldSpecs.count }
    }

    /// kustomize sorts every list by kind order after a merge. The order matters:
    /// a later merge skips a kind-less spec when a spec for a kind with the same
    /// path sorts before it, so a `configurations:` file that prefixes one kind
    /// replaces the default prefix of every resource.
    mutating func sortFields() {
        sorted = true
        namePrefix = Self.sortedByKindOrder(namePrefix)
        nameSuffix = Self.sortedByKindOrder(nameSuffix)
        namespace = Self.sortedByKindOrder(namespace)
        commonLabels = Self.sortedByKindOrder(commonLabels)
        labels = Self.sortedByKindOrder(labels)
        templateLabels = Self.sortedByKindOrder(templateLabels)
        commonAnnotations = Self.sortedByKindOrder(commonAnnotations)
        varReference = Self.sortedByKindOrder(varReference)
        images = Self.sortedByKindOrder(images)
        replicas = Self.sortedByKindOrder(replicas)
        nameReference = Self.sortedByKindOrder(nameReference, gvk: \.gvk)
    }

    static func mergeSpecs(_ into: inout [FieldSpec], _ add: [FieldSpec], _ name: String) throws(KustomizeError) {
        do throws(FieldSpecMergeError) {
            into = try FieldSpec.merging(into, add)
        } catch {
            throw .message("failed to merge \(name) fieldSpec: \(error)")
        }
    }

    /// Stable sort by kustomize's GVK order (`Gvk.IsLessThan`).
    static func sortedByKindOrder(_ specs: [FieldSpec]) -> [FieldSpec] {
        sortedByKindOrder(specs, gvk: \.gvk)
    }

    static func sortedByKindOrder<T>(_ specs: [T], gvk: (T) -> GVK) -> [T] {
        // Each element's rank and GVK text are computed once, not per comparison.
        let keys = specs.enumerated().map { (i, spec) in
            let g = gvk(spec)
            return (rank: kindRank[g.kind] ?? 0, text: g.description, offset: i)
        }
        return keys.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.text != b.text { return a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }
            return a.offset < b.offset
        }.map { specs[$0.offset] }
    }

    /// kustomize's kind order: the kinds listed first (negative), last (positive), others 0.
    static let kindRank: [String: Int] = {
        var rank: [String: Int] = [:]
        for (i, k) in ResourceOrder.defaultFirst.enumerated() { rank[k] = i - ResourceOrder.defaultFirst.count }
        for (i, k) in ResourceOrder.defaultLast.enumerated() { rank[k] = i + 1 }
        return rank
    }()
}

/// Both sides of a merge that changed nothing, kept alive so that their list
/// storage cannot be reused by other lists while `sameLists` compares against it.
private final class NoOpMerge: Sendable {
    let into: TransformerConfig
    let other: TransformerConfig

    init(into: TransformerConfig, other: TransformerConfig) {
        self.into = into
        self.other = other
    }
}
