import Foundation
import YAML

/// One `patches:` entry (`{path | patch, target, options}`) and the builtin
/// PatchTransformer. The text is read both as strategic-merge documents and as
/// a JSON 6902 patch (TRANSFORMERS.md §12). Without a target each strategic-merge
/// document patches the one resource any of whose ids it names; with a target
/// the patch goes to every selected resource, and selecting nothing is silent.
public struct PatchTransformer: Transformer {
    public var entry: Node
    /// `plugin <id> fails configuration: ` for a `transformers:` plugin config;
    /// nil for a kustomization entry (kustomize's "trouble configuring" wording).
    public var pluginPrefix: String?

    public init(entry: Node, pluginPrefix: String? = nil) {
        self.entry = entry
        self.pluginPrefix = pluginPrefix
    }

    enum Loaded {
        case strategicMerge([SmPatch])
        case json(JSONPatch)
    }

    struct Config {
        var target: PatchTarget?
        /// The inline patch text, or the path of the patch file.
        var origin: Origin
        var loaded: Loaded?

        enum Origin {
            case inline(String)
            case path(String)
        }

        /// `[patch: "…"]` or `[path: "…"]` as error messages name the patch
        /// (quoting a long inline patch costs: only done for a message).
        var source: String {
            switch origin {
            case .inline(let patch): "[patch: \(goQuote(patch))]"
            case .path(let path): "[path: \(goQuote(path))]"
            }
        }
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        var index: NameIndex? = nil
        try transform(&resources, context: context, index: &index)
    }

    /// Applies the patch; `index` (shared by a run of patches) finds targets by name
    /// and is updated for every resource the patch changes, or dropped when
    /// resources were removed.
    func transform(_ resources: inout ResourceMap, context: BuildContext, index: inout NameIndex?,
                   loaded: Result<Config, KustomizeError>? = nil) throws(KustomizeError) {
        let config = try (loaded ?? load(context)).get()
        let merge = StrategicMerge(schema: context.openAPI.schema)
        switch config.loaded {
        case nil:
            return
        case .strategicMerge(let patches)?:
            if let target = config.target {
                if patches.count > 1 {
                    throw .message("Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: \(config.source)")
                }
                guard let patch = patches.first else { return }
                let selected = try target.select(resources)
                try patch.apply(toIndexes: selected, in: &resources, merge: merge)
                reindex(selected, in: resources, &index)
                return
            }
            for patch in patches {
                let id = patch.id
                let target: Int
                if index == nil || index?.count != resources.resources.count { index = NameIndex(resources) }
                do throws(KustomizeError) {
                    target = try SmPatch.uniqueTarget(id, in: resources, index: index)
                } catch {
                    throw error.wrapped("no resource matches strategic merge patch \(goQuote(id.description)): ")
                }
                if !(try patch.apply(to: &resources.resources[target], merge: merge)) {
                    resources.resources.remove(at: target)
                    index = nil
                } else {
                    index?.add(target, resources)
                }
            }
        case .json(let patch)?:
            guard let target = config.target else {
                throw .message("must specify a target for JSON patch \(config.source)")
            }
            let selected = try target.select(resources)
            try resources.updateEach(at: selected, threshold: ResourceMap.heavyParallelThreshold) { (r: inout Resource) throws(KustomizeError) in
                try Self.apply(patch, to: &r)
            }
            reindex(selected, in: resources, &index)
        }
    }

    /// A JSON patch applied to one selected resource, as kustomize applies it
    /// (the current id recorded first: the patch may rename).
    static func apply(_ patch: JSONPatch, to r: inout Resource) throws(KustomizeError) {
        r.recordCurrentId()
        try BuildAnnotations.applying(patch, to: &r)
    }

    /// The entry's patch read and parsed, or the error its configuration gives.
    func load(_ context: BuildContext) -> Result<Config, KustomizeError> {
        do throws(KustomizeError) {
            return .success(try configure(context))
        } catch {
            return .failure(error.wrapped(pluginPrefix ?? PatchConfigError.prefix("PatchTransformer", configNode)))
        }
    }

    func reindex(_ changed: [Int], in resources: ResourceMap, _ index: inout NameIndex?) {
        guard index != nil else { return }
        if index?.count != resources.resources.count {
            index = nil
            return
        }
        for i in changed { index?.add(i, resources) }
    }

    /// The entry as kustomize re-marshals it for error messages.
    var configNode: Node {
        guard let m = entry.mapping else { return entry }
        var out: [(String, Node)] = []
        for key in ["path", "patch", "target", "options"] {
            if let v = PatchConfigField.lookup(m, key), !v.isNull { out.append((key, v)) }
        }
        return .map(out)
    }

