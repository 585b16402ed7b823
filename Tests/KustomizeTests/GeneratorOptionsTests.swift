import Testing
import YAML
@testable import Kustomize

@Suite struct GeneratorOptionsTests {
    @Test func localWinsAndGlobalTrueSticks() {
        var local = GeneratorOptions()
        local.labels = ["shared": "local", "l": "local"]
        local.immutable = false
        var global = GeneratorOptions()
        global.labels = ["shared": "global", "g": "global"]
        global.annotations = ["ga": "1"]
        global.immutable = true
        global.disableNameSuffixHash = true
        let merged = local.merging(global: global)
        #expect(merged.labels == ["shared": "local", "l": "local", "g": "global"])
        #expect(merged.annotations == ["ga": "1"])
        #expect(merged.immutable && merged.disableNameSuffixHash)
        #expect(local.merging(global: nil) == local)
    }

    @Test func decodingErrors() throws {
        let strict = GeneratorFieldDecoder(prefix: "invalid Kustomization: ", strict: true)
        let yes = try #require(try Parser.parseFirst("labels: {a: yes}"))
        #expect(errorText { _ = try GeneratorOptions(node: yes, owner: "Kustomization", field: "generatorOptions", decoder: strict) }
                == "invalid Kustomization: json: cannot unmarshal bool into Go struct field GeneratorOptions.generatorOptions.labels of type string")
        let unknown = try #require(try Parser.parseFirst("label: {a: b}"))
        #expect(errorText { _ = try GeneratorOptions(node: unknown, owner: "Kustomization", field: "generatorOptions", decoder: strict) }
                == "invalid Kustomization: json: unknown field \"label\"")
        let ok = try #require(try Parser.parseFirst("Immutable: on\nannotations: {a: '012'}"))
        let opts = try GeneratorOptions(node: ok, owner: "Kustomization", field: "generatorOptions", decoder: strict)
        #expect(opts.immutable && opts.annotations == ["a": "012"])
    }
}
