import YAML

/// How a generated resource joins the resources accumulated so far.
public enum GenerationBehavior: String, Sendable {
    case unspecified, create, replace, merge

    /// kustomize's `NewGenerationBehavior`: anything unrecognised is `unspecified`,
    /// which acts like `create`.
    public init(text: String) {
        switch text {
        case "create": self = .create
        case "replace": self = .replace
        case "merge": self = .merge
        default: self = .unspecified
        }
    }
}

/// One ConfigMap or Secret generator: a `configMapGenerator`/`secretGenerator`
/// entry, or a builtin `ConfigMapGenerator`/`SecretGenerator` plugin config.
public struct GeneratorArgs: Sendable {
    public var name = ""
    public var namespace = ""
    public var behavior = GenerationBehavior.unspecified
    public var literals: [String] = []
    public var files: [String] = []
    /// Env files, with the deprecated singular `env` appended.
    public var envs: [String] = []
    /// Per-generator options; nil when absent.
    public var options: GeneratorOptions?
    /// Secret `type`; empty means `Opaque`.
    public var type = ""

    public init() {}

    static func fieldNames(isSecret: Bool) -> [String] {
        let common = ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options"]
        return isSecret ? common + ["type"] : common
    }

    /// Decodes an entry of a kustomization's `configMapGenerator`/`secretGenerator`
    /// list with kustomize's strict field checks and messages.
    public init(kustomizationEntry node: Node, isSecret: Bool) throws(KustomizeError) {
        let decoder = GeneratorFieldDecoder(prefix: "invalid Kustomization: ", strict: true)
        let owner = isSecret ? "SecretArgs" : "ConfigMapArgs"
        let list = isSecret ? "secretGenerator" : "configMapGenerator"
        var env = ""
        try decode(node, decoder: decoder, owner: owner, list: list, isSecret: isSecret, env: &env)
        if !env.isEmpty { envs.append(env) }
    }

    /// Decodes a builtin plugin configuration: the generator fields at top level
    /// (unknown fields ignored), `metadata.name`/`namespace` as fallbacks. The
    /// singular `env` is not honoured there, as in kustomize.
    public init(pluginConfig node: Node, isSecret: Bool) throws(KustomizeError) {
        let kind = isSecret ? "SecretGenerator" : "ConfigMapGenerator"
        let decoder = GeneratorFieldDecoder(
            prefix: "trouble configuring builtin \(kind) with config: error unmarshaling JSON: while decoding JSON: ",
            strict: false, yaml12: true)
        let owner = isSecret ? "SecretGeneratorPlugin" : "ConfigMapGeneratorPlugin"
        var env = ""
        try decode(node, decoder: decoder, owner: owner, list: isSecret ? "SecretArgs" : "ConfigMapArgs",
                   isSecret: isSecret, env: &env)
        if let meta = node["metadata"], !meta.isNull {
            let fields = try decoder.fields(meta, known: ["name", "namespace"], field: "\(owner).metadata",
                                            goType: "types.ObjectMeta")
            for (field, value) in fields {
                let text = try decoder.string(value, field: "ObjectMeta.metadata.\(field)")
                if field == "name", name.isEmpty { name = text }
                if field == "namespace", namespace.isEmpty { namespace = text }
            }
        }
    }

    private mutating func decode(_ node: Node, decoder: GeneratorFieldDecoder, owner: String, list: String,
                                 isSecret: Bool, env: inout String) throws(KustomizeError) {
        let known = Self.fieldNames(isSecret: isSecret) + (decoder.strict ? [] : ["apiVersion", "kind", "metadata"])
        let args = "\(owner).\(list).GeneratorArgs."
        let sources = args + "KvPairSources."
        let fields = try decoder.fields(node, known: known, field: "Kustomization.\(list)",
                                        goType: "types.\(owner)")
        for (field, value) in fields {
            switch field {
            case "name": name = try decoder.string(value, field: args + field)
            case "namespace": namespace = try decoder.string(value, field: args + field)
            case "behavior": behavior = GenerationBehavior(text: try decoder.string(value, field: args + field))
            case "literals": literals = try decoder.strings(value, field: sources + field)
            case "files": files = try decoder.strings(value, field: sources + field)
            case "envs": envs = try decoder.strings(value, field: sources + field)
            case "env": env = try decoder.string(value, field: sources + field)
            case "options":
                options = try GeneratorOptions(node: value, owner: owner, field: "\(list).GeneratorArgs.options",
                                               decoder: decoder)
            case "type": type = try decoder.string(value, field: "\(owner).\(list).type")
            default: break
            }
        }
    }
}
