import YAML

/// The builtin ValueAddTransformer: writes one value into fields of selected
/// resources, creating missing fields. `metadata/namespace` is set as the
/// namespace filter sets it (namespaced kinds only, `default` role binding
/// subjects); with `filePathPosition` > 0 the value is inserted as a segment of
/// the path the field holds instead of replacing it.
public struct ValueAddTransformer: Transformer {
    public struct Target: Sendable {
        public var selector: PatchTarget?
        /// `/`-separated; `\/` is a literal slash.
        public var fieldPath: String
        public var filePathPosition: Int
    }

    public var value: String
    public var targets: [Target]

    public init(value: String, targets: [Target]) {
        self.value = value
        self.targets = targets
    }

    /// Decodes a plugin config: `value` (default: the kustomization directory's
    /// name), `targets`, and `targetFilePath`, a file whose `targets` are appended.
    init(pluginConfig config: Node, context: BuildContext) throws(KustomizeError) {
        let prefix = pluginPrefix(config)
        let f = try EntryFields(config, known: ["value", "targets", "targetFilePath"], goPath: "plugin",
                                strict: false, messagePrefix: prefix + "error unmarshaling JSON: while decoding JSON: ")
        value = FieldPath.trim(try f.string("value"))
        if value.isEmpty { value = Paths.base(context.loader.directory) }
        targets = try Self.targets(f.node("targets"), prefix: prefix)
        let file = try f.string("targetFilePath")
        if !file.isEmpty {
            let text: String
            let node: Node?
            do throws(KustomizeError) {
                text = try context.loader.readText(file)
            } catch {
                throw error.wrapped(prefix)
            }
            do throws(YAMLError) { node = try Parser.parseFirst(text) } catch { throw .message(prefix + "\(error)") }
            if let node, let m = node.mapping {
                targets += try Self.targets(m["targets"], prefix: prefix)
            } else if let node, !node.isNull {
                throw .message(prefix + "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(Decoder().jsonType(node)) into Go value of type struct { Targets []builtins.Target \"json:\\\"targets,omitempty\\\" yaml:\\\"targets,omitempty\\\"\" }")
            }
        }
        guard !targets.isEmpty else { throw .message(prefix + "must specify at least one target") }
        for t in targets {
            if t.fieldPath.isEmpty { throw .message(prefix + "fieldPath cannot be empty") }
            if t.filePathPosition < 0 {
                throw .message(prefix + "value of FilePathPosition (\(t.filePathPosition)) cannot be negative")
            }
        }
    }

