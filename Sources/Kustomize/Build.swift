import Foundation
import YAML

/// The one place that orders the stages of a build:
/// load → generate → components → transform (fixed order) → at the top level:
/// hash suffixes → name references → vars → drop local config → sort → emit.
public struct Build: Sendable {
    public let warnings = Warnings()

    public init() {}

    /// Builds the kustomization in `directory` and returns kustomize's output text.
    public func run(_ directory: String) throws(KustomizeError) -> String {
        let map = try resources(directory)
        return try Output.yaml(map)
    }

    /// Builds the kustomization in `directory` into its final, sorted resource list.
    public func resources(_ directory: String) throws(KustomizeError) -> ResourceMap {
        let root = try Self.confirmDirectory(Paths.clean(directory.hasPrefix("/") ? directory
            : FileManager.default.currentDirectoryPath + "/" + directory))
        let loader = Loader(directory: root, restriction: root)
        let openAPI = OpenAPISelection()
        HeapPages.adviseMainHeap()  // before any other thread allocates
        // Only the pool's threads run beside this one: the built-in field specs and
        // patch schema are made from static tables at first use, and what is done
        // with is freed here. (A dispatch thread for them cost more than it saved:
        // a one-ConfigMap build 2.7 -> 2.2 ms without it, 2-4 ms less CPU at 10 and
        // 100 services; its frees contended for the main heap's lock.)
        _ = WorkerPool.shared  // its threads start while the tree is walked
        let prefetch = Prefetch.run(root: root)
        var target = try Target.load(loader: loader, warnings: warnings, openAPI: openAPI, prefetch: prefetch)
        try openAPI.apply(target.kustomization.openapi, loader: loader, reset: true)
        var state = AccumulatedState(config: TransformerConfig())
        let metadata = Set(target.kustomization.buildMetadata)
        state.recordOrigins = metadata.contains("originAnnotations")
        state.recordTransformations = metadata.contains("transformerAnnotations")
        var map = try target.accumulate(state: &state, visited: [])
        let sortOptions = target.kustomization.sortOptions
        // The kustomization tree and the prefetched paths are done with.
        _ = consume target
        _ = consume prefetch
        let context = BuildContext(loader: loader, config: state.config, warnings: warnings, openAPI: openAPI)
        try HashTransformer().transform(&map, context: context)
        try NameReferenceTransformer().transform(&map, context: context)
        try VarsTransformer(vars: state.vars).transform(&map, context: context)
        // Local-config objects are dropped; each is recognised alone (on all cores for a large map).
        let local = Parallel.map(map.resources, threshold: ResourceMap.parallelKeysThreshold) { r in
            r.annotation("config.kubernetes.io/local-config").map { $0 != "false" } ?? false
        }
        if local.contains(true) {
            map.resources = map.resources.indices.filter { !local[$0] }.map { map.resources[$0] }
        }
        try ResourceOrder(sortOptions: sortOptions).sort(&map)
        BuildMetadata.apply(metadata, root: root, to: &map)
        return map
    }

    static func confirmDirectory(_ path: String) throws(KustomizeError) -> String {
        let resolved: String
        do throws(KustomizeError) {
            resolved = try Paths.evalSymlinks(path)
        } catch {
            throw error.wrapped("must build at directory: not a valid directory: ")
        }
        guard Paths.isDirectory(resolved) else {
            throw .message("must build at directory: '\(path)': file is not directory")
        }
        return resolved
    }
}

/// What a build carries upward from bases to overlays besides resources.
struct AccumulatedState {
    var config: TransformerConfig
    /// Vars declared so far, names unique (see `Var.merge`).
    var vars: [Var] = []
    /// The top level asked for origin / transformation annotations.
    var recordOrigins = false
    var recordTransformations = false

    /// A fresh state for a base, inheriting what the top level asked to record.
    func forBase() -> AccumulatedState {
        var s = AccumulatedState(config: TransformerConfig())
        s.recordOrigins = recordOrigins
        s.recordTransformations = recordTransformations
        return s
    }
}

