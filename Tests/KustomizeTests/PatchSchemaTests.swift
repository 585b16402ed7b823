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

/// The compiled schema text read the straightforward way, to check the byte-level reader.
@Suite struct PatchSchemaCompiledReaderTests {
    @Test func byteReaderMatchesLineSplitting() {
        let fast = PatchSchema.builtin
        var nodes: [PatchSchema.SchemaNode] = []
        var byType: [String: PatchSchema.Ref] = [:]
        var definitions: [String: PatchSchema.Ref] = [:]
        var inTypes = false
        for line in "\(PatchSchemaData.text)".split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "%%" { inTypes = true; continue }
            if inTypes {
                guard let space = line.lastIndex(of: " "), let ref = PatchSchema.Ref(line[line.index(after: space)...]) else { continue }
                byType[String(line[..<space])] = ref
                continue
            }
            let cols = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cols.count == 6 else { continue }
            var n = PatchSchema.SchemaNode()
            for p in cols[1].split(separator: ",") {
                guard let colon = p.lastIndex(of: ":"), let ref = PatchSchema.Ref(p[p.index(after: colon)...]) else { continue }
                n.properties[String(p[..<colon])] = ref
            }
            n.additional = PatchSchema.Ref(cols[2]) ?? -1
            n.items = PatchSchema.Ref(cols[3]) ?? -1
            n.strategy = cols[4]
            n.keys = cols[5].split(separator: ",").map(String.init)
            if !cols[0].isEmpty { definitions[String(cols[0])] = PatchSchema.Ref(nodes.count) }
            nodes.append(n)
        }
        #expect(fast.byType == byType)
        #expect(fast.definitions == definitions)
        #expect(fast.nodes.count == nodes.count)
        for (i, (a, b)) in zip(fast.nodes, nodes).enumerated() {
            #expect(fast.properties(PatchSchema.Ref(i)) == b.properties && a.additional == b.additional && a.items == b.items
                    && a.strategy == b.strategy && a.keys == b.keys)
            // Every field is found by the binary search; names that are not fields fall to the map's value schema.
            let orElse = b.additional >= 0 ? b.additional : nil
            for (name, ref) in b.properties {
                #expect(fast.field(PatchSchema.Ref(i), name) == ref)
                #expect(fast.field(PatchSchema.Ref(i), name + "x") == b.properties[name + "x"] ?? orElse)
                #expect(fast.field(PatchSchema.Ref(i), String(name.dropLast())) == b.properties[String(name.dropLast())] ?? orElse)
            }
            for name in ["", "$", "zzzz", "a", "spec"] where b.properties[name] == nil {
                #expect(fast.field(PatchSchema.Ref(i), name) == orElse)
            }
        }
    }
}
