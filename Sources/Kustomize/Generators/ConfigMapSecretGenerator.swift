import YAML

/// `configMapGenerator` / `secretGenerator` entries and the builtin
/// ConfigMapGenerator / SecretGenerator plugins. (Stub: being implemented.)
public struct ConfigMapSecretGenerator: Generator {
    public var args: Node
    public var isSecret: Bool
    /// The kustomization's `generatorOptions`, if any.
    public var options: Node?

    public init(args: Node, isSecret: Bool, options: Node?) {
        self.args = args
        self.isSecret = isSecret
        self.options = options
    }

    public func generate(context: BuildContext) throws(KustomizeError) -> [Resource] {
        throw .unsupported(isSecret ? "secretGenerator" : "configMapGenerator")
    }
}

/// Adds generated resources honouring `behavior: create|merge|replace`. (Stub.)
public enum GeneratorMerge {
    public static func add(_ generated: Resource, to map: inout ResourceMap) throws(KustomizeError) {
        try map.append(generated)
    }
}

/// Appends the content-hash suffix to every resource flagged `needsHashSuffix`. (Stub.)
public struct HashTransformer: Transformer {
    public init() {}
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        if resources.resources.contains(where: \.needsHashSuffix) { throw .unsupported("name hash suffix") }
    }
}
