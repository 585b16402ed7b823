import Testing
import YAML
@testable import Kustomize

@Suite struct GeneratorArgsTests {
    func entry(_ yaml: String) throws -> Node { try #require(try Parser.parseFirst(yaml)) }

    @Test func kustomizationEntry() throws {
        let args = try GeneratorArgs(kustomizationEntry: entry("""
            name: s
            namespace: ns
            behavior: bogus
            envs: [a.env]
            env: b.env
            type: kubernetes.io/tls
            """), isSecret: true)
        #expect(args.name == "s" && args.namespace == "ns" && args.type == "kubernetes.io/tls")
        #expect(args.behavior == .unspecified)
        #expect(args.envs == ["a.env", "b.env"])
    }

    /// A null entry decodes to empty args; a repeated key keeps its last value.
    @Test func nullAndRepeatedKeys() throws {
        #expect(try GeneratorArgs(kustomizationEntry: .null, isSecret: false).name == "")
        let args = try GeneratorArgs(kustomizationEntry: entry("name: a\nliterals: [x=1]\nliterals: [y=2]"), isSecret: false)
        #expect(args.literals == ["y=2"])
    }

    @Test func kustomizationErrors() throws {
        #expect(errorText { _ = try GeneratorArgs(kustomizationEntry: entry("name: 123"), isSecret: false) }
                == "invalid Kustomization: json: cannot unmarshal number into Go struct field ConfigMapArgs.configMapGenerator.GeneratorArgs.name of type string")
        #expect(errorText { _ = try GeneratorArgs(kustomizationEntry: entry("literals: a=1"), isSecret: false) }
                == "invalid Kustomization: json: cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.GeneratorArgs.KvPairSources.literals of type []string")
        #expect(errorText { _ = try GeneratorArgs(kustomizationEntry: entry("type: x"), isSecret: false) }
                == "invalid Kustomization: json: unknown field \"type\"")
        #expect(errorText { _ = try GeneratorArgs(kustomizationEntry: entry("options: {labels: {a: 1}}"), isSecret: false) }
                == "invalid Kustomization: json: cannot unmarshal number into Go struct field GeneratorOptions.configMapGenerator.GeneratorArgs.options.labels of type string")
    }

    /// Plugin form: metadata fallbacks, unknown fields ignored, singular `env` ignored.
    @Test func pluginConfig() throws {
        let args = try GeneratorArgs(pluginConfig: entry("""
            apiVersion: builtin
            kind: ConfigMapGenerator
            metadata: {name: meta, namespace: mns}
            env: ignored.env
            whatever: 1
            options: {labels: {x: y}}
            """), isSecret: false)
        #expect(args.name == "meta" && args.namespace == "mns")
        #expect(args.envs.isEmpty)
        #expect(args.options?.labels == ["x": "y"])
    }
}
