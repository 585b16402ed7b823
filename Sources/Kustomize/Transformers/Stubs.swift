import YAML

// Stubs for the built-in transformers; each moves to its own file when implemented.

/// `namespace:` and the builtin NamespaceTransformer.
public struct NamespaceTransformer: Transformer {
    public var namespace: String
    public var fieldSpecs: [FieldSpec]
    public init(namespace: String, fieldSpecs: [FieldSpec]) {
        self.namespace = namespace
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("namespace")
    }
}

/// `namePrefix:`/`nameSuffix:` and the builtin PrefixSuffixTransformer, PrefixTransformer, SuffixTransformer.
public struct PrefixSuffixTransformer: Transformer {
    public var prefix: String
    public var suffix: String
    public var fieldSpecs: [FieldSpec]
    public init(prefix: String, suffix: String, fieldSpecs: [FieldSpec]) {
        self.prefix = prefix
        self.suffix = suffix
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("namePrefix/nameSuffix")
    }
}

/// `labels:`/`commonLabels:` and the builtin LabelTransformer.
public struct LabelTransformer: Transformer {
    public var pairs: [(String, String)]
    public var fieldSpecs: [FieldSpec]
    public init(pairs: [(String, String)], fieldSpecs: [FieldSpec]) {
        self.pairs = pairs
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("labels")
    }
}

/// `commonAnnotations:` and the builtin AnnotationsTransformer.
public struct AnnotationsTransformer: Transformer {
    public var pairs: [(String, String)]
    public var fieldSpecs: [FieldSpec]
    public init(pairs: [(String, String)], fieldSpecs: [FieldSpec]) {
        self.pairs = pairs
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("commonAnnotations")
    }
}

/// One `images:` entry and the builtin ImageTagTransformer.
public struct ImageTagTransformer: Transformer {
    public var image: Node
    public var fieldSpecs: [FieldSpec]
    public init(image: Node, fieldSpecs: [FieldSpec]) {
        self.image = image
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("images")
    }
}

/// One `replicas:` entry and the builtin ReplicaCountTransformer.
public struct ReplicaCountTransformer: Transformer {
    public var replica: Node
    public var fieldSpecs: [FieldSpec]
    public init(replica: Node, fieldSpecs: [FieldSpec]) {
        self.replica = replica
        self.fieldSpecs = fieldSpecs
    }
    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        throw .unsupported("replicas")
    }
}