    /// The text without leading and trailing white space; read in place when it
    /// starts and ends with visible ASCII (Foundation's trimming costs ~10 µs a patch).
    static func trimmed(_ text: String) -> String {
        let untouched = text.withBytes { u in
            guard let first = u.first, let last = u.last else { return true }
            return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        }
        return untouched ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func configure(_ context: BuildContext) throws(KustomizeError) -> Config {
        guard let m = entry.mapping else { throw .message("invalid patch entry: expected a mapping") }
        let patch = Self.trimmed(try PatchConfigField.string(m, "patch"))
        let path = try PatchConfigField.string(m, "path")
        var target: PatchTarget?
        if let t = PatchConfigField.lookup(m, "target"), !t.isNull { target = try PatchTarget(node: t) }
        var allowNameChange = false
        var allowKindChange = false
        if let o = PatchConfigField.lookup(m, "options")?.mapping {
            allowNameChange = PatchConfigField.bool(o, "allowNameChange")
            allowKindChange = PatchConfigField.bool(o, "allowKindChange")
        }
        // Only error messages print the entry.
        var configText: String { pluginPrefix == nil ? PatchConfigError.yaml(configNode) : PatchConfigError.yaml(entry) }
        let text: String
        let origin: Config.Origin
        switch (patch.isEmpty, path.isEmpty) {
        case (true, true): throw .message("must specify one of patch and path in\n\(configText)")
        case (false, false): throw .message("patch and path can't be set at the same time\n\(configText)")
        case (false, true):
            text = patch
            origin = .inline(patch)
        case (true, false):
            do throws(KustomizeError) {
                text = try context.loader.readText(path)
            } catch {
                throw error.wrapped("failed to get the patch file from path(\(path)): ")
            }
            origin = .path(path)
        }
        let sm = try? SmPatch.documents(text, origin: path)
        let json = try? JSONPatch(text: text)
        var config = Config(target: target, origin: origin, loaded: nil)
        if let sm, let json, !sm.isEmpty, !json.isEmpty {
            throw .message("illegally qualifies as both an SM and JSON patch: \(config.source)")
        }
        if let sm {
            if !sm.isEmpty {
                config.loaded = .strategicMerge(sm.map {
                    SmPatch(node: $0, allowNameChange: allowNameChange, allowKindChange: allowKindChange)
                })
            }
        } else if let json {
            if !json.isEmpty { config.loaded = .json(json) }
        } else {
            throw .message("unable to parse SM or JSON patch from \(config.source)")
        }
        return config
    }
}

/// Decoding helpers for patch entries and plugin configs (Go JSON rules:
/// case-insensitive names, YAML 1.1 scalars).
extension PatchConfigField {
    static func string(_ m: Mapping, _ key: String) throws(KustomizeError) -> String {
        guard let v = lookup(m, key), !v.isNull else { return "" }
        guard case .scalar(let s) = v, case .string(let t) = Resolver.resolve11(s) else {
            throw .message("json: cannot unmarshal \(JSONPatch.jsonType(v)) into Go value of type string")
        }
        return t
    }

    static func bool(_ m: Mapping, _ key: String) -> Bool {
        guard case .scalar(let s)? = lookup(m, key) else { return false }
        return Resolver.resolve11(s) == .bool(true)
    }

    static func strings(_ m: Mapping, _ key: String) throws(KustomizeError) -> [String] {
        guard let v = lookup(m, key), !v.isNull else { return [] }
        guard let items = v.sequence else {
            throw .message("json: cannot unmarshal \(JSONPatch.jsonType(v)) into Go value of type []string")
        }
        var out: [String] = []
        for item in items {
            guard case .scalar(let s) = item, case .string(let t) = Resolver.resolve11(s) else {
                throw .message("json: cannot unmarshal \(JSONPatch.jsonType(item)) into Go value of type string")
            }
            out.append(t)
        }
        return out
    }
}

/// kustomize's wrapping of a builtin transformer's configuration error.
enum PatchConfigError {
    static func prefix(_ plugin: String, _ config: Node) -> String {
        "trouble configuring builtin \(plugin) with config: `\n\(yaml(config))`: "
    }

    static func yaml(_ node: Node) -> String {
        if case .mapping(let m) = node, m.isEmpty { return "{}\n" }
        return (try? Emitter.emit(node)) ?? ""
    }
}

/// Every `patches:` entry of one kustomization, in order, sharing one name index.
public struct PatchTransformers: Transformer {
    public let entries: [PatchTransformer]

