import YAML

// Stubs for the built-in transformers; each moves to its own file when implemented.

/// The name-reference fix-up that follows renames (run once, at the top level).
public struct NameReferenceTransformer: Transformer {
    public init() {}
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {}
}

/// `replacements:` and the builtin ReplacementTransformer. Entries are
/// replacement nodes or `{path: file}`.
public struct ReplacementTransformer: Transformer {
    public var replacements: [Node]
    public init(replacements: [Node]) { self.replacements = replacements }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("replacements")
    }
}

/// `vars:` substitution of `$(VAR)` (run once, at the top level, over all accumulated vars).
public struct VarsTransformer: Transformer {
    public var vars: [Node]
    public init(vars: [Node]) { self.vars = vars }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        if !vars.isEmpty { throw .unsupported("vars") }
    }
}
