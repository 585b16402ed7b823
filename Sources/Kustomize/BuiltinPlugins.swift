import YAML

/// Builtin plugin configurations under `generators:` and `transformers:`
/// (`apiVersion: builtin`). Anything else is an exec or KRM-function plugin,
/// which kustos does not run.
public enum BuiltinPlugins {
    public static func make(_ config: Node, context: BuildContext) throws(KustomizeError) -> Any {
        let apiVersion = config["apiVersion"]?.string ?? ""
        let kind = config["kind"]?.string ?? ""
        let name = config[["metadata", "name"]]?.string ?? ""
        guard apiVersion == "builtin" || apiVersion.hasPrefix("builtin/") else {
            throw .unsupported("plugin \(kind) (\(apiVersion)/\(name)): exec and KRM function plugins")
        }
        switch kind {
        case "ConfigMapGenerator": return ConfigMapSecretGenerator(pluginConfig: config, isSecret: false)
        case "SecretGenerator": return ConfigMapSecretGenerator(pluginConfig: config, isSecret: true)
        case "HashTransformer": return HashTransformer()
        case "IAMPolicyGenerator": return try IAMPolicyGenerator(pluginConfig: config)
        case "PatchTransformer": return PatchTransformer(entry: config, pluginPrefix: pluginPrefix(config))
        case "PatchStrategicMergeTransformer": return try PluginConfigs.patchStrategicMerge(config, pluginPrefix: pluginPrefix(config))
        case "PatchJson6902Transformer": return PatchJson6902Transformer(entry: config, pluginPrefix: pluginPrefix(config))
        case "ValueAddTransformer": return try ValueAddTransformer(pluginConfig: config, context: context)
        case "ReplacementTransformer":
            return ReplacementTransformer(replacements: config["replacements"]?.sequence ?? [])
        default:
            return try PluginConfigs.make(kind: kind, config: config, context: context)
        }
    }
}

/// `plugin <id> fails configuration: `, kustomize's prefix for a plugin config error.
func pluginPrefix(_ config: Node) -> String {
    let id = ResId(gvk: GVK(apiVersion: config["apiVersion"]?.string ?? "", kind: config["kind"]?.string ?? ""),
                   name: config[["metadata", "name"]]?.string ?? "",
                   namespace: config[["metadata", "namespace"]]?.string ?? "")
    return "plugin \(id) fails configuration: "
}

/// Builtin transformer configurations owned by the transformer implementations.
enum PluginConfigs {
    static func patchStrategicMerge(_ config: Node, pluginPrefix: String) throws(KustomizeError) -> PatchStrategicMergeTransformer {
        let m = config.mapping ?? Mapping()
        return PatchStrategicMergeTransformer(paths: (try? PatchConfigField.strings(m, "paths")) ?? [],
                                              patches: (try? PatchConfigField.string(m, "patches")) ?? "",
                                              pluginPrefix: pluginPrefix)
    }

    static func make(kind: String, config: Node, context: BuildContext) throws(KustomizeError) -> Any {
        if let t = try FieldSpecPlugins.make(kind: kind, config: config) { return t }
        throw .unsupported("builtin plugin \(kind)")
    }
}
