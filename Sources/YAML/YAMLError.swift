/// An error found while reading or writing YAML, with the place it was found.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem, in the words libyaml and yaml.v3 use (`did not find expected key`).
    public var message: String
    /// 1-based line as yaml.v3 reports it, 0 when unknown.
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int = 0, column: Int = 0) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `yaml: line N: message`, the form kustomize prints.
    public var description: String {
        line > 0 ? "yaml: line \(line): \(message)" : "yaml: \(message)"
    }
}
