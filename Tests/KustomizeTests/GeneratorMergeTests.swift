import Testing
import YAML
@testable import Kustomize

@Suite struct GeneratorMergeTests {
    func generated(_ name: String, _ literals: [String], behavior: GenerationBehavior = .unspecified,
                   hash: Bool = true, namespace: String = "") throws -> Resource {
        var args = GeneratorArgs()
        args.name = name
        args.namespace = namespace
        args.literals = literals
        args.behavior = behavior
        var options = GeneratorOptions()
        options.disableNameSuffixHash = !hash
        args.options = options
        return try ConfigMapSecretGenerator.make(args, isSecret: false, globalOptions: nil,
                                                 loader: Loader(directory: "/", restriction: nil))
    }

    @Test func mergeKeepsPlaceNameAndBookkeeping() throws {
        var map = ResourceMap()
        var base = try generated("app", ["a=1", "b=2"])
        base.rename("p-app")
        try map.append(base)
        try map.append(try generated("other", ["z=1"]))
        try GeneratorMerge.add(try generated("app", ["b=20", "c=3"], behavior: .merge), to: &map)
        #expect(map.count == 2)
        let merged = map.resources[0]
        #expect(merged.name == "p-app")
        #expect(merged.previousIds == base.previousIds)
        #expect(merged.node["data"]?.mapping?.keys.sorted() == ["a", "b", "c"])
        #expect(merged.node[["data", "b"]] == .string("20"))
        #expect(merged.needsHashSuffix)
    }

    /// A batch adds what `add` adds one at a time: merges of a stretch together,
    /// a second change of one resource, appends and merges into appended ones in
    /// their turn; the same error when an entry cannot be placed.
    @Test func batchEqualsOneAtATime() throws {
        func start() throws -> ResourceMap {
            var map = ResourceMap()
            for i in 0..<30 { try map.append(try generated("cm\(i)", ["a=\(i)"])) }
            var renamed = try generated("old", ["o=1"])
            renamed.rename("p-old")
            try map.append(renamed)
            return map
        }
        var incoming: [Resource] = []
        for i in 0..<30 { incoming.append(try generated("cm\(i)", ["b=\(i)"], behavior: i % 3 == 0 ? .replace : .merge)) }
        incoming.append(try generated("cm4", ["c=again"], behavior: .merge))
        incoming.append(try generated("fresh", ["f=1"]))
        incoming.append(try generated("fresh", ["g=2"], behavior: .merge))
        incoming.append(try generated("old", ["o=2"], behavior: .merge))
        for i in 5..<25 { incoming.append(try generated("cm\(i)", ["d=\(i)"], behavior: .merge)) }
        var oneByOne = try start()
        var index = GeneratorMerge.Index()
        for r in incoming { try GeneratorMerge.add(r, to: &oneByOne, index: &index) }
        var batched = try start()
        var batchIndex = GeneratorMerge.Index()
        var batch = GeneratorMerge.Batch()
        for r in incoming { try batch.add(r, to: &batched, index: &batchIndex) }
        batch.flush(&batched)
        #expect(batched.resources.map(\.node) == oneByOne.resources.map(\.node))
        #expect(batched.resources.map(\.id) == oneByOne.resources.map(\.id))
        #expect(batched.resources[4].node[["data", "c"]] == .string("again"))

        incoming.insert(try generated("missing", ["m=1"], behavior: .merge), at: 12)
        var sequentialError: String?
        do {
            var m = try start()
            var ix = GeneratorMerge.Index()
            for r in incoming { try GeneratorMerge.add(r, to: &m, index: &ix) }
        } catch { sequentialError = "\(error)" }
        var batchError: String?
        do {
            var m = try start()
            var ix = GeneratorMerge.Index()
            var b = GeneratorMerge.Batch()
            for r in incoming { try b.add(r, to: &m, index: &ix) }
            b.flush(&m)
        } catch { batchError = "\(error)" }
        #expect(batchError != nil && batchError == sequentialError)
    }

