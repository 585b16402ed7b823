import YAML

/// One `patchesJson6902:` entry (`{target, path | patch}`) and the builtin
/// PatchJson6902Transformer (`{target, path | jsonOp}`). The target must name
/// the resource; unlike `patches:`, this transformer records no previous id.
public struct PatchJson6902Transformer: Transformer {
    public var entry: Node
    /// `plugin <id> fails configuration: ` for a plugin config; nil for the kustomization field.
    public var pluginPrefix: String?

    public init(entry: Node, pluginPrefix: String? = nil) {
        self.entry = entry
        self.pluginPrefix = pluginPrefix
    }

    /// The operation text field: `patch` in a kustomization, `jsonOp` in a plugin config.
    var opField: String { pluginPrefix == nil ? "patch" : "jsonOp" }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let target: PatchTarget
        let patch: JSONPatch
        do throws(KustomizeError) {
            (target, patch) = try configure(context)
        } catch {
            throw error.wrapped(pluginPrefix ?? PatchConfigError.prefix("PatchJson6902Transformer", configNode))
        }
        for i in try target.select(resources) {
            try BuildAnnotations.applying(patch, to: &resources.resources[i])
        }
    }

    var configNode: Node {
        guard let m = entry.mapping else { return entry }
        var out: [(String, Node)] = []
        for (key, name) in [("target", "target"), ("path", "path"), (opField, "jsonOp")] {
            if let v = PatchConfigField.lookup(m, key), !v.isNull { out.append((name, v)) }
        }
        return .map(out)
    }

    func configure(_ context: BuildContext) throws(KustomizeError) -> (PatchTarget, JSONPatch) {
        guard let m = entry.mapping else { throw .message("invalid patchesJson6902 entry: expected a mapping") }
        var target = PatchTarget()
        if let t = PatchConfigField.lookup(m, "target"), !t.isNull { target = try PatchTarget(node: t) }
        if target.name.isEmpty { throw .message("must specify the target name") }
        let path = try PatchConfigField.string(m, "path")
        var op = try PatchConfigField.string(m, opField)
        if path.isEmpty && op.isEmpty { throw .message("empty file path and empty jsonOp") }
        if !path.isEmpty {
            if !op.isEmpty { throw .message("must specify a file path or jsonOp, not both") }
            op = try context.loader.readText(path)
            if op.isEmpty { throw .message("patch file '\(path)' empty seems to be empty") }
        }
        let patch: JSONPatch
        do throws(KustomizeError) {
            patch = try JSONPatch(text: op)
        } catch {
            throw error.wrapped("decoding \(op): ")
        }
        if patch.isEmpty {
            throw .message("patch appears to be empty; file=\(path), JsonOp=\(op.hasPrefix("[") ? op : "[]")")
        }
        return (target, patch)
    }
}
