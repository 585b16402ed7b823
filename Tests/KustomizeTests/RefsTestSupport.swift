import YAML
@testable import Kustomize

/// Builds resource maps from YAML text for the transformer unit tests.
enum RefsTestSupport {
    static func map(_ yaml: String) throws -> ResourceMap {
        ResourceMap(try ResourceReader.resources(fromText: yaml, origin: "test"))
    }

    static var context: BuildContext {
        BuildContext(loader: Loader(directory: "/", restriction: nil), config: .builtin)
    }

    /// Renames resource `i` with a prefix, as namePrefix does.
    static func prefix(_ map: inout ResourceMap, _ i: Int, _ p: String) {
        let old = map.resources[i].name
        map.resources[i].rename(p + old)
        map.resources[i].namePrefixes.append(p)
    }

    static func emit(_ node: Node?) throws -> String {
        guard let node else { return "<nil>" }
        return try Emitter.emit(node)
    }
}
