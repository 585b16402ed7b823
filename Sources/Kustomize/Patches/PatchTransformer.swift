import YAML

/// One `patches:` entry (`{path | patch, target, options}`) and the builtin
/// PatchTransformer: a strategic-merge or JSON 6902 patch. (Stub.)
public struct PatchTransformer: Transformer {
    public var entry: Node
    public init(entry: Node) { self.entry = entry }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("patches")
    }
}

/// `patchesStrategicMerge:` (file paths or inline patches) and the builtin
/// PatchStrategicMergeTransformer. (Stub.)
public struct PatchStrategicMergeTransformer: Transformer {
    public var entries: [Node]
    public init(entries: [Node]) { self.entries = entries }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("patchesStrategicMerge")
    }
}

/// One `patchesJson6902:` entry (`{target, path | patch}`) and the builtin
/// PatchJson6902Transformer. (Stub.)
public struct PatchJson6902Transformer: Transformer {
    public var entry: Node
    public init(entry: Node) { self.entry = entry }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("patchesJson6902")
    }
}
