import YAML

/// `generatorOptions` of a kustomization and `options` of one generator.
public struct GeneratorOptions: Sendable, Equatable {
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    public var disableNameSuffixHash = false
    public var immutable = false

    public init() {}

    static let fieldNames = ["labels", "annotations", "disableNameSuffixHash", "immutable"]

    /// Decodes an options mapping. `field` is the Go field path used in messages
    /// (`generatorOptions`, `configMapGenerator.GeneratorArgs.options`, …) and
    /// `owner` the Go struct holding it (`Kustomization`, `ConfigMapArgs`, …).
    init(node: Node, owner: String, field: String, decoder: GeneratorFieldDecoder) throws(KustomizeError) {
        let path = "GeneratorOptions." + field
        for (name, value) in try decoder.fields(node, known: Self.fieldNames, field: owner + "." + field,
                                                goType: "types.GeneratorOptions") {
            switch name {
            case "labels": labels = try decoder.stringMap(value, field: path + ".labels")
            case "annotations": annotations = try decoder.stringMap(value, field: path + ".annotations")
            case "disableNameSuffixHash":
                disableNameSuffixHash = try decoder.bool(value, field: path + ".disableNameSuffixHash")
            default: immutable = try decoder.bool(value, field: path + ".immutable")
            }
        }
    }

    /// These (per-generator) options with the kustomization's `generatorOptions`
    /// folded in: on a label or annotation conflict the local value wins; a
    /// global `true` cannot be undone locally (kustomize's `MergeGlobalOptionsIntoLocal`).
    public func merging(global: GeneratorOptions?) -> GeneratorOptions {
        guard let global else { return self }
        var out = self
        out.labels.merge(global.labels) { local, _ in local }
        out.annotations.merge(global.annotations) { local, _ in local }
        out.disableNameSuffixHash = disableNameSuffixHash || global.disableNameSuffixHash
        out.immutable = immutable || global.immutable
        return out
    }
}
