import YAML

/// The internal annotations kustomize keeps on a resource during a build
/// (`internal.config.kubernetes.io/…`). They are visible to JSON patches: an
/// `add /metadata/annotations/x` works on a resource without annotations
/// because kustomize's copy has them, and `copy` can leak them into the output.
enum BuildAnnotations {
    static func of(_ r: Resource) -> [(String, String)] {
        var out: [(String, String)] = []
        if !r.previousIds.isEmpty {
            out.append(("internal.config.kubernetes.io/previousKinds", r.previousIds.map(\.gvk.kind).joined(separator: ",")))
            out.append(("internal.config.kubernetes.io/previousNames", r.previousIds.map(\.name).joined(separator: ",")))
            out.append(("internal.config.kubernetes.io/previousNamespaces",
                        r.previousIds.map(PatchTarget.Matcher.effectiveNamespace).joined(separator: ",")))
        }
        if !r.namePrefixes.isEmpty {
            out.append(("internal.config.kubernetes.io/prefixes", r.namePrefixes.joined(separator: ",")))
        }
        if !r.nameSuffixes.isEmpty {
            out.append(("internal.config.kubernetes.io/suffixes", r.nameSuffixes.joined(separator: ",")))
        }
        if let b = r.generatorBehavior {
            out.append(("internal.config.kubernetes.io/generatorBehavior", b.isEmpty ? "unspecified" : b))
        }
        if r.needsHashSuffix {
            out.append(("internal.config.kubernetes.io/needsHashSuffix", "enabled"))
        }
        return out
    }

    /// Applies a JSON patch to the resource as kustomize sees it: with its
    /// internal annotations present, removed again afterwards.
    static func applying(_ patch: JSONPatch, to r: inout Resource) throws(KustomizeError) {
        let added = of(r)
        if !added.isEmpty, r.node["metadata"]?.mapping != nil {
            var ann = r.node[["metadata", "annotations"]]?.mapping ?? Mapping()
            for (k, v) in added { ann[k] = .string(v) }
            r.node.set(["metadata", "annotations"], .mapping(ann))
        }
        let node = r.node
        r.node = .null
        r.node = try patch.apply(to: consume node)
        guard !added.isEmpty, var ann = r.node[["metadata", "annotations"]]?.mapping else { return }
        for (k, _) in added { ann[k] = nil }
        r.node.set(["metadata", "annotations"], .mapping(ann))
    }
}
