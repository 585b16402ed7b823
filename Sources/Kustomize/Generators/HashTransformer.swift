import YAML

/// Appends the content-hash suffix to the name of every resource flagged
/// `needsHashSuffix` (kustomize's HashTransformer). The build runs it once, at
/// the end of the top-level kustomization; a `HashTransformer` plugin entry runs
/// it again wherever it is listed. The flag is not cleared, as in kustomize.
public struct HashTransformer: Transformer {
    public init() {}

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        for i in resources.resources.indices where resources.resources[i].needsHashSuffix {
            let suffix = try NameHash.suffix(of: resources.resources[i].node)
            let name = resources.resources[i].name
            resources.resources[i].rename(name + "-" + suffix)
        }
    }
}