/// One kustomization directory being built.
struct Target {
    var kustomization: Kustomization
    var loader: Loader
    var warnings: Warnings
    let openAPI: OpenAPISelection
    /// Absolute path of the kustomization file.
    var path: String = ""
    /// Resource files parsed ahead of time, shared by every level of the build.
    var prefetch = Prefetch.empty
    /// After `accumulate`: the id keys of the resources, when this kustomization
    /// only gathered them (nothing generated, transformed or added after).
    var gatheredKeys: Set<ResId>? = nil

    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// The kustomization in `loader.directory`; the prefetch walk may have read it already.
    static func load(loader: Loader, warnings: Warnings, openAPI: OpenAPISelection,
                     prefetch: Prefetch) throws(KustomizeError) -> Target {
        let file = if let known = prefetch.kustomizations[loader.directory] { known }
            else { try readKustomization(in: loader.directory) }
        var k = file.kustomization
        for w in k.warnings { warnings.add(w) }
        try k.validateKind(directory: loader.directory)
        return Target(kustomization: k, loader: loader, warnings: warnings, openAPI: openAPI, path: file.path,
                      prefetch: prefetch)
    }

    /// Finds, reads and parses the one kustomization file of `dir`.
    /// `listing` (the directory's entries, when the caller has read them) saves a `stat` per name.
    static func readKustomization(in dir: String,
                                  listing: DirectoryListing? = nil) throws(KustomizeError) -> Prefetch.KustomizationFile {
        let found = fileNames.filter { listing?.exists($0) ?? Paths.exists(dir + "/" + $0) }
        if found.isEmpty {
            throw .message("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)'")
        }
        if found.count > 1 { throw .message("Found multiple kustomization files under: \(dir)") }
        let path = dir + "/" + found[0]
        let text = Paths.readText(path) ?? ""
        return Prefetch.KustomizationFile(path: path, kustomization: try Kustomization(text: text))
    }

    var context: BuildContext { BuildContext(loader: loader, config: .builtin, warnings: warnings, openAPI: openAPI) }

    /// Resources, generators, components and transformers of this kustomization.
    mutating func accumulate(state: inout AccumulatedState, visited: [String]) throws(KustomizeError) -> ResourceMap {
        var map = ResourceMap()
        try accumulate(into: &map, state: &state, visited: visited + [loader.directory])
        return map
    }