    static func targets(_ node: Node?, prefix: String) throws(KustomizeError) -> [Target] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else {
            throw .message(prefix + "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(Decoder().jsonType(node)) into Go struct field ValueAddTransformerPlugin.targets of type []builtins.Target")
        }
        var out: [Target] = []
        for item in items {
            let f = try EntryFields(item, known: ["selector", "fieldPath", "filePathPosition"],
                                    goPath: "ValueAddTransformerPlugin.targets", strict: false,
                                    messagePrefix: prefix + "error unmarshaling JSON: while decoding JSON: ")
            var selector: PatchTarget?
            if let s = f.node("selector") {
                do throws(KustomizeError) { selector = try PatchTarget(node: s) } catch { throw error.wrapped(prefix) }
            }
            out.append(Target(selector: selector, fieldPath: try f.string("fieldPath"),
                              filePathPosition: Int(try f.int64("filePathPosition"))))
        }
        return out
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        for target in targets {
            let selected = try target.selector?.select(resources) ?? Array(resources.resources.indices)
            for i in selected {
                if target.fieldPath == "metadata/namespace" {
                    try NamespaceTransformer(namespace: value, fieldSpecs: []).apply(to: &resources.resources[i], gvk: resources.resources[i].gvk, specs: [])
                } else {
                    try add(target, to: &resources.resources[i].node)
                }
            }
        }
    }

    /// kustomize's `valueadd.Filter`: looks the field up, creating it, and sets it.
    func add(_ target: Target, to node: inout Node) throws(KustomizeError) {
        var fields: [String] = []
        for part in target.fieldPath.split(separator: "/", omittingEmptySubsequences: false) {
            if let last = fields.last, last.hasSuffix("\\") {
                fields[fields.count - 1] = String(last.dropLast()) + "/" + part
            } else {
                fields.append(String(part))
            }
        }
        try Self.set(&node, fields[...]) { (old: Scalar?) -> Scalar in
            var text = value
            if target.filePathPosition > 0 {
                text = Self.insertPathPart(old?.value ?? "", target.filePathPosition - 1, value)
            }
            return Scalar(text, style: old?.style ?? .plain)
        }
    }

    /// Walks map keys (kyaml's `LookupCreate` for a scalar leaf), creating missing
    /// maps and the leaf; `make` receives the existing scalar, if any.
    static func set(_ node: inout Node, _ path: ArraySlice<String>,
                    _ make: (Scalar?) -> Scalar) throws(KustomizeError) {
        guard let rawKey = path.first else {
            switch node {
            case .scalar(let s): node = .scalar(make(s))
            default: throw FieldPath.wrongKind("ScalarNode", node)
            }
            return
        }
        let key = FieldPath.trim(rawKey)
        if key.isEmpty { return try set(&node, path.dropFirst(), make) }
        if FieldPath.isListSelector(key) || FieldPath.goAtoi(key) != nil || key == "-" {
            throw .unsupported("ValueAddTransformer field path segment '\(key)'")
        }
        if node.isNull { node = .mapping(Mapping()) }
        guard case .mapping(var m) = node else { throw FieldPath.wrongKind("MappingNode", node) }
        if let i = m.index(of: key) {
            node = .null
            defer { node = .mapping(m) }
            try set(&m.entries[i].value, path.dropFirst(), make)
        } else {
            var child: Node = path.count == 1 ? .scalar(make(nil)) : .mapping(Mapping())
            if path.count > 1 { try set(&child, path.dropFirst(), make) }
            m[key] = child
            node = .mapping(m)
        }
    }

    /// kyaml's `filesys.InsertPathPart`: `part` becomes segment `pos` of `path`; an
    /// absolute path stays absolute, positions past the end append.
    static func insertPathPart(_ path: String, _ pos: Int, _ part: String) -> String {
        if part.isEmpty { return path }
        var parts = pathSplit(path)
        var pos = max(0, min(pos, parts.count))
        if !parts.isEmpty && parts[0].isEmpty && pos < parts.count { pos += 1 }
        parts.insert(part, at: pos)
        return pathJoin(parts)
    }

    /// kyaml's `PathSplit`: segments, a leading empty one for an absolute path.
    static func pathSplit(_ path: String) -> [String] {
        if path.isEmpty { return [] }
        // Go's `filepath.Split`: everything up to and including the last slash.
        let dir: Substring, file: Substring
        let bytes = path.utf8
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
            // Split at the byte, as Go does (a following combining mark starts `file`).
            let after = bytes.index(after: slash)
            dir = Substring(bytes[..<after])
            file = Substring(bytes[after...])
        } else {
            dir = ""
            file = path[...]
        }
        if dir == "/" { return file.isEmpty ? [""] : ["", String(file)] }
        let trimmed = dir.hasSuffix("/") ? dir.dropLast() : dir
        if trimmed.isEmpty { return [String(file)] }
        return pathSplit(String(trimmed)) + [String(file)]
    }

    /// kyaml's `PathJoin`: joins with `/`; a leading empty part keeps the path absolute.
    static func pathJoin(_ parts: [String]) -> String {
        guard let first = parts.first else { return "" }
        if first.isEmpty { return "/" + cleanJoin(Array(parts.dropFirst())) }
        return cleanJoin(parts)
    }

    /// Go's `filepath.Join` for relative parts: empty parts dropped, then cleaned.
    static func cleanJoin(_ parts: [String]) -> String {
        let joined = parts.filter { !$0.isEmpty }.joined(separator: "/")
        if joined.isEmpty { return "" }
        return Paths.clean(joined)
    }
}
