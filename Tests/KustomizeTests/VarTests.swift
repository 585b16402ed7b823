import Testing
import YAML
@testable import Kustomize

@Suite struct VarTests {
    func v(_ yaml: String) throws -> Var { try Var(try #require(try Parser.parseFirst(yaml))) }

    @Test func describesLikeGo() throws {
        let raw = try v("{name: DB, objref: {kind: Service, name: db, apiVersion: v1}}")
        #expect(raw.goDescription == "{DB Service.[noVer].[noGrp] {}}")
        #expect(raw.defaulted.goDescription == "{DB Service.v1.[noGrp] {metadata.name}}")
    }

    @Test func mergeTagsTheDesignatedResource() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            """)
        var set: [Var] = []
        let node = try #require(try Parser.parseFirst("[{name: DB, objref: {kind: Service, name: db, apiVersion: v1}}]"))
        try Var.merge(node.sequence ?? [], into: &set, resources: &map)
        #expect(map.resources[0].refVarNames == ["DB"])
        #expect(set.map(\.name) == ["DB"])
        #expect(throws: KustomizeError.self) { try Var.absorb(set, into: &set) }
    }

    @Test func objrefWithoutVersionMatchesNothing() throws {
        let map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            """)
        #expect(!(try v("{name: DB, objref: {kind: Service, name: db}}")).matches(map.resources[0]))
    }
}