    @Test func hashFlagNeedsBoth() throws {
        for (old, new) in [(true, false), (false, true)] {
            var map = ResourceMap()
            try map.append(try generated("app", ["a=1"], hash: old))
            try GeneratorMerge.add(try generated("app", ["b=1"], behavior: .replace, hash: new), to: &map)
            #expect(!map.resources[0].needsHashSuffix)
            #expect(map.resources[0].node["data"]?.mapping?.keys == ["b"])
        }
    }

    /// An empty namespace matches `default`; another namespace does not match.
    @Test func namespaceMatching() throws {
        var map = ResourceMap()
        try map.append(try generated("app", ["a=1"], namespace: "default"))
        try GeneratorMerge.add(try generated("app", ["b=1"], behavior: .merge), to: &map)
        #expect(map.count == 1 && map.resources[0].namespace == "default")
        let missing = errorText { try GeneratorMerge.add(try generated("app", ["b=1"], behavior: .merge, namespace: "x"), to: &map) }
        #expect(missing?.hasPrefix("merging from generator &{0x") == true)
        #expect(missing?.hasSuffix(#"}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"app", Namespace:"x"} does not exist; cannot merge or replace"#) == true)
    }

    /// One index across many adds stays in step with the map (merges, renames, creates).
    @Test func sharedIndex() throws {
        var map = ResourceMap()
        var renamed = try generated("base", ["a=1"])
        renamed.rename("p-base")
        try map.append(renamed)
        var index = GeneratorMerge.Index()
        for i in 0..<50 { try GeneratorMerge.add(try generated("cm\(i)", ["k=\(i)"]), to: &map, index: &index) }
        try GeneratorMerge.add(try generated("base", ["b=2"], behavior: .merge), to: &map, index: &index)
        try GeneratorMerge.add(try generated("p-base", ["c=3"], behavior: .merge), to: &map, index: &index)
        try GeneratorMerge.add(try generated("cm7", ["only=1"], behavior: .replace), to: &map, index: &index)
        #expect(map.count == 51)
        #expect(map.resources[0].name == "p-base")
        #expect(map.resources[0].node["data"]?.mapping?.keys.sorted() == ["a", "b", "c"])
        #expect(map.resources[8].node["data"]?.mapping?.keys == ["only"])
        #expect(errorText { try GeneratorMerge.add(try generated("cm3", ["x=1"]), to: &map, index: &index) }?
            .contains("exists; can not use behavior: 'unspecified'") == true)
    }

    @Test func createOverExisting() throws {
        var map = ResourceMap()
        try map.append(try generated("app", ["a=1"]))
        let text = errorText { try GeneratorMerge.add(try generated("app", ["a=1"]), to: &map) }
        #expect(text?.hasSuffix(#"Name:"app", Namespace:""} exists; can not use behavior: 'unspecified', behavior must be merge or replace"#) == true)
    }

    /// The index files one kind at a time: a resource of another kind with the
    /// same name is no match, and a secret looked up after a config map is found.
    @Test func indexFilesKindsOnDemand() throws {
        var map = ResourceMap()
        try map.append(Resource(node: try #require(try Parser.parseFirst("""
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: app}}
            """))))
        try map.append(try generated("app", ["a=1"]))
        var secret = try generated("app", ["s=1"])
        secret.node["kind"] = .string("Secret")
        try map.append(secret)
        var index = GeneratorMerge.Index()
        try GeneratorMerge.add(try generated("app", ["b=2"], behavior: .merge), to: &map, index: &index)
        #expect(index.kinds == ["ConfigMap"])
        var newSecret = try generated("app", ["t=2"], behavior: .merge)
        newSecret.node["kind"] = .string("Secret")
        try GeneratorMerge.add(newSecret, to: &map, index: &index)
        #expect(index.kinds == ["ConfigMap", "Secret"])
        #expect(map.count == 3)
        #expect(map.resources[1].node["data"]?.mapping?.keys.sorted() == ["a", "b"])
        #expect(map.resources[2].node["data"]?.mapping?.keys.sorted() == ["s", "t"])
    }
}