    mutating func accumulate(into map: inout ResourceMap, state: inout AccumulatedState,
                             visited: [String]) throws(KustomizeError) {
        let k = kustomization
        gatheredKeys = nil
        // The ids already present, for the duplicate check of `resources:` (a
        // component often has none, and its map can be the whole build). When
        // the entries are parsed files, only ids of their kinds can clash.
        let kinds = map.count < Self.kindFilterThreshold ? nil : incomingKinds(k.resources)
        var keys: Set<ResId> = k.resources.isEmpty ? [] : Set(kinds.map { map.idKeys(ofKinds: $0) } ?? map.idKeys())
        let prebuilt = prebuildBases(state: state, visited: visited)
        // Room for every prebuilt base's ids: the set grows without rehashing.
        keys.reserveCapacity(keys.count + prebuilt.values.reduce(0) { $0 + $1.keys.count })
        for (i, entry) in k.resources.enumerated() {
            try accumulateResource(entry, into: &map, keys: &keys, state: &state, visited: visited,
                                   prebuilt: prebuilt[i])
        }
        Self.release(consume prebuilt)
        // A kustomization that only gathers resources leaves them as they are: its
        // parent may take over their id keys instead of filing them again.
        if k.onlyGathersResources && kinds == nil { gatheredKeys = keys }
        // As kustomize: the bases' configurations (merged above), then the defaults
        // merged with this level's `configurations:`, then its `crds:`. Every merge
        // sorts, and the order decides which specs a later merge skips.
        var custom = TransformerConfig()
        for path in k.configurations {
            let text = try loader.readText(path)
            let node: Node?
            do throws(YAMLError) { node = try Parser.parseFirst(text) } catch { throw .message("\(error)") }
            guard let node else { continue }
            var file = try TransformerConfig(node: node)
            file.sortFields()
            try custom.merge(file)
        }
        var layer = TransformerConfig.builtin
        if !k.configurations.isEmpty { try layer.merge(custom) }
        try state.config.merge(layer)
        for path in k.crds {
            try state.config.merge(CRDConfig.load(try loader.readText(path), origin: path))
        }
        let ctx = BuildContext(loader: loader, config: state.config, warnings: warnings, openAPI: openAPI)

        // Generators.
        var generated = GeneratorMerge.Index()
        // Each entry's resource depends only on the entry and the files it reads:
        // all are made at once (on all cores when there are many), then merged
        // in order, each failing in its turn.
        let entries = k.configMapGenerator.map { ($0, false) } + k.secretGenerator.map { ($0, true) }
        let made = Parallel.map(entries, threshold: 16) { (args, isSecret) -> Result<[Resource], KustomizeError> in
            do throws(KustomizeError) {
                return .success(try ConfigMapSecretGenerator(args: args, isSecret: isSecret, options: k.generatorOptions)
                    .generate(context: ctx))
            } catch {
                return .failure(error)
            }
        }
        var batch = GeneratorMerge.Batch()
        for ((_, isSecret), resources) in zip(entries, made) {
            for var r in try resources.get() {
                if state.recordOrigins {
                    r.source = .plugin(configuredIn: path, kind: isSecret ? "SecretGenerator" : "ConfigMapGenerator",
                                       name: nil, namespace: nil)
                }
                try batch.add(r, to: &map, index: &generated)
            }
        }
        batch.flush(&map)
        for entry in k.generators {
            for (plugin, config) in try plugins(entry, state: &state, visited: visited) {
                guard let g = plugin as? Generator else {
                    throw .message("plugin \(entry) is not a generator")
                }
                for var r in try g.generate(context: ctx) {
                    if state.recordOrigins {
                        // Configured in the plugin's own file, or in this kustomization when inline.
                        let file = entry.contains("\n") ? path : loader.absolute(entry)
                        r.source = .plugin(configuredIn: file, kind: config["kind"]?.string ?? "",
                                           name: config[["metadata", "name"]]?.string,
                                           namespace: config[["metadata", "namespace"]]?.string)
                    }
                    try GeneratorMerge.add(r, to: &map, index: &generated)
                }
            }
        }

        // Components: each adds to the accumulated set, then transforms all of it.
        for entry in k.components {
            let dir = loader.absolute(entry)
            guard Paths.isDirectory(dir) else {
                if Paths.exists(dir) {
                    throw .message("accumulating components: loader.New \"must build at directory: '\(dir)': file is not directory\"")
                }
                throw .message("accumulating components: loader.New \"must build at directory: not a valid directory: evalsymlink failure on '\(dir)' : lstat \(dir): no such file or directory\"")
            }
            let resolved = try Paths.evalSymlinks(dir)
            var component = try Target.load(loader: loader.child(resolved), warnings: warnings, openAPI: openAPI,
                                            prefetch: prefetch)
            try openAPI.apply(component.kustomization.openapi, loader: component.loader, reset: false,
                              afterResources: !map.isEmpty)
            guard component.kustomization.isComponent else {
                throw .message("accumulating components: accumulateDirectory: \"expected kind 'Component' for path '\(resolved)' but got '\(component.kustomization.kind)'\"")
            }
            do throws(KustomizeError) {
                try component.accumulate(into: &map, state: &state, visited: visited + [resolved])
            } catch {
                // kustomize quotes the component's failure (Go `%q`) inside its own context.
                if error.isUnsupported { throw error }
                throw .message("accumulating components: accumulateDirectory: \(goQuote("recursed accumulation of path '\(resolved)': \(error)"))")
            }
        }

        try runTransformers(&map, state: &state, visited: visited)
        try Var.merge(k.vars, into: &state.vars, resources: &map)
    }

    /// Resources at least this many are filed by kind when a kustomization adds files to them.
    static let kindFilterThreshold = 512

    /// The kinds of the resources `entries` add, when every entry is a prefetched
    /// file of plain documents (no directory, no `List`); else nil.
    func incomingKinds(_ entries: [String]) -> Set<String>? {
        var kinds: Set<String> = []
        for entry in entries {
            guard let known = prefetch.path(loader.absolute(entry)), !known.isDirectory,
                  case .parsed(let nodes)? = prefetch.documents.peek(known.resolved) else { return nil }
            for node in nodes {
                guard let kind = node["kind"]?.string, !kind.hasSuffix("List") else { return nil }
                kinds.insert(kind)
            }
        }
        return kinds
    }

