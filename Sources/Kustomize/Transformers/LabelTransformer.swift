import YAML

/// `labels:`/`commonLabels:` and the builtin LabelTransformer (TRANSFORMERS.md §5):
/// sets each pair, in sorted key order, as a string at every field the specs
/// select, creating label maps where a spec says `create`.
public struct LabelTransformer: Transformer {
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
