import YAML

/// `commonAnnotations:` and the builtin AnnotationsTransformer (TRANSFORMERS.md §6):
/// sets each pair, in sorted key order, as a string at every field the specs select.
public struct AnnotationsTransformer: Transformer {
    public let pairs: [(String, String)]
    public let fieldSpecs: FieldSpecSet

    public init(pairs: [(String, String)], fieldSpecs: [FieldSpec]) {
        self.pairs = StringPairs.normalized(pairs)
        self.fieldSpecs = FieldSpecSet(fieldSpecs)
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        try MapFieldSetter.apply(pairs, fieldSpecs, to: &resources)
    }
}
