/// One generated data entry: a key and the raw bytes of its value.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }

    public init(key: String, text: String) {
        self.init(key: key, value: Array(text.utf8))
    }
}

/// The key/value pairs of a generator, collected as kustomize's `kv.loader`
/// does: env files, then literals, then files. Keys are not validated.
public enum KeyValueSources {
    /// All pairs of `args`, with kustomize's `loading KV pairs: …` errors.
    public static func pairs(_ args: GeneratorArgs, loader: Loader) throws(KustomizeError) -> [KeyValue] {
        var all: [KeyValue] = []
        do throws(KustomizeError) {
            for path in args.envs { all += try EnvFile.pairs(try loader.readBytes(path)) }
        } catch {
            throw error.wrapped("loading KV pairs: env source files: \(goList(args.envs)): ")
        }
        do throws(KustomizeError) {
            for source in args.literals { all.append(try literal(source)) }
        } catch {
            throw error.wrapped("loading KV pairs: literal sources \(goList(args.literals)): ")
        }
        do throws(KustomizeError) {
            for source in args.files {
                let (key, path) = try fileSource(source)
                all.append(KeyValue(key: key, value: try loader.readBytes(path)))
            }
        } catch {
            throw error.wrapped("loading KV pairs: file sources: \(goList(args.files)): ")
        }
        return all
    }

    /// A `key=value` literal: split at the first `=`, one pair of matching
    /// surrounding quotes removed from the value.
    public static func literal(_ source: String) throws(KustomizeError) -> KeyValue {
        let bytes = Array(source.utf8)
        guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")), eq > 0 else {
            throw .message("invalid literal source \(source), expected key=value")
        }
        let key = String(decoding: bytes[..<eq], as: UTF8.self)
        var value = Array(bytes[(eq + 1)...])
        if value.count >= 2, value[0] == value[value.count - 1],
           value[0] == UInt8(ascii: "\"") || value[0] == UInt8(ascii: "'") {
            value = Array(value[1..<(value.count - 1)])
        }
        return KeyValue(key: key, value: value)
    }

    /// A file source `path` (key = the path's last element) or `key=path`.
    public static func fileSource(_ source: String) throws(KustomizeError) -> (key: String, path: String) {
        let parts = source.utf8.split(separator: UInt8(ascii: "="), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        switch parts.count {
        case 1:
            return (Paths.base(source), source)
        case 2 where parts[0].isEmpty:
            throw .message("missing key name for file path \(goQuote(parts[1])) in source \(goQuote(source))")
        case 2 where parts[1].isEmpty:
            throw .message("missing file path for key name \(goQuote(parts[0])) in source \(goQuote(source))")
        case 2:
            return (parts[0], parts[1])
        default:
            throw .message("source \(goQuote(source)) key name or file path contains '='")
        }
    }

    /// A string slice as Go's `%v` prints it: `[a b c]`.
    static func goList(_ items: [String]) -> String {
        "[" + items.joined(separator: " ") + "]"
    }
}

