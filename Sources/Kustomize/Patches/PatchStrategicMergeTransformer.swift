import YAML

/// `patchesStrategicMerge:` (each entry inline YAML or a file path) and the
/// builtin PatchStrategicMergeTransformer (`paths`, `patches`). Every document
/// patches the one resource any of whose ids it names.
public struct PatchStrategicMergeTransformer: Transformer {
    public var paths: [String]
    public var patches: String
    /// `plugin <id> fails configuration: ` for a plugin config; nil for the kustomization field.
    public var pluginPrefix: String?

    /// The kustomization field: entries are strings (inline patches or paths).
    public init(entries: [Node]) {
        self.paths = entries.compactMap { $0.scalar?.value }
        self.patches = ""
        self.pluginPrefix = nil
    }

    public init(paths: [String], patches: String, pluginPrefix: String?) {
        self.paths = paths
        self.patches = patches
        self.pluginPrefix = pluginPrefix
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let loaded: [SmPatch]
        do throws(KustomizeError) {
            loaded = try load(context)
        } catch {
            throw error.wrapped(pluginPrefix ?? PatchConfigError.prefix("PatchStrategicMergeTransformer", configNode))
        }
        let merge = StrategicMerge(schema: context.openAPI.schema)
        for patch in loaded {
            let index = try SmPatch.uniqueTarget(patch.id, in: resources)
            try patch.apply(toIndexes: [index], in: &resources, merge: merge)
        }
    }

    var configNode: Node {
        .map([("paths", .sequence(paths.map { Node.string($0) }))])
    }

    func load(_ context: BuildContext) throws(KustomizeError) -> [SmPatch] {
        if paths.isEmpty && patches.isEmpty { throw .message("empty file path and empty patch content") }
        var docs: [Node] = []
        for path in paths {
            if let inline = try? SmPatch.documents(path, origin: "") {
                docs += inline
                continue
            }
            docs += try SmPatch.documents(try context.loader.readText(path), origin: path)
        }
        if !patches.isEmpty { docs += try SmPatch.documents(patches, origin: "") }
        if docs.isEmpty {
            throw .message("patch appears to be empty; files=[\(paths.joined(separator: " "))], Patch=\(patches)")
        }
        return docs.map { SmPatch(node: $0) }
    }
}
