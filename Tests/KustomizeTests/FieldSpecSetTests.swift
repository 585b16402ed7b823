import Testing
@testable import Kustomize
import YAML

@Suite struct FieldSpecSetTests {
    @Test func matchingKeepsListOrder() {
        let specs = [
            FieldSpec(gvk: GVK(kind: "Deployment"), pathString: "a"),
            FieldSpec(pathString: "b"),
            FieldSpec(gvk: GVK(group: "apps", kind: "Deployment"), pathString: "c"),
            FieldSpec(gvk: GVK(kind: "Service"), pathString: "d"),
        ]
        let set = FieldSpecSet(specs)
        #expect(set.matching(GVK(group: "apps", version: "v1", kind: "Deployment")).map(\.pathString) == ["a", "b", "c"])
        #expect(set.matching(GVK(group: "extensions", version: "v1beta1", kind: "Deployment")).map(\.pathString) == ["a", "b"])
    }

    @Test func sequenceHintsNeverCreate() throws {
        var node = try #require(try Parser.parseFirst("spec: {}"))
        let spec = FieldSpec(pathString: "spec/volumeClaimTemplates[]/metadata/labels", create: true)
        #expect(spec.sequenceHints == [1])
        try FieldSpecWalker.apply(spec, to: &node, create: .mapping) { (_: inout Node) throws(FieldSpecError) in }
        #expect(node[["spec", "volumeClaimTemplates"]] == nil)
    }

    @Test func createsThroughNullsAndLists() throws {
        var node = try #require(try Parser.parseFirst("spec: {items: [{}, {metadata: null}]}\nmetadata: {labels: null}"))
        for path in ["spec/items/metadata/labels", "metadata/labels"] {
            try FieldSpecWalker.apply(FieldSpec(pathString: path, create: true), to: &node, create: .mapping) {
                (n: inout Node) throws(FieldSpecError) in try FieldSetter.entry(&n, "k", .string("v"))
            }
        }
        #expect(node[["metadata", "labels", "k"]]?.string == "v")
        #expect(node[["spec", "items"]]?.sequence?.compactMap { $0[["metadata", "labels", "k"]]?.string } == ["v", "v"])
    }

    /// The read-only walk visits what `apply` without `create` visits, in order,
    /// fails where it fails, and reports (false) exactly when `apply` would change
    /// the object by itself (a null at a list step becomes an empty list).
    @Test(arguments: [
        "spec/template/spec/containers[]/image", "spec/containers/image", "spec/template/spec/initContainers[]/image",
        "spec/x/y", "metadata/labels", "spec/template/spec/containers/env/value", "spec//a", "spec/n",
    ]) func readVisitsWhatApplyVisits(_ path: String) throws {
        let docs = [
            "spec: {template: {spec: {containers: [{image: a}, {image: null}, {name: x}], initContainers: null}}}",
            "spec: {containers: [{image: b}, null, {image: c}], x: {y: 1}, n: null}",
            "spec: {template: {spec: {containers: [{env: [{value: v}, {value: null}]}, {env: null}]}}}",
            "spec: {template: {spec: {containers: text}}, x: [1, 2]}",
            "metadata: {labels: {a: b}}\nspec: null",
            "spec: {template: {spec: {containers: null}}}",
        ]
        let spec = FieldSpec(pathString: path)
        for doc in docs {
            let node = try #require(try Parser.parseFirst(doc))
            var applied: [Node] = []
            var applyError: String?
            var changed = node
            do throws(FieldSpecError) {
                try FieldSpecWalker.apply(spec, to: &changed, create: nil) { (n: inout Node) throws(FieldSpecError) in
                    applied.append(n)
                }
            } catch {
                applyError = "\(error)"
            }
            var read: [Node] = []
            var readError: String?
            var pure = true
            do throws(FieldSpecError) {
                pure = try FieldSpecWalker.read(spec, in: node) { (n: Node) throws(FieldSpecError) in read.append(n) }
            } catch {
                readError = "\(error)"
            }
            #expect(readError == applyError, "\(path) on \(doc)")
            #expect(pure == (changed == node), "\(path) on \(doc)")
            if pure && readError == nil { #expect(read == applied, "\(path) on \(doc)") }
        }
    }

    @Test func pathThroughScalarIsAnError() throws {
        var node = try #require(try Parser.parseFirst("spec: text"))
        #expect(throws: FieldSpecError.self) {
            try FieldSpecWalker.apply(FieldSpec(pathString: "spec/x"), to: &node, create: nil) { (_: inout Node) throws(FieldSpecError) in }
        }
    }

