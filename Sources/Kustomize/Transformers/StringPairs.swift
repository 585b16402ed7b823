/// Key/value pairs as kustomize holds them in a Go map: a repeated key keeps its
/// last value, and keys are applied in sorted (byte) order.
enum StringPairs {
    static func normalized(_ pairs: [(String, String)]) -> [(String, String)] {
        var values: [String: String] = [:]
        for (k, v) in pairs { values[k] = v }
        return values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }
}
