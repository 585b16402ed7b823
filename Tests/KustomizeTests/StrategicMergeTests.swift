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

/// The shortcuts of `StrategicMerge` (untouched target subtrees, clean merging
/// lists) against the literal port.
@Suite struct StrategicMergeFastPathTests {
    static let target = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, labels: {a: b, n: null, e: }, annotations: {x: ~}}
        spec:
          replicas: 2
          template:
            metadata: {labels: {a: b}}
            spec:
              volumes: [{name: v1, emptyDir: {}}, {name: v2, configMap: {name: c, items: null}}]
              containers:
              - name: main
                image: m
                env: [{name: A, value: "1"}, {name: B, value: null}, {name: A, value: "2"}, {name: C}]
                ports: [{containerPort: 80, protocol: TCP}, {containerPort: 81}, {containerPort: 80, protocol: TCP, name: dup}]
                volumeMounts: [{mountPath: /a, name: v1}, {mountPath: /b, name: v2, readOnly: ~}]
                resources: {limits: {cpu: 1, memory: }}
              - name: side
                image: s
                env: [{name: X, value: x}, {name: Y, valueFrom: {fieldRef: {fieldPath: a}}}, {value: noname}]
                args: [a, null, b]
              - {}
              - null
              initContainers: [{name: i, image: i, env: [{name: "", value: e}]}]
              tolerations: [{key: k, operator: Exists}]
        """

    static let patches = [
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 3}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, image: m2}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: side, env: [{name: Z, value: z}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {n: x}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: [{name: A, $patch: delete}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {volumes: [{name: v3, emptyDir: {}}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {$patch: replace, spec: {containers: [{name: only}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: new, image: n}]}}}",
        "$patch: replace\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, ports: [{containerPort: 80, protocol: UDP}]}]}}}",
        // Keyed merges with several elements on both sides, deletes and new elements among them.
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: [{name: N1, value: a}, {name: B, value: b2}, {name: N2, value: c}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: [{name: A, $patch: delete}, {name: Q, $patch: delete}, {name: N, value: n}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: side, image: s2, env: [{name: Y, value: y}]}, {name: new, image: n}, {name: main, image: m3}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: []}, {name: side, env: [{name: X, value: null}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: [{name: A, $patch: replace, value: r}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {volumes: [{name: v2, configMap: {name: c2}}, {name: v1, $patch: delete}, {name: v4, secret: {secretName: s}}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, env: [{name: B, value: null}, {name: B2, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: main, $patch: delete}, {name: side, env: [{name: X, $patch: delete}, {name: Y, $patch: delete}]}]}}}",
        // New fields among existing ones (appended in sorted order), a field cleared by null.
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, zeta: 1, annotations: {y: 2, b: 1, x: 3}, alpha: {x: 1}, labels: {a: null, m: ~}}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {volumes: null, zz: {a: 1}, aa: [1]}}, replicas: null}",
        // Several failing fields: the first in sorted order is reported, not the first in the target.
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: [x], annotations: [y]}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {tolerations: {a: 1}, containers: {b: 2}}}, replicas: [3]}",
    ]

    static let cleanTarget = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, labels: {a: b}, b: 1, a: 2}
        spec:
          template:
            spec:
              containers:
              - name: main
                env: [{name: A, value: "1"}, {name: B, value: "2"}]
                ports: [{containerPort: 80, protocol: TCP}, {containerPort: 81, protocol: TCP}]
              - name: side
                env: [{name: X, value: x, e: }]
        """

    func both(_ target: String, _ patch: String) throws -> (String, String) {
        let t = try #require(try Parser.parseFirst(target))
        let p = try #require(try Parser.parseFirst(patch))
        var slow = StrategicMerge()
        slow.fastPaths = false
        func run(_ m: StrategicMerge) -> String {
            do {
                guard let n = try m.apply(p, to: t) else { return "<deleted>" }
                return try Emitter.emit(n)
            } catch {
                return "error: \(error)"
            }
        }
        return (run(StrategicMerge()), run(slow))
    }

    @Test(arguments: patches) func sameAsLiteralWalk(_ patch: String) throws {
        for target in [Self.target, Self.cleanTarget] {
            let (fast, slow) = try both(target, patch)
            #expect(fast == slow)
        }
    }

    /// A second patch on an object the first one returned skips the subtrees
    /// that still share storage with that result. For every pair of patches, with
    /// other changes in between (as transformers make them), the result equals
    /// the literal walk's, and every skipped subtree is checked to walk to itself.
    @Test(arguments: patches) func secondMergeSkipsUnchangedSubtrees(_ first: String) throws {
        var fast = StrategicMerge()
        fast.verifyUnchanged = true
        var slow = StrategicMerge()
        slow.fastPaths = false
        let p1 = try #require(try Parser.parseFirst(first))
        for target in [Self.target, Self.cleanTarget] {
            let t = try #require(try Parser.parseFirst(target))
            for second in Self.patches {
                let p2 = try #require(try Parser.parseFirst(second))
                for touch in [false, true] {
                    func run(_ m: StrategicMerge, snapshot: Bool) -> String {
                        do {
                            guard let (merged, walked) = try m.merge(p1, into: t) else { return "<deleted>" }
                            var once = merged
                            let previous = walked ? once : nil
                            if touch {  // a label transformer and a JSON patch in between
                                once.set(["metadata", "labels", "t"], .string("1"))
                                once.set(["spec", "template", "spec", "x"], .null)
                            }
                            guard let twice = try m.apply(p2, to: once, previous: snapshot ? previous : nil) else {
                                return "<deleted>"
                            }
                            return try Emitter.emit(twice)
                        } catch {
                            return "error: \(error)"
                        }
                    }
                    let got = run(fast, snapshot: true)
                    #expect(!got.contains("internal error"), "\(first) then \(second)")
                    #expect(got == run(slow, snapshot: false), "\(first) then \(second)")
                }
            }
        }
    }

    @Test func duplicateKeysAndErrors() throws {
        let dup = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 1, b: , a: }\n"
        let (fast, slow) = try both(dup, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
        #expect(fast == slow)
        let bad = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {containers: [{name: a}, [x]], volumes: [{name: v}, 3]}}}
            """
        let (f2, s2) = try both(bad, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}")
        #expect(f2 == s2)
    }
}
