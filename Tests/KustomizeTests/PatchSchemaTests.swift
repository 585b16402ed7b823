import Foundation
import Testing
@testable import Kustomize
import YAML

@Suite struct PatchSchemaTests {
    let s = PatchSchema.builtin

    @Test func containersMergeByName() throws {
        let deploy = try #require(s.root(apiVersion: "apps/v1", kind: "Deployment"))
        let spec = try #require(s.field(deploy, "spec"))
        let template = try #require(s.field(spec, "template"))
        let pod = try #require(s.field(template, "spec"))
        let podSpec = try #require(s.field(pod, "containers"))
        #expect(s.isAssociative(podSpec))
        #expect(s.mergeKeys(podSpec) == ["name"])
        let container = try #require(s.elements(podSpec))
        let ports = try #require(s.field(container, "ports"))
        #expect(s.mergeKeys(ports) == ["containerPort", "protocol"])
        #expect(s.field(container, "args").map(s.isAssociative) == false)
    }

    @Test func unknownTypesHaveNoSchema() {
        #expect(s.root(apiVersion: "apps/v1beta2", kind: "Deployment") == nil)
        #expect(s.root(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler") == nil)
        #expect(s.root(apiVersion: "v1", kind: "ConfigMap") != nil)
    }

    @Test func volumesIgnoreRetainKeys() throws {
        let pod = try #require(s.root(apiVersion: "v1", kind: "Pod"))
        let spec = try #require(s.field(pod, "spec"))
        let volumes = try #require(s.field(spec, "volumes"))
        #expect(s.isAssociative(volumes))
    }

    @Test func customDocumentWithBuiltinBase() throws {
        let doc = try #require(try Parser.parseFirst("""
            {"definitions": {"x.Thing": {"type": "object",
              "properties": {"spec": {"$ref": "#/definitions/io.k8s.api.core.v1.PodSpec"}},
              "x-kubernetes-group-version-kind": [{"group": "x.io", "kind": "Thing", "version": "v1"}]}}}
            """))
        let alone = try PatchSchema(openAPIDocument: doc)
        let thing = try #require(alone.root(apiVersion: "x.io/v1", kind: "Thing"))
        #expect(alone.field(thing, "spec") == nil)
        #expect(alone.root(apiVersion: "apps/v1", kind: "Deployment") == nil)
        let merged = try PatchSchema(openAPIDocument: doc, base: .builtin)
        let thing2 = try #require(merged.root(apiVersion: "x.io/v1", kind: "Thing"))
        let spec = try #require(merged.field(thing2, "spec"))
        #expect(merged.field(spec, "containers").map(merged.isAssociative) == true)
    }
}

/// The generated tables against the reference they were generated from
/// (`shared/kustomize-reference/merge-keys.json`), read here the way kyaml reads
/// a schema: from every resource type, each definition's fields, list items, map
/// values, patch strategies and merge keys must be what the JSON says, and every
/// field must be found by the binary search (names that are not fields fall to
/// the map's value schema).
@Suite struct PatchSchemaTablesTests {
    static let reference: URL = {
        let shared = ProcessInfo.processInfo.environment["KUSTOS_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("kustomize-reference/merge-keys.json")
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: reference.path) }

    /// Walks the reference and the schema side by side.
    struct Oracle {
        let s = PatchSchema.builtin
        let definitions: Mapping
        var seen: Set<String> = []
        var checkedFields = 0

        /// A field type: a `#name` or `{ref}` names a definition, another string is a leaf.
        mutating func type(_ t: Node, _ ref: PatchSchema.Ref, at path: String) {
            if let name = t.string {
                if name.hasPrefix("#") { definition(String(name.dropFirst()), ref, at: path) }
                else { #expect(ref == 0, "\(path): a leaf") }
                return
            }
            if let r = t["ref"]?.string {
                definition(String(r.dropFirst()), ref, at: path)
                return
            }
            let strategy = t["x-kubernetes-patch-strategy"]?.string ?? ""
            let keys = strategy.isEmpty ? []
                : t["x-kubernetes-list-map-keys"]?.sequence?.compactMap(\.string)
                    ?? t["x-kubernetes-patch-merge-key"]?.string.map { [$0] } ?? []
            let kind = t["type"]?.string
            let items = kind == "array" ? t["items"] : nil
            let values = kind == "map" ? t["values"] : nil
            if strategy.isEmpty && items == nil && values == nil && kind != "array" {
                #expect(ref == 0, "\(path): an opaque leaf")
                return
            }
            let n = s.nodes[Int(ref)]
            #expect(String(n.strategy) == strategy, "\(path): strategy")
            #expect(n.keys == keys, "\(path): merge keys")
            #expect(s.isAssociative(ref) == strategy.split(separator: ",").contains("merge"), "\(path)")
            #expect(s.properties(ref).isEmpty, "\(path): no fields")
            if let items {
                if let e = s.elements(ref) { type(items, e, at: path + "[]") }
                else { Issue.record("\(path): no item schema") }
            } else {
                #expect(s.elements(ref) == nil, "\(path): no items")
            }
            if let values {
                if let v = s.field(ref, "any-key") { type(values, v, at: path + ".*") }
                else { Issue.record("\(path): no value schema") }
            } else {
                #expect(s.field(ref, "any-key") == nil, "\(path): no value schema")
            }
        }

        mutating func definition(_ name: String, _ ref: PatchSchema.Ref, at path: String) {
            #expect(s.definitions[name] == ref, "\(path): definition \(name)")
            guard seen.insert(name).inserted, let fields = definitions[name]?.mapping else { return }
            var want: [String: Node] = [:]
            for e in fields.entries {
                if (e.key.value == "$type" || e.key.value == "$map"), let t = e.value.string, !t.hasPrefix("#") { continue }
                want[e.key.value] = e.value
            }
            let got = s.properties(ref)
            #expect(Set(got.keys) == Set(want.keys), "\(name): field names")
            for (field, t) in want {
                guard let r = got[field] else { continue }
                #expect(s.field(ref, field) == r, "\(name).\(field): binary search")
                #expect(s.field(ref, field + "~") == nil && s.field(ref, String(field.dropLast())) == got[String(field.dropLast())],
                        "\(name).\(field): near misses")
                checkedFields += 1
                type(t, r, at: name + "." + field)
            }
        }
    }

    @Test(.enabled(if: available, "needs shared/kustomize-reference/merge-keys.json"))
    func tablesReadAsTheReference() throws {
        let json = try String(contentsOf: Self.reference, encoding: .utf8)
        let doc = try #require(try Parser.parseFirst(json))
        let definitions = try #require(doc["definitions"]?.mapping)
        let types = try #require(doc["gvkToDefinition"]?.mapping)
        var oracle = Oracle(definitions: definitions)
        #expect(oracle.s.byType.count == types.count)
        for e in types.entries {
            let gvk = e.key.value
            let slash = try #require(gvk.lastIndex(of: "/"))
            let root = oracle.s.root(apiVersion: String(gvk[..<slash]), kind: String(gvk[gvk.index(after: slash)...]))
            guard let root, let name = e.value.string else {
                Issue.record("\(gvk): no schema")
                continue
            }
            oracle.definition(name, root, at: gvk)
        }
        #expect(oracle.seen.count > 500)
        #expect(oracle.checkedFields > 2000)
        #expect(oracle.s.definitions.count == definitions.count)
    }
}