    public init(entries: [Node]) { self.entries = entries.map { PatchTransformer(entry: $0) } }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        // Reading and parsing a patch depends on nothing a patch changes: every
        // entry's patch is loaded at once (on all cores from two entries on: a patch
        // file costs ~0.1 ms to resolve, read and parse twice), then
        // the entries are applied in order, each failing in its turn.
        let loaded = Parallel.map(entries, threshold: 2, eachAlone: true) { $0.load(context) }
        var index: NameIndex? = nil
        var i = 0
        while i < entries.count {
            // A run of entries whose documents each merge into the resource their
            // id names, and can change no id: applied on all cores.
            var run: [SmPatch] = []
            var runEntries = 0
            while i + runEntries < entries.count, let patches = Self.plainMerges(loaded[i + runEntries]) {
                run += patches
                runEntries += 1
            }
            if run.count >= Self.minimumRun,
               try Self.applyRun(run, to: &resources, merge: StrategicMerge(schema: context.openAPI.schema), index: &index) {
                i += runEntries
                continue
            }
            // A run of entries with targets that change no id: each resource takes
            // the ones that select it, in order, on its own core.
            var steps: [TargetedStep] = []
            while i + steps.count < entries.count, let step = TargetedStep(loaded[i + steps.count]) {
                steps.append(step)
            }
            if steps.count >= 2 {
                try Self.applyTargeted(steps, to: &resources, merge: StrategicMerge(schema: context.openAPI.schema),
                                       index: &index)
                i += steps.count
                continue
            }
            try entries[i].transform(&resources, context: context, index: &index, loaded: loaded[i])
            i += 1
        }
    }

    /// An entry with a `target:` whose patch keeps every resource's id (kind,
    /// apiVersion, name, namespace): one strategic-merge document without a
    /// name or kind change allowed, or a JSON patch none of whose paths reaches
    /// `kind`, `apiVersion` or `metadata` other than its labels and annotations.
    /// Which resources it selects then depends on each resource alone (as it is
    /// after the entries before), and what it does to one changes no other.
    /// A class: each resource reads every step (as a struct, each read copied it).
    final class TargetedStep: Sendable {
        let matcher: PatchTarget.Matcher
        let patch: Patch

        enum Patch {
            case strategicMerge(SmPatch)
            case json(JSONPatch)
        }

        /// nil for any other entry, and for one whose target does not compile
        /// (applied alone, it reports that in its turn).
        init?(_ loaded: Result<PatchTransformer.Config, KustomizeError>) {
            guard case .success(let config) = loaded, let target = config.target,
                  let matcher = try? PatchTarget.Matcher(target) else { return nil }
            switch config.loaded {
            case .strategicMerge(let patches)?:
                guard patches.count == 1, let p = patches.first, !p.allowNameChange, !p.allowKindChange else { return nil }
                patch = .strategicMerge(p)
            case .json(let p)?:
                guard p.operations.allSatisfy(Self.keepsIds) else { return nil }
                patch = .json(p)
            case nil:
                return nil
            }
            self.matcher = matcher
        }

        /// True when the operation's pointers (`path`, and `from` when present)
        /// stay clear of the id fields, read as json-patch splits them (the part
        /// before the first `/` is dropped).
        static func keepsIds(_ op: Node) -> Bool {
            for field in ["path", "from"] {
                guard let v = op[field] else { continue }
                guard let path = JSONPatch.stringValue(v) else { return false }
                let segments = JSONPatch.segments(path)
                guard let top = segments.first else { return false }  // `replace` of "" replaces the whole object
                switch top {
                case "kind", "apiVersion": return false
                case "metadata":
                    guard segments.count >= 2, segments[1] == "labels" || segments[1] == "annotations" else { return false }
                default: continue
                }
            }
            return true
        }

        /// Applies the step to a resource it selects, as the entry does; false
        /// when the resource is deleted.
        func apply(to r: inout Resource, merge: StrategicMerge) throws(KustomizeError) -> Bool {
            switch patch {
            case .strategicMerge(let p):
                return try p.applyAsTargeted(to: &r, merge: merge)
            case .json(let p):
                try PatchTransformer.apply(p, to: &r)
                return true
            }
        }
    }

    /// What a run of targeted steps did to one resource.
    struct TargetedOutcome {
        var touched = false
        var kept = true
        /// The step that failed, and how.
        var failure: (step: Int, error: KustomizeError)? = nil
    }