    /// Frees merged base builds on all cores: a thousand bases' maps and states
    /// freed one after the other took several milliseconds.
    static func release(_ builds: consuming [Int: BaseBuild]) {
        let count = builds.count
        let workers = Parallel.workers(for: count, threshold: 64)
        guard workers > 1 else { return }
        let slots = Slots<BaseBuild>(count: count)
        for (i, build) in builds.values.enumerated() { slots[i] = build }
        builds = [:]  // the slots hold the only references
        _ = Parallel.map(workers: workers) { w in
            for i in Parallel.chunk(w, of: workers, count: count) { slots[i] = nil }
        }
    }

    /// True when a base's key set can take over from `keys`, the keys already
    /// here: it is much larger, and holds none of them (else the base's resources
    /// are filed in turn, so that the first duplicate is the one reported).
    static func mayTakeOver(_ base: Set<ResId>, from keys: Set<ResId>) -> Bool {
        keys.count * 4 < base.count && keys.isDisjoint(with: base)
    }

    /// A base built on its own (or its failure), with the warnings it gave on the
    /// way, to be merged into its parent in turn.
    struct BaseBuild {
        var result: Result<(map: ResourceMap, state: AccumulatedState), KustomizeError>
        var warnings: Warnings
        /// The id keys of the built resources, in order, taken on the base's own
        /// core: merging the base in order then only inserts them.
        var keys: [ResId] = []
    }

    /// Builds the self-contained bases among `resources:` on all cores, before the
    /// entries are accumulated in order: a base's build reads files and changes
    /// nothing shared, so only merging it into this level must keep the order.
    /// Returns, per entry, its build or failure (nil: build it in turn).
    func prebuildBases(state: AccumulatedState, visited: [String]) -> [Int: BaseBuild] {
        var bases: [(index: Int, entry: String, abs: String, resolved: String)] = []
        for (i, entry) in kustomization.resources.enumerated() {
            let abs = loader.absolute(entry)
            guard let path = prefetch.path(abs), path.isDirectory else { continue }
            // A base that is not self-contained may set the build's OpenAPI schema
            // for the entries after it: those are built in turn.
            guard prefetch.selfContained.contains(path.resolved) else { break }
            bases.append((i, entry, abs, path.resolved))
        }
        // Work nested in a parallel region runs serially: a few (often unequal)
        // bases are better built in turn, each spreading its own many bases.
        guard bases.count >= 4 * Parallel.cores, Parallel.cores > 1 else { return [:] }
        let baseState = state.forBase()
        let builds = Parallel.map(bases, threshold: 2) { b -> BaseBuild in
            var target = self
            target.warnings = Warnings()
            do throws(KustomizeError) {
                let built = try target.buildBase(b.entry, abs: b.abs, resolved: b.resolved, state: baseState,
                                                 afterResources: true, visited: visited)
                return BaseBuild(result: .success((built.map, built.state)), warnings: target.warnings,
                                 keys: built.map.idKeys())
            } catch {
                return BaseBuild(result: .failure(error), warnings: target.warnings)
            }
        }
        var out: [Int: BaseBuild] = [:]
        for (b, build) in zip(bases, builds) { out[b.index] = build }
        return out
    }

