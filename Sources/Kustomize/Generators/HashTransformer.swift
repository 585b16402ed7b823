import YAML

/// Appends the content-hash suffix to the name of every resource flagged
/// `needsHashSuffix` (kustomize's HashTransformer). The build runs it once, at
/// the end of the top-level kustomization; a `HashTransformer` plugin entry runs
/// it again wherever it is listed. The flag is not cleared, as in kustomize.
public struct HashTransformer: Transformer {
    public init() {}

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        // Each resource is hashed and renamed alone: on all cores when there are many.
        let generated = resources.resources.indices.filter { resources.resources[$0].needsHashSuffix }
        try resources.updateEach(at: generated) { (r: inout Resource) throws(KustomizeError) in
            let suffix = try NameHash.suffix(of: r.node)
            r.rename(r.name + "-" + suffix)
        }
    }
}