    /// Applies a run of targeted steps as the entries one after the other would:
    /// every resource goes through the steps in order (on all cores for a large
    /// map), each step applied where it selects the resource as it is then.
    /// The error thrown is the one of the first failing step, at its first
    /// failing resource, as the entries in turn would have met first.
    static func applyTargeted(_ steps: [TargetedStep], to resources: inout ResourceMap, merge: StrategicMerge,
                              index: inout NameIndex?) throws(KustomizeError) {
        // Per resource: whether it was touched, kept, and the step it failed at.
        let outcomes = try resources.updateEachIndexed(at: Array(resources.resources.indices),
                                                       threshold: ResourceMap.heavyParallelThreshold) {
            (_, r: inout Resource) throws(KustomizeError) -> TargetedOutcome in
            var outcome = TargetedOutcome()
            for k in steps.indices where steps[k].matcher.matches(r) {
                outcome.touched = true
                do throws(KustomizeError) {
                    if !(try steps[k].apply(to: &r, merge: merge)) {
                        outcome.kept = false
                        return outcome
                    }
                } catch {
                    outcome.failure = (k, error)
                    return outcome
                }
            }
            return outcome
        }
        var first: (step: Int, error: KustomizeError)? = nil
        for outcome in outcomes {
            if let f = outcome.failure, f.step < (first?.step ?? .max) { first = f }
        }
        if let first { throw first.error }
        if outcomes.allSatisfy(\.kept) {
            for (i, outcome) in outcomes.enumerated() where outcome.touched { index?.add(i, resources) }
            return
        }
        resources.resources = resources.resources.indices.filter { outcomes[$0].kept }.map { resources.resources[$0] }
        index = nil
    }

    /// Runs shorter than this are applied one entry at a time (with the pool spinning
    /// between stages, two merges on two cores already gain).
    static let minimumRun = 2

    /// The documents of an entry that merge, one after the other, into the
    /// resource each one's id names: no target, no name or kind change allowed,
    /// no top-level `$patch` (so every resource stays, with its kind, name,
    /// namespace and apiVersion). Applying them in order is what the entry does.
    static func plainMerges(_ loaded: Result<PatchTransformer.Config, KustomizeError>) -> [SmPatch]? {
        guard case .success(let config) = loaded, config.target == nil,
              case .strategicMerge(let patches)? = config.loaded, !patches.isEmpty else { return nil }
        for patch in patches {
            guard !patch.allowNameChange, !patch.allowKindChange,
                  let m = patch.node.mapping, m.index(of: "$patch") == nil else { return nil }
        }
        return patches
    }

    /// Applies a run of plain merges as one loop would, each resource taking its
    /// patches in order on its own core, and throws the error the loop would have
    /// met first. False (nothing applied) when a patch finds its resource by a
    /// previous id only: its merge could change the current one.
    static func applyRun(_ run: [SmPatch], to resources: inout ResourceMap, merge: StrategicMerge,
                         index: inout NameIndex?) throws(KustomizeError) -> Bool {
        if index == nil || index?.count != resources.resources.count { index = NameIndex(resources) }
        // Targets first: no merge of the run changes an id, so none changes a lookup.
        var targets: [Int] = []
        var lookupFailure: KustomizeError? = nil
        for patch in run {
            let id = patch.id
            do throws(KustomizeError) {
                let t = try SmPatch.uniqueTarget(id, in: resources, index: index)
                guard resources.resources[t].id.matches(id) else { return false }
                targets.append(t)
            } catch {
                lookupFailure = error.wrapped("no resource matches strategic merge patch \(goQuote(id.description)): ")
                break
            }
        }
        // Each resource's patches, in entry order; resources in order of first patch.
        var byTarget: [Int: [Int]] = [:]
        var order: [Int] = []
        for (k, t) in targets.enumerated() {
            if byTarget[t] == nil { order.append(t) }
            byTarget[t, default: []].append(k)
        }
        let failures = try resources.updateEachIndexed(at: order, threshold: ResourceMap.heavyParallelThreshold) { (t, r: inout Resource) throws(KustomizeError) -> (Int, KustomizeError)? in
            for k in byTarget[t]! {
                do throws(KustomizeError) {
                    guard try run[k].apply(to: &r, merge: merge) else {
                        return (k, .message("internal error: a strategic merge patch emptied \(run[k].id)"))
                    }
                } catch {
                    return (k, error)
                }
            }
            return nil
        }
        if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
        if let lookupFailure { throw lookupFailure }
        for t in order { index?.add(t, resources) }
        return true
    }
}
