/// What a file is, from its name: how values are written in it and which rule names a
/// credential-named key found in it.
struct FileKind: Sendable {
    enum Syntax: Sendable {
        case yaml, json, dotenv, shell, config, other
        /// Source code: only quoted literals are values (`password = var.db_password` and
        /// `os.environ["X"]` are expressions).
        case code
    }

    var syntax: Syntax
    /// The rule for a credential-named key with a literal value in this file.
    var keyRule: Rule

    static let codeExtensions: Set<String> = [
        "py", "tf", "hcl", "tfvars", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "java", "kt", "kts",
        "rb", "php", "cs", "rs", "swift", "scala", "groovy", "gradle", "c", "h", "cpp", "hpp", "lua",
    ]
    static let shellExtensions: Set<String> = ["sh", "bash", "zsh", "ksh", "fish", "mk", "ps1", "bat", "cmd"]
    static let configExtensions: Set<String> = [
        "properties", "ini", "conf", "cfg", "toml", "npmrc", "pypirc", "cnf", "service", "desktop",
    ]

    static func of(path: String) -> FileKind {
        let lower = Scanner.baseName(path).asciiLowercased
        let ext = lower.split(separator: ".", omittingEmptySubsequences: false).count > 1
            ? String(lower.split(separator: ".", omittingEmptySubsequences: false).last!) : ""
        if lower == ".env" || lower.hasPrefix(".env.") || ext == "env" {
            return FileKind(syntax: .dotenv, keyRule: .dotenv)
        }
        switch ext {
        case "yaml", "yml":
            let stem = lower.dropLast(ext.count + 1)
            let helm = stem == "values" || stem.hasPrefix("values-") || stem.hasPrefix("values.")
                || stem.hasSuffix("-values") || stem.hasSuffix("_values") || stem.hasSuffix(".values")
            return FileKind(syntax: .yaml, keyRule: helm ? .helmValues : .assignment)
        case "json":
            return FileKind(syntax: .json, keyRule: .assignment)
        case "kubeconfig":
            return FileKind(syntax: .yaml, keyRule: .kubeconfig)
        default:
            break
        }
        if codeExtensions.contains(ext) { return FileKind(syntax: .code, keyRule: .assignment) }
        if shellExtensions.contains(ext) || lower == "makefile" || lower == "dockerfile" || lower.hasPrefix("dockerfile.")
            || lower == ".bashrc" || lower == ".profile" || lower == ".envrc" {
            return FileKind(syntax: .shell, keyRule: .assignment)
        }
        if configExtensions.contains(ext) || lower.hasPrefix(".") && ext.isEmpty && lower.hasSuffix("rc") {
            return FileKind(syntax: .config, keyRule: .assignment)
        }
        return FileKind(syntax: .other, keyRule: .assignment)
    }

    /// YAML and JSON files are also read as documents, for the Kubernetes-aware rules.
    var isStructured: Bool { syntax == .yaml || syntax == .json }
}
