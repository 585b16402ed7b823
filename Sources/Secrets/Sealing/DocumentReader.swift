import YAML

/// Reads the fields of one YAML or JSON document the way Go decodes them into typed
/// Kubernetes structs: YAML 1.1 scalars coerced into string fields, unknown fields dropped.
/// Errors name the file, the line and the field, never a value.
struct DocumentReader {
    let file: String
    /// Added to node lines when the document was parsed out of a larger text (JSON streams).
    var lineOffset = 0

    func origin(_ node: Node?) -> String {
        let line = Int(node?.mark.line ?? 0)
        return line > 0 ? "\(file):\(line + lineOffset)" : file
    }

    func fail(_ node: Node?, _ problem: String) -> SealError {
        .input(origin: origin(node), problem: problem)
    }

    /// A Go `string` field; null reads as empty.
    func string(_ node: Node?, _ field: String) throws(SealError) -> String {
        guard let node else { return "" }
        guard case .scalar(let s) = node else { throw fail(node, "\(field) must be a string") }
        return GoText.string(s)
    }

    /// A Go `map[string]string` field; null reads as empty.
    func stringMap(_ node: Node?, _ field: String) throws(SealError) -> [String: String] {
        guard let node, !node.isNull else { return [:] }
        guard case .mapping(let m) = node else { throw fail(node, "\(field) must be a mapping") }
        var out: [String: String] = [:]
        for e in m.entries {
            let key = GoText.string(e.key)
            out[key] = try string(e.value, "\(field).\(key)")
        }
        return out
    }

    /// A Go `[]string` field; null reads as empty.
    func stringList(_ node: Node?, _ field: String) throws(SealError) -> [String] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items) = node else { throw fail(node, "\(field) must be a list") }
        var out: [String] = []
        for (i, item) in items.enumerated() { out.append(try string(item, "\(field)[\(i)]")) }
        return out
    }

    /// A Go `*bool` field.
    func bool(_ node: Node?, _ field: String) throws(SealError) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let s) = node, case .bool(let b) = Resolver.resolve11(s) else {
            throw fail(node, "\(field) must be true or false")
        }
        return b
    }

    /// A Go integer field, as canonical decimal text.
    func integer(_ node: Node?, _ field: String) throws(SealError) -> String? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let s) = node, case .int(let t) = Resolver.resolve11(s) else {
            throw fail(node, "\(field) must be an integer")
        }
        return t
    }

    /// A `metav1.Time` field, normalised to RFC 3339 UTC.
    func time(_ node: Node?, _ field: String) throws(SealError) -> String? {
        guard let node, !node.isNull else { return nil }
        let text = try string(node, field)
        guard let t = GoText.rfc3339UTC(text) else { throw fail(node, "\(field) must be an RFC 3339 time") }
        return t
    }

    /// An arbitrary JSON value kept as a node (`fieldsV1`). Keys of YAML input are sorted
    /// bytewise, because kubeseal sees YAML through a Go map; JSON input keeps its order.
    func json(_ node: Node, sortKeys: Bool) -> Node {
        switch node {
        case .scalar(let s): return GoText.typed(s)
        case .sequence(let items): return .sequence(items.map { json($0, sortKeys: sortKeys) })
        case .mapping(let m):
            var seen: [String: Int] = [:]
            var entries: [Entry] = []
            for e in m.entries {
                let entry = Entry(key: Scalar(GoText.string(e.key), style: .doubleQuoted), value: json(e.value, sortKeys: sortKeys))
                if let i = seen[entry.key.value] { entries[i] = entry } else {
                    seen[entry.key.value] = entries.count
                    entries.append(entry)
                }
            }
            if sortKeys { entries.sort { $0.key.value.utf8.lexicographicallyPrecedes($1.key.value.utf8) } }
            return .mapping(Mapping(entries))
        }
    }
}

/// One document of an input stream and where it starts.
struct SourceDocument {
    var node: Node
    var reader: DocumentReader
    var isJSON: Bool
}

/// Splits input the way kubeseal does (FORMAT.md §3): a stream of JSON objects when the first
/// non-blank character is `{`, otherwise YAML documents. Empty documents are dropped.
enum DocumentStream {
    static func read(_ text: String, file: String) throws(SealError) -> [SourceDocument] {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if trimmed.first == "{" {
            var out: [SourceDocument] = []
            for chunk in try jsonObjects(text, file: file) {
                let reader = DocumentReader(file: file, lineOffset: chunk.line - 1)
                do {
                    if let node = try Parser.parseFirst(chunk.text), !node.isNull {
                        out.append(SourceDocument(node: node, reader: reader, isJSON: true))
                    }
                } catch {
                    throw SealError.input(origin: "\(file):\(chunk.line + max(error.line, 1) - 1)", problem: "invalid JSON: \(error.message)")
                }
            }
            return out
        }
        let docs: [Node]
        do {
            docs = try Parser.parseAll(text)
        } catch {
            throw SealError.input(origin: error.line > 0 ? "\(file):\(error.line)" : file, problem: "invalid YAML: \(error.message)")
        }
        return docs.filter { !$0.isNull }.map { SourceDocument(node: $0, reader: DocumentReader(file: file), isJSON: false) }
    }

    /// Top-level JSON objects, one after another, with the line each starts on.
    static func jsonObjects(_ text: String, file: String) throws(SealError) -> [(text: String, line: Int)] {
        var out: [(String, Int)] = []
        let u = Array(text.utf8)
        var depth = 0, inString = false, escaped = false
        var start = 0, line = 1, startLine = 1
        for (i, c) in u.enumerated() {
            if c == 10 { line += 1 }
            if inString {
                if escaped { escaped = false } else if c == 92 { escaped = true } else if c == 34 { inString = false }
                continue
            }
            switch c {
            case 34 where depth > 0: inString = true
            case 123, 91:
                if depth == 0 {
                    guard c == 123 else { throw SealError.input(origin: "\(file):\(line)", problem: "invalid JSON: expected an object") }
                    start = i
                    startLine = line
                }
                depth += 1
            case 125, 93:
                depth -= 1
                if depth < 0 { throw SealError.input(origin: "\(file):\(line)", problem: "invalid JSON: unbalanced brackets") }
                if depth == 0 { out.append((String(decoding: u[start...i], as: UTF8.self), startLine)) }
            case 32, 9, 10, 13: break
            default:
                if depth == 0 { throw SealError.input(origin: "\(file):\(line)", problem: "invalid JSON: unexpected text between objects") }
            }
        }
        if depth != 0 || inString { throw SealError.input(origin: "\(file):\(line)", problem: "invalid JSON: unexpected end of input") }
        return out
    }
}