    /// The base in directory `resolved` (the entry `entry`, at `abs`), built alone
    /// from `state` (a fresh state for a base).
    func buildBase(_ entry: String, abs: String, resolved: String, state: AccumulatedState, afterResources: Bool,
                   visited: [String]) throws(KustomizeError) -> (map: ResourceMap, state: AccumulatedState, keys: Set<ResId>?) {
        if let seen = visited.first(where: { Paths.isInOrBelow($0, resolved) }) {
            throw .message("accumulating resources: accumulation err='accumulating resources from '\(entry)': '\(abs)' must resolve to a file': cycle detected: candidate root '\(resolved)' contains visited root '\(seen)'")
        }
        var sub: Target
        do throws(KustomizeError) {
            sub = try Target.load(loader: loader.child(resolved), warnings: warnings, openAPI: openAPI,
                                  prefetch: prefetch)
            try openAPI.apply(sub.kustomization.openapi, loader: sub.loader, reset: false,
                              afterResources: afterResources)
        } catch {
            throw error.wrapped("accumulating resources: accumulation err='accumulating resources from '\(entry)': '\(abs)' must resolve to a file': couldn't make target for path '\(resolved)': ")
        }
        if sub.kustomization.isComponent {
            throw .message("accumulating resources: accumulation err='accumulating resources from '\(entry)': '\(abs)' must resolve to a file': expected kind != 'Component' for path '\(resolved)'")
        }
        var subState = state
        do throws(KustomizeError) {
            let subMap = try sub.accumulate(state: &subState, visited: visited)
            return (subMap, subState, sub.gatheredKeys)
        } catch {
            throw error.wrapped("accumulating resources: accumulation err='accumulating resources from '\(entry)': '\(abs)' must resolve to a file': recursed accumulation of path '\(resolved)': ")
        }
    }

    mutating func accumulateResource(_ entry: String, into map: inout ResourceMap, keys: inout Set<ResId>,
                                     state: inout AccumulatedState, visited: [String],
                                     prebuilt: BaseBuild? = nil) throws(KustomizeError) {
        if Paths.isURL(entry) || entry.hasPrefix("git@") || entry.hasPrefix("github.com/") {
            throw .unsupported("remote resource '\(entry)'")
        }
        let abs = loader.absolute(entry)
        let known = prefetch.path(abs)
        if known?.isDirectory ?? Paths.isDirectory(abs) {
            let subMap: ResourceMap
            let subState: AccumulatedState
            var subKeys: [ResId] = []
            var subSet: Set<ResId>? = nil
            let resolved = if let known { known.resolved } else { try Paths.evalSymlinks(abs) }
            if let prebuilt {
                warnings.absorb(prebuilt.warnings)
                (subMap, subState) = try prebuilt.result.get()
                subKeys = prebuilt.keys
            } else {
                (subMap, subState, subSet) = try buildBase(entry, abs: abs, resolved: resolved, state: state.forBase(),
                                                           afterResources: !map.isEmpty, visited: visited)
                if subSet == nil || !Self.mayTakeOver(subSet!, from: keys) { subKeys = subMap.idKeys() }
            }
            try state.config.merge(subState.config)
            do throws(KustomizeError) {
                if subKeys.isEmpty && !subMap.isEmpty, var taken = subSet.take() {
                    // A large base's own key set takes in the few keys already here
                    // (none of them among the base's: checked above).
                    taken.formUnion(keys)
                    keys = taken
                    map.resources.append(contentsOf: subMap.resources)
                } else {
                    try map.append(contentsOf: subMap, keys: &keys, otherKeys: subKeys)
                }
                try Var.absorb(subState.vars, into: &state.vars)
            } catch {
                throw error.wrapped("accumulating resources: accumulation err='accumulating resources from '\(entry)': '\(abs)' must resolve to a file': recursed merging from path '\(resolved)': ")
            }
            return
        }
        let documents: ResourceReader.Documents
        do throws(KustomizeError) {
            let resolved = try loader.resolveFile(entry, known: known)
            if let parsed = prefetch.takeDocuments(at: resolved) {
                documents = parsed
            } else {
                documents = ResourceReader.documents(fromText: try loader.readText(entry))
            }
        } catch {
            let dirErr = Paths.exists(abs)
                ? "must build at directory: '\(abs)': file is not directory"
                : "must build at directory: not a valid directory: evalsymlink failure on '\(abs)' : lstat \(abs): no such file or directory"
            throw .message("accumulating resources: accumulation err='accumulating resources from '\(entry)': \(error)': \(dirErr)")
        }
        do throws(KustomizeError) {
            let rs = try ResourceReader.resources(fromNodes: documents.get(origin: entry), origin: entry)
            var added = ResourceMap()
            var fileKeys = Set<ResId>()
            let source = state.recordOrigins ? Source.file(abs) : nil
            for var r in rs {
                r.source = source
                if r.kind.bytesEqual("SealedSecret") { warnings.recordLoaded(file: abs, node: r.node) }
                try added.append(r, keys: &fileKeys)
            }
            do throws(KustomizeError) {
                try map.append(contentsOf: added, keys: &keys)
            } catch {
                throw error.wrapped("merging resources from '\(entry)': ")
            }
        } catch {
            if error.isUnsupported { throw error }
            if error.description.hasPrefix("MalformedYAMLError") {
                throw error.wrapped("accumulating resources: accumulating resources from '\(entry)': ")
            }
            let inner = error.description.hasPrefix("merging resources") ? error.description
                : "accumulating resources from '\(entry)': \(error)"
            throw .message("accumulating resources: accumulation err='\(inner)': must build at directory: '\(abs)': file is not directory")
        }
    }