    @Test func mergeUsesSelectorSemantics() throws {
        let existing = [FieldSpec(gvk: GVK(kind: "Service"), pathString: "spec/selector", create: true)]
        #expect(try FieldSpec.merging(existing, [FieldSpec(pathString: "spec/selector", create: true)]).count == 1)
        #expect(throws: FieldSpecMergeError.self) {
            try FieldSpec.merging(existing, [FieldSpec(pathString: "spec/selector", create: false)])
        }
    }

    @Test func builtinTablesAreComplete() {
        let c = TransformerConfig.builtin
        #expect(c.commonLabels.count == 32)
        #expect(c.templateLabels.count == 10)
        #expect(c.commonAnnotations.count == 9)
        #expect(c.images.count == 6)
        #expect(c.namespace.count == 3)
        #expect(c.replicas.map(\.gvk.kind) == ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"])
    }

    /// One walk over the tree of paths answers, for each path, what a walk of
    /// that path alone answers (equal paths share an answer; an empty path has none).
    @Test func pathTreeAgreesWithOneWalkPerPath() throws {
        let node = try #require(try Parser.parseFirst("""
            spec:
              template:
                spec:
                  containers: [{name: a, env: [{name: E, valueFrom: {configMapKeyRef: {name: cm}}}]}, {name: b}]
                  volumes: [{configMap: {name: v}}, {secret: {secretName: s}}, [nested]]
                  nothing: null
            """))
        let paths = [["spec", "template", "spec", "containers", "env", "valueFrom", "configMapKeyRef", "name"],
                     ["spec", "template", "spec", "volumes", "configMap", "name"],
                     ["spec", "template", "spec", "volumes", "secret", "secretName"],
                     ["spec", "template", "spec", "nothing"], ["spec", "template", "spec", "nothing", "deeper"],
                     ["spec", "missing", "name"], ["spec", "template", "spec", "containers", "name"],
                     ["spec", "template", "spec", "volumes", "configMap", "name"], []]
        for value in ["cm", "v", "s", "a", "b", "null", "nested", "zzz"] {
            let test = { (n: Node) -> Bool in
                if case .sequence(let items) = n { return items.contains { $0.string == value } }
                return n.string == value || (n.isNull && value == "null")
            }
            for subset in 1..<(1 << paths.count) {
                let chosen = paths.indices.filter { subset & (1 << $0) != 0 }.map { paths[$0] }
                let tree = PathTree(chosen)
                let visited = tree.visitedEnds(node, test)
                for (k, path) in chosen.enumerated() {
                    guard let end = tree.endOfPath[k] else {
                        #expect(path.isEmpty)
                        continue
                    }
                    #expect(visited[end] == FieldWalker.anyVisited(node, path: path[...], test), "\(value) \(path)")
                }
            }
        }
    }
}

/// The byte-level path reading against the straightforward one it replaced
/// (character by character, splitting twice).
@Suite struct FieldSpecPathTests {
    static func referenceSplit(_ s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for ch in s {
            if escaped {
                if ch != "/" { current.append("\\") }
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "/" {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        if parts.first == "" { parts.removeFirst() }
        return parts.map { $0.hasSuffix("[]") ? String($0.dropLast(2)) : $0 }
    }

    static func referenceHints(_ s: String) -> Set<Int> {
        var hints: Set<Int> = []
        var parts = s.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        var index = 0
        for part in parts {
            if part.hasSuffix("[]") { hints.insert(index) }
            if !part.hasSuffix("\\") { index += 1 }
        }
        return hints
    }

    @Test(arguments: [
        "", "/", "//", "a", "/a", "a/", "a//b", "spec/template/spec/containers[]/image", "[]", "[]/a", "a/[]",
        "metadata/annotations/a\\/b", "a\\/b/c[]", "a\\\\/b", "a\\", "\\", "\\/", "a\\x/b", "/a[]/b[]/c",
        "spec/volumeClaimTemplates[]/metadata/labels", "ünï/cödé[]", "a/b\\/c\\/d[]/e",
    ]) func sameAsCharacterReading(_ s: String) {
        #expect(FieldSpec.splitPath(s) == Self.referenceSplit(s))
        #expect(FieldSpec.sequenceHints(s) == Self.referenceHints(s))
    }
}

/// `FieldSpecCache.distinctGVKs` gives the GVKs of a list (as a set), whether its
/// kinds are few (the short list) or many (past 32 pairs, a set).
@Suite struct DistinctGVKTests {
    static func resource(_ apiVersion: String?, _ kind: String?) throws -> Resource {
        var text = "metadata: {name: a}\n"
        if let apiVersion { text += "apiVersion: \"\(apiVersion)\"\n" }
        if let kind { text += "kind: \"\(kind)\"\n" }
        return Resource(node: try #require(try Parser.parseFirst(text)), origin: "a.yaml")
    }

    @Test(arguments: [3, 40, 200])
    func sameAsEveryResourcesGVK(kinds: Int) throws {
        var resources: [Resource] = []
        let versions: [String?] = ["v1", "/v1", "apps/v1", "batch/v1", "example.com/v1alpha1", nil, ""]
        var generator = SystemRandomNumberGenerator()
        for i in 0..<600 {
            let kind: String? = i % 97 == 0 ? nil : "Kind\(Int.random(in: 0..<kinds, using: &generator))"
            resources.append(try Self.resource(versions.randomElement(using: &generator)!, kind))
        }
        for range in [0..<600, 0..<0, 17..<18, 100..<450] {
            let got = FieldSpecCache.distinctGVKs(resources, range)
            #expect(Set(got) == Set(range.map { resources[$0].gvk }), "\(range)")
        }
    }
}
