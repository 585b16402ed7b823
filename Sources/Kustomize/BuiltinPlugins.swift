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
        case "PatchTransformer": return PatchTransformer(entry: config)
        case "PatchStrategicMergeTransformer": return try PluginConfigs.patchStrategicMerge(config)
        case "PatchJson6902Transformer": return PatchJson6902Transformer(entry: config)
        case "ReplacementTransformer":
            return ReplacementTransformer(replacements: config["replacements"]?.sequence ?? [])
        default:
            return try PluginConfigs.make(kind: kind, config: config, context: context)
        }
    }
}

/// Builtin transformer configurations owned by the transformer implementations.
enum PluginConfigs {
    static func patchStrategicMerge(_ config: Node) throws(KustomizeError) -> PatchStrategicMergeTransformer {
        var entries: [Node] = config["paths"]?.sequence ?? []
        if let p = config["patches"] {
            if let s = p.string { entries.append(.string(s)) } else if let seq = p.sequence { entries += seq }
        }
        return PatchStrategicMergeTransformer(entries: entries)
    }

    static func make(kind: String, config: Node, context: BuildContext) throws(KustomizeError) -> Any {
        if let t = try FieldSpecPlugins.make(kind: kind, config: config) { return t }
        throw .unsupported("builtin plugin \(kind)")
    }
}