    /// The built-in transformers in kustomize's fixed order, then `transformers:`.
    mutating func runTransformers(_ map: inout ResourceMap, state: inout AccumulatedState,
                                  visited: [String]) throws(KustomizeError) {
        let k = kustomization
        let ctx = BuildContext(loader: loader, config: state.config, warnings: warnings, openAPI: openAPI)
        let cfg = state.config
        // Each transformer with the builtin plugin kind it stands for.
        var list: [(any Transformer, String)] = []
        if !k.patchesStrategicMerge.isEmpty {
            list.append((PatchStrategicMergeTransformer(entries: k.patchesStrategicMerge), "PatchStrategicMergeTransformer"))
        }
        if !k.patches.isEmpty { list.append((PatchTransformers(entries: k.patches), "PatchTransformer")) }
        if let ns = k.namespace, !ns.isEmpty {
            list.append((NamespaceTransformer(namespace: ns, fieldSpecs: cfg.namespace), "NamespaceTransformer"))
        }
        if let p = k.namePrefix, !p.isEmpty {
            list.append((PrefixSuffixTransformer(prefix: p, suffix: "", fieldSpecs: cfg.namePrefix), "PrefixTransformer"))
        }
        if let s = k.nameSuffix, !s.isEmpty {
            list.append((PrefixSuffixTransformer(prefix: "", suffix: s, fieldSpecs: cfg.nameSuffix), "SuffixTransformer"))
        }
        for entry in k.labels {
            list.append((try LabelEntry.transformer(entry, config: cfg), "LabelTransformer"))
        }
        if let cl = k.commonLabels, !cl.isEmpty {
            list.append((LabelTransformer(pairs: cl, fieldSpecs: cfg.commonLabels), "LabelTransformer"))
        }
        if let ca = k.commonAnnotations, !ca.isEmpty {
            list.append((AnnotationsTransformer(pairs: ca, fieldSpecs: cfg.commonAnnotations), "AnnotationsTransformer"))
        }
        for p in k.patchesJson6902 { list.append((PatchJson6902Transformer(entry: p), "PatchJson6902Transformer")) }
        if !k.replicas.isEmpty {
            list.append((ReplicaCountTransformers(replicas: k.replicas, fieldSpecs: cfg.replicas), "ReplicaCountTransformer"))
        }
        // One transformer applies every entry in order (each is one builtin transformer in kustomize).
        if !k.images.isEmpty { list.append((ImageTagTransformer(images: k.images, fieldSpecs: cfg.images), "ImageTagTransformer")) }
        if !k.replacements.isEmpty {
            list.append((ReplacementTransformer(replacements: k.replacements), "ReplacementTransformer"))
        }
        // At the root, when no plugin transformers follow, the last strategic merges
        // are the patch transformers': the snapshots kept for later merges are dropped
        // after them, and the rest of the build changes objects in place instead of
        // copying the paths it writes (peak RSS at 100 services ~24.5 -> ~22.6 MB).
        let mergesEnd = visited.count == 1 && k.transformers.isEmpty
            ? list.firstIndex { !($0.0 is PatchStrategicMergeTransformer || $0.0 is PatchTransformers) } ?? list.count
            : nil
        for (i, (t, kind)) in list.enumerated() {
            if i == mergesEnd { map.dropMergeSnapshots() }
            try t.transform(&map, context: ctx)
            if state.recordTransformations {
                let entries = (t as? ImageTagTransformer)?.images.count ?? (t as? ReplicaCountTransformers)?.entries.count
                    ?? (t as? PatchTransformers)?.entries.count ?? 1
                for _ in 0..<entries {
                    record(.plugin(configuredIn: path, kind: kind, name: nil, namespace: nil), in: &map)
                }
            }
        }

        if mergesEnd == list.count { map.dropMergeSnapshots() }

        for entry in k.transformers {
            for (plugin, config) in try plugins(entry, state: &state, visited: visited) {
                guard let t = plugin as? Transformer else {
                    throw .message("plugin \(entry) is not a transformer")
                }
                try t.transform(&map, context: ctx)
                if state.recordTransformations {
                    record(.plugin(configuredIn: path, kind: config["kind"]?.string ?? "",
                                   name: config[["metadata", "name"]]?.string,
                                   namespace: config[["metadata", "namespace"]]?.string), in: &map)
                }
            }
        }
        if !k.validators.isEmpty { throw .unsupported("validators") }
    }

