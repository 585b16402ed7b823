import YAML

/// A build stage over the resource list: value in, value out.
public protocol Transformer: Sendable {
    func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError)
}

/// A generator adds resources (ConfigMapGenerator, SecretGenerator).
public protocol Generator: Sendable {
    func generate(context: BuildContext) throws(KustomizeError) -> [Resource]
}

/// What a stage may use besides the resources: file access rooted at the
/// kustomization being built, and the field-spec configuration in force.
public struct BuildContext: Sendable {
    public var loader: Loader
    public var config: TransformerConfig
    public var warnings: Warnings
    /// The schema strategic merge patches use (`openapi:`), shared by the whole build.
    public var openAPI: OpenAPISelection

    public init(loader: Loader, config: TransformerConfig, warnings: Warnings = Warnings(),
                openAPI: OpenAPISelection = OpenAPISelection()) {
        self.loader = loader
        self.config = config
        self.warnings = warnings
        self.openAPI = openAPI
    }
}

/// Collects warning lines for stderr. A reference type: every stage of one build
/// shares it.
public final class Warnings: @unchecked Sendable {
    private var lines: [String] = []

    public init() {}

    public func add(_ line: String) { lines.append(line) }
    public var all: [String] { lines }

    /// SealedSecrets as they were loaded (absolute file, object), so that the
    /// command can warn when the build renamed or moved one.
    public private(set) var loadedSealedSecrets: [(file: String, node: Node)] = []

    public func recordLoaded(file: String, node: Node) { loadedSealedSecrets.append((file, node)) }

    /// Adds what another collector gathered (a base built on another core), after these.
    func absorb(_ other: Warnings) {
        lines += other.lines
        loadedSealedSecrets += other.loadedSealedSecrets
    }
}
