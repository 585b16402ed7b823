/// One secret found in one file. The secret itself stays inside the scanner: reporters see
/// only `masked` and `fingerprint`.
public struct Finding: Sendable, Hashable {
    public var path: String
    /// 1-based line and column of the value.
    public var line: Int
    public var column: Int
    public var rule: Rule
    /// What was found, with the value masked.
    public var message: String
    /// The value masked for display (`Gl5.***`).
    public var masked: String
    /// Stable across line moves: a hash of the rule, the path and the value.
    public var fingerprint: String

    public init(path: String, line: Int, column: Int, rule: Rule, message: String, masked: String, fingerprint: String) {
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
        self.masked = masked
        self.fingerprint = fingerprint
    }
}

/// A detection inside one text, before it is tied to a path: the secret is still here.
struct Hit: Sendable {
    var line: Int
    var column: Int
    var rule: Rule
    /// What the value is, e.g. `"password" holds a plaintext value`.
    var what: String
    var secret: String
}
