import Testing
@testable import Kustomize
import YAML

/// Builds resource maps from YAML text and runs one transformer over them.
enum TransformerHarness {
    static func map(_ text: String) throws -> ResourceMap {
        var m = ResourceMap()
        for r in try ResourceReader.resources(fromText: text, origin: "test") { try m.append(r) }
        return m
    }

    static let context = BuildContext(loader: Loader(directory: "/", restriction: "/"), config: .builtin)

    static func run(_ t: some Transformer, _ text: String) throws -> ResourceMap {
        var m = try map(text)
        try t.transform(&m, context: context)
        return m
    }

    static func error(_ t: some Transformer, _ text: String) throws -> String? {
        var m = try map(text)
        do {
            try t.transform(&m, context: context)
            return nil
        } catch {
            return error.description
        }
    }
}