    /// Plugin configurations named by a `generators:`/`transformers:` entry: a
    /// file, a kustomization directory whose output are the configurations, or
    /// inline YAML.
    func record(_ source: Source, in map: inout ResourceMap) {
        for i in map.resources.indices { map.resources[i].transformations.append(source) }
    }

    mutating func plugins(_ entry: String, state: inout AccumulatedState,
                          visited: [String]) throws(KustomizeError) -> [(Any, Node)] {
        var configs: [Node] = []
        let abs = loader.absolute(entry)
        if !entry.contains("\n") && Paths.isDirectory(abs) {
            let resolved = try Paths.evalSymlinks(abs)
            var sub = try Target.load(loader: loader.child(resolved), warnings: warnings, openAPI: openAPI,
                                      prefetch: prefetch)
            var subState = AccumulatedState(config: TransformerConfig())
            let subMap = try sub.accumulate(state: &subState, visited: visited)
            configs = subMap.resources.map(\.node)
        } else if !entry.contains("\n") && Paths.exists(abs) {
            let text = try loader.readText(entry)
            configs = try ResourceReader.resources(fromText: text, origin: entry).map(\.node)
        } else {
            configs = try ResourceReader.resources(fromText: entry, origin: "inline").map(\.node)
        }
        let ctx = BuildContext(loader: loader, config: state.config, warnings: warnings, openAPI: openAPI)
        return try configs.map { (c: Node) throws(KustomizeError) -> (Any, Node) in (try BuiltinPlugins.make(c, context: ctx), c) }
    }
}

/// `labels:` entries: `{pairs, includeSelectors, includeTemplates, fields}`.
/// Field specs, as kustomize assembles them: the entry's `fields`, the
/// configurations' `labels` list, then all `commonLabels` specs with
/// `includeSelectors`, else the template specs (with `includeTemplates`) and
/// `metadata/labels`.
enum LabelEntry {
    static func transformer(_ entry: Node, config: TransformerConfig) throws(KustomizeError) -> LabelTransformer {
        let f = try EntryFields(entry, known: ["pairs", "includeSelectors", "includeTemplates", "fields"],
                                goPath: "Label.labels", strict: true)
        let pairs = try f.stringMap("pairs")
        let selectors = try f.bool("includeSelectors")
        let templates = try f.bool("includeTemplates")
        func merge(_ a: [FieldSpec], _ b: [FieldSpec], _ what: String) throws(KustomizeError) -> [FieldSpec] {
            do throws(FieldSpecMergeError) {
                return try FieldSpec.merging(a, b)
            } catch {
                throw .message("\(what): \(error)")
            }
        }
        var specs = try merge(FieldSpec.list(from: f.node("fields")), config.labels, "failed to merge labels")
        if selectors {
            specs = try merge(specs, config.commonLabels, "failed to merge labels")
        } else {
            if templates { specs = try merge(specs, config.templateLabels, "failed to merge template fieldSpec") }
            specs = try merge(specs, [FieldSpec(path: ["metadata", "labels"], create: true)], "failed to merge labels")
        }
        return LabelTransformer(pairs: pairs, fieldSpecs: specs)
    }
}
