import Testing
@testable import Kustomize
import YAML

@Suite struct StrategicMergeTests {
    func merge(_ target: String, _ patch: String) throws -> Node? {
        let t = try #require(try Parser.parseFirst(target))
        let p = try #require(try Parser.parseFirst(patch))
        return try StrategicMerge().apply(p, to: t)
    }

    func yaml(_ n: Node?) throws -> String {
        try Emitter.emit(try #require(n))
    }

    @Test func containersMergeByNamePatchFirst() throws {
        let out = try merge("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {containers: [{name: side, image: s}, {name: main, image: m, args: [a]}]}}}
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {containers: [{name: main, image: m2}]}}}
            """)
        let containers = try #require(out?[["spec", "template", "spec", "containers"]]?.sequence)
        #expect(containers.map { $0["name"]?.string } == ["main", "side"])
        #expect(containers[0]["image"]?.string == "m2")
        #expect(containers[0]["args"]?.sequence?.count == 1)
    }

    @Test func listsWithoutSchemaAreReplaced() throws {
        let out = try merge("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {items: [{name: a}, {name: b}], map: {k1: v1}}
            """, """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {items: [{name: b}], map: {k2: v2}}
            """)
        #expect(out?[["spec", "items"]]?.sequence?.count == 1)
        #expect(out?[["spec", "map", "k1"]]?.string == "v1")
        #expect(out?[["spec", "map", "k2"]]?.string == "v2")
    }

    @Test func scalarListsMergeByValue() throws {
        let out = try merge("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [a, a, b]}
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [c, b]}
            """)
        #expect(out?[["metadata", "finalizers"]]?.sequence?.map(\.string) == ["c", "b", "a"])
    }

    @Test func nullDeletesAndEmptyFieldsDrop() throws {
        let out = try merge("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {a: "1", b: "2"}}
            data: {empty: , kept: null}
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {b: null}}
            """)
        #expect(out?[["metadata", "labels"]]?.mapping?.keys == ["a"])
        #expect(out?[["data", "empty"]] == nil)
        #expect(out?[["data", "kept"]]?.isNull == true)
    }

    @Test func directives() throws {
        let deleted = try merge("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n$patch: delete\n")
        #expect(deleted == nil)
        let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n"
        let replacedTop = try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n$patch: replace\ndata: {b: '2'}\n")
        #expect(try yaml(replacedTop) == yaml(try Parser.parseFirst(target)))
        let replacedMap = try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: replace, b: '2'}\n")
        #expect(replacedMap?["data"]?.mapping?.keys == ["b"])
        #expect(throws: KustomizeError.self) {
            _ = try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: bogus}\n")
        }
    }

    @Test func multiKeyPortsAndDroppedElement() throws {
        let out = try merge("""
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 80, protocol: TCP, targetPort: 8080}, {port: 53, protocol: UDP}]}
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 80, targetPort: 9090}, {port: 53, protocol: TCP}]}
            """)
        let ports = try #require(out?[["spec", "ports"]]?.sequence)
        #expect(ports.map { $0["port"]?.string } == ["53", "80", "53"])
        #expect(ports[1]["targetPort"]?.string == "8080")
    }

    @Test func typeMismatchIsAnError() throws {
        #expect(throws: KustomizeError.self) {
            _ = try merge("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n",
                          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [x]\n")
        }
    }
}
