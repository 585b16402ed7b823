import YAML

/// `configMapGenerator` / `secretGenerator` entries and the builtin
/// `ConfigMapGenerator` / `SecretGenerator` plugins: one ConfigMap or Secret
/// each, flagged for the name hash unless disabled.
public struct ConfigMapSecretGenerator: Generator {
    /// The kustomization entry, or the whole plugin configuration.
    public var args: Node
    public var isSecret: Bool
    /// The kustomization's `generatorOptions`, if any.
    public var options: Node?
    /// True when `args` is a builtin plugin configuration.
    public var isPluginConfig = false

    public init(args: Node, isSecret: Bool, options: Node?) {
        self.args = args
        self.isSecret = isSecret
        self.options = options
    }

    /// A builtin plugin configuration (`kind: ConfigMapGenerator`/`SecretGenerator`).
    public init(pluginConfig: Node, isSecret: Bool) {
        self.init(args: pluginConfig, isSecret: isSecret, options: nil)
        isPluginConfig = true
    }

    public func generate(context: BuildContext) throws(KustomizeError) -> [Resource] {
        let decoded = isPluginConfig
            ? try GeneratorArgs(pluginConfig: args, isSecret: isSecret)
            : try GeneratorArgs(kustomizationEntry: args, isSecret: isSecret)
        var global: GeneratorOptions?
        if let options, !options.isNull {
            global = try GeneratorOptions(node: options, owner: "Kustomization", field: "generatorOptions",
                                          decoder: GeneratorFieldDecoder(prefix: "invalid Kustomization: ", strict: true))
        }
        return [try Self.make(decoded, isSecret: isSecret, globalOptions: global, loader: context.loader)]
    }

    /// The generated resource (kustomize's `MakeConfigMap` / `MakeSecret` + `makeOne`).
    public static func make(_ args: GeneratorArgs, isSecret: Bool, globalOptions: GeneratorOptions?,
                            loader: Loader) throws(KustomizeError) -> Resource {
        guard !args.name.isEmpty else { throw .message("a configmap must have a name") }
        let pairs = try KeyValueSources.pairs(args, loader: loader)
        var seen = Set<String>(minimumCapacity: pairs.count)
        for p in pairs where !seen.insert(p.key).inserted {
            throw .message("configmap \(args.name) illegally repeats the key `\(p.key)`")
        }

        var metadata: [(String, Node)] = [("name", .string(args.name))]
        if !args.namespace.isEmpty { metadata.append(("namespace", .string(args.namespace))) }
        let options = (args.options ?? GeneratorOptions()).merging(global: globalOptions)
        if !options.labels.isEmpty { metadata.append(("labels", stringMapping(options.labels))) }
        if !options.annotations.isEmpty { metadata.append(("annotations", stringMapping(options.annotations))) }

        var fields: [(String, Node)] = [("apiVersion", .string("v1")),
                                        ("kind", .string(isSecret ? "Secret" : "ConfigMap")),
                                        ("metadata", .map(metadata))]
        if isSecret {
            fields.append(("type", .string(args.type.isEmpty ? "Opaque" : args.type)))
            fields.append(("data", .mapping(GeneratedData.secret(pairs))))
        } else {
            let (data, binary) = GeneratedData.configMap(pairs)
            if let data { fields.append(("data", .mapping(data))) }
            if let binary { fields.append(("binaryData", .mapping(binary))) }
        }
        if options.immutable { fields.append(("immutable", .bool(true))) }

        var resource = Resource(node: .map(fields), origin: isSecret ? "secretGenerator" : "configMapGenerator")
        resource.needsHashSuffix = !options.disableNameSuffixHash
        resource.generatorBehavior = args.behavior.rawValue
        return resource
    }

    /// A mapping of string values, keys sorted bytewise as kustomize writes them.
    static func stringMapping(_ map: [String: String]) -> Node {
        let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .mapping(Mapping(keys.map { Entry(key: Scalar($0), value: .string(map[$0] ?? "")) }))
    }
}
