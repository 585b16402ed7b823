import Testing
@testable import Kustomize
import YAML

@Suite struct ImageTagTransformerTests {
    func rule(_ yaml: String) throws -> ImageRule {
        try ImageRule(try #require(try Parser.parseFirst(yaml)), strict: true)
    }

    @Test func split() {
        #expect(ImageRule.split("nginx") == ("nginx", "", ""))
        #expect(ImageRule.split("nginx:1.19@sha256:bb") == ("nginx", "1.19", "sha256:bb"))
        #expect(ImageRule.split("nginx@sha256:aa") == ("nginx", "", "sha256:aa"))
        #expect(ImageRule.split("localhost:5000/app:v1") == ("localhost:5000/app", "v1", ""))
        #expect(ImageRule.split("localhost:5000/app") == ("localhost:5000/app", "", ""))
    }

    @Test func rewrites() throws {
        let tag = try rule("{name: nginx, newTag: '2.0'}")
        #expect(tag.rewrite("nginx@sha256:aaaa") == "nginx:2.0")
        #expect(tag.rewrite("nginx:1.19@sha256:bbbb") == "nginx:2.0")
        #expect(tag.rewrite("docker.io/library/nginx:1.19") == nil)
        #expect(tag.rewrite("my-nginx:1") == nil)
        #expect(try rule("{name: d, digest: 'sha256:dd'}").rewrite("d:1.0") == "d@sha256:dd")
        #expect(try rule("{name: s, tagSuffix: -x}").rewrite("s:1@sha256:zz") == "s:1-x")
        #expect(try rule("{name: b, newName: q/b, newTag: '1', digest: 'sha256:c'}").rewrite("b") == "q/b:1@sha256:c")
    }

    @Test func nameIsARegex() throws {
        #expect(try rule("{name: nginx.alpine, newTag: x}").rewrite("nginxXalpine") == "nginxXalpine:x")
        #expect(try rule("{name: 'ng(inx|ing)', newTag: x}").rewrite("nginx:1") == "nginx:x")
        #expect(try rule("{name: 'nginx:1.19', newTag: x}").rewrite("nginx:1.20") == nil)
        #expect(try rule("{name: braces, newTag: x}").rewrite("braces:{{v}}") == "braces:x")
    }

    @Test func literalNamesMatchWholeScalars() throws {
        let dot = try rule("{name: n.x, newTag: t}")
        #expect(dot.rewrite("néx") == "néx:t")
        #expect(dot.rewrite("n🙂x:1") == "n🙂x:t")
        #expect(dot.rewrite("n\nx") == nil)
        #expect(dot.rewrite("nx") == nil)
        #expect(dot.rewrite("néèx") == nil)
        #expect(try rule("{name: ñ, newTag: t}").rewrite("ñ:1@sha256:ab") == "ñ:t")
        #expect(try rule("{name: ñ, newTag: t}").rewrite("ña") == nil)
        #expect(try rule("{name: a, newTag: t}").rewrite("a@sha256") == nil)
        #expect(try rule("{name: a, newTag: t}").rewrite("a:1:2") == nil)
    }

    /// The index files entries by where their name can end in a value; it must
    /// find the entry a scan of every entry finds.
    @Test func ruleIndexFindsWhatAFullScanFinds() throws {
        let names = ["nginx", "ngi.x", "nginx:1.19", "localhost:5000/nginx", "local.ost:5000/ng.nx", "a", "n.x", "ng.nx",
                     "ng(inx|înx)", "nginx.", "", "x/nginx", "ñ", "nginx"]
        let rules = try names.map { try ImageRule(try #require(try Parser.parseFirst("{name: '\($0)', newTag: t}")), strict: true) }
        let index = ImageRuleIndex(rules)
        let values = ["nginx", "nginx:1.19", "nginx@sha256:aa", "nginx:1@sha256:bb", "ngînx:2", "nginX", "ñ:1",
                      "localhost:5000/nginx:v1", "localhost:5000/nginx", "a:1:2", "a@sha256", "x/nginx", "néx", "n🙂x:1"]
        for value in values {
            for after in -1..<rules.count {
                let brute = rules.indices.first { $0 > after && rules[$0].matcher.matches(value) }
                #expect(index.firstMatch(after: after, [value]) == brute, "\(value) after \(after)")
            }
        }
        // With several values, the earliest entry any of them matches.
        #expect(index.firstMatch(after: -1, ["zzz", "x/nginx"]) == 11)
        #expect(index.firstMatch(after: 0, ["a:1", "nginx"]) == 1)
    }

    /// Entries apply in order, each to what the earlier ones left: a renamed
    /// image meets only the entries after the rename. Enough resources to be
    /// transformed on several cores.
    @Test func entriesChainInOrder() throws {
        let entries = ["{name: a, newName: b}", "{name: b, newTag: '2'}", "{name: c, newName: a}"]
        let t = ImageTagTransformer(images: try entries.map { try #require(try Parser.parseFirst($0)) },
                                    fieldSpecs: TransformerConfig.builtin.images)
        let images = ["a:1", "b:0", "c:1", "d:9"]
        var map = ResourceMap()
        for i in 0..<40 {
            let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d\(i)}\n"
                + "spec: {template: {spec: {containers: [{name: x, image: '\(images[i % 4])'}]}}}\n"
            try map.append(Resource(node: try #require(try Parser.parseFirst(yaml))))
        }
        try t.transform(&map, context: BuildContext(loader: Loader(directory: "/", restriction: nil),
                                                    config: .builtin, warnings: Warnings(),
                                                    openAPI: OpenAPISelection()))
        let got = map.resources.map { $0.node[["spec", "template", "spec", "containers"]]?.sequence?.first?["image"]?.string }
        #expect(got == (0..<40).map { ["b:2", "b:2", "a:1", "d:9"][$0 % 4] })
    }

    /// Several entries in one transformer give what one transformer per entry
    /// gives (kustomize runs one per entry): both passes each time, so a
    /// `tagSuffix` on a `containers` image the field specs also name is added
    /// twice per entry; nested and init containers are found where they are.
    @Test func oneTransformerForAllEntriesEqualsOnePerEntry() throws {
        let entries = try ["{name: z, newTag: '0'}", "{name: a, tagSuffix: -x}", "{name: b, newName: a}",
                           "{name: a, tagSuffix: -y}", "{name: c, digest: 'sha256:00'}"]
            .map { try #require(try Parser.parseFirst($0)) }
        let specs = TransformerConfig.builtin.images
        func build() throws -> ResourceMap {
            var map = ResourceMap()
            for i in 0..<40 {
                let yaml = """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: d\(i)}
                    spec:
                      template:
                        spec:
                          initContainers: [{name: i, image: 'b:\(i)'}]
                          containers:
                          - {name: x, image: '\(["a:1", "b", "c:2", "d"][i % 4])'}
                          - {name: y, image: 'c', sidecars: {containers: [{name: n, image: 'a:3'}]}}
                    """
                try map.append(Resource(node: try #require(try Parser.parseFirst(yaml))))
            }
            return map
        }
        let context = BuildContext(loader: Loader(directory: "/", restriction: nil), config: .builtin,
                                   warnings: Warnings(), openAPI: OpenAPISelection())
        var together = try build()
        try ImageTagTransformer(images: entries, fieldSpecs: specs).transform(&together, context: context)
        var oneByOne = try build()
        for e in entries { try ImageTagTransformer(image: e, fieldSpecs: specs).transform(&oneByOne, context: context) }
        #expect(together.resources.map(\.node) == oneByOne.resources.map(\.node))
        #expect(together.resources[0].node[["spec", "template", "spec", "containers"]]?.sequence?.first?["image"]?.string
            == "a:1-x-x-y-y")
    }

    /// Later entries are decoded together (on all cores for many); the first bad
    /// one in entry order is the one reported.
    @Test func firstBadEntryInOrderIsReported() throws {
        var entries = try (0..<100).map { try #require(try Parser.parseFirst("{name: img\($0), newTag: '1'}")) }
        entries[70] = try #require(try Parser.parseFirst("{name: late, digest: 1}"))
        entries[30] = try #require(try Parser.parseFirst("{name: early, tag: '1'}"))
        let t = ImageTagTransformer(images: entries, fieldSpecs: TransformerConfig.builtin.images)
        let message = try #require(try TransformerHarness.error(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}"))
        #expect(message == "invalid Kustomization: json: unknown field \"tag\"")
    }

    @Test func unknownFieldIsAnError() throws {
        do {
            _ = try rule("{name: nginx, tag: '1'}")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "invalid Kustomization: json: unknown field \"tag\"")
        }
    }

    @Test func bothPassesAndCRDsSkipped() throws {
        let t = ImageTagTransformer(image: try #require(try Parser.parseFirst("{name: ni, tagSuffix: -d}")),
                                    fieldSpecs: TransformerConfig.builtin.images)
        let m = try TransformerHarness.run(t, """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: c, image: "ni:1"}]
              volumes: [{name: v, image: {reference: "ni:1"}}]
            ---
            apiVersion: example.com/v1
            kind: Workflow
            metadata: {name: w}
            spec: {deep: {containers: [{image: ni}]}, sidecars: [{image: ni}]}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: c}
            spec: {containers: [{image: ni}]}
            """)
        #expect(m.resources[0].node[["spec", "containers"]]?.sequence?.first?["image"]?.string == "ni:1-d-d")
        #expect(m.resources[0].node[["spec", "volumes"]]?.sequence?.first?[["image", "reference"]]?.string == "ni:1-d")
        #expect(m.resources[1].node[["spec", "deep", "containers"]]?.sequence?.first?["image"]?.string == "ni:-d")
        #expect(m.resources[1].node[["spec", "sidecars"]]?.sequence?.first?["image"]?.string == "ni")
        #expect(m.resources[2].node[["spec", "containers"]]?.sequence?.first?["image"]?.string == "ni")
    }
}
