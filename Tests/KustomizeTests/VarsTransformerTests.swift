import Testing
import YAML
@testable import Kustomize

@Suite struct VarsTransformerTests {
    let values: [String: VarValue] = ["S": .string("db"), "P": .int(5432), "B": .bool(true)]

    func expand(_ s: String) -> Node {
        var used = Set<String>()
        return VarExpansion.expand(s, values: values, used: &used)
    }

    @Test func wholeReferenceKeepsType() {
        #expect(expand("$(P)").scalar?.resolved == .int("5432"))
        #expect(expand("$(B)").scalar?.resolved == .bool(true))
        #expect(expand("$(S)").scalar?.resolved == .string("db"))
    }

    @Test func embeddedReferencesAreText() {
        #expect(expand("$(S):$(P)").string == "db:5432")
        #expect(expand("$$(S)").string == "$(S)")
        #expect(expand("$(NOPE)-$(S").string == "$(NOPE)-$(S")
        #expect(expand("a$").string == "a$")
        #expect(expand("$x").string == "$x")
    }

    @Test func countsUsedVars() {
        var used = Set<String>()
        _ = VarExpansion.expand("$(S) $(NOPE)", values: values, used: &used)
        #expect(used == ["S"])
    }

    @Test func substitutesOnlyInVarReferenceFields() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                args: ["$(V)"]
                workingDir: $(V)
            """)
        let v = try Var(try #require(try Parser.parseFirst("{name: V, objref: {kind: Pod, name: p, apiVersion: v1}}")))
        map.resources[0].refVarNames = ["V"]
        try VarsTransformer(vars: [v.defaulted]).transform(&map, context: RefsTestSupport.context)
        let c = map.resources[0].node[["spec", "containers"]]?.sequence?.first
        #expect(c?["args"]?.sequence?.first?.string == "p")
        #expect(c?["workingDir"]?.string == "$(V)")
    }

    @Test func sliceIndexSyntax() {
        #expect(VarsTransformer.sliceIndex("ports[0]") == ["ports", "0"])
        #expect(VarsTransformer.sliceIndex("[1]") == ["1"])
        #expect(VarsTransformer.sliceIndex("a[x]") == ["a[x]"])
    }
}
