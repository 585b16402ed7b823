import CYAML

/// Reads YAML text into `Node` values through libyaml's event API. Aliases are
/// replaced by copies of their anchored node and `<<` merge keys are expanded,
/// as kustomize does before it looks at a document.
public enum Parser {
    /// Every document of a stream. Empty documents are returned as null scalars.
    public static func parseAll(_ text: String) throws(YAMLError) -> [Node] {
        var docs: [Node] = []
        try parse(text, maxDocuments: Int.max) { docs.append($0) }
        return docs
    }

    /// The first document of a stream, or nil when the stream has none.
    /// Content after the first document is not parsed.
    public static func parseFirst(_ text: String) throws(YAMLError) -> Node? {
        var first: Node?
        try parse(text, maxDocuments: 1) { first = $0 }
        return first
    }

    /// Block-style text goes through `BlockParser`; anything it does not handle,
    /// through libyaml (always, with `fastPath` false: tests compare the two).
    static func parse(_ text: String, maxDocuments: Int, fastPath: Bool = true,
                      _ body: (Node) -> Void) throws(YAMLError) {
        var text = text
        let result: Result<Void, YAMLError> = text.withUTF8 { buf in
            if fastPath, let docs = BlockParser.parse(buf, maxDocuments: maxDocuments) {
                for doc in docs { body(doc) }
                return .success(())
            }
            var builder = TreeBuilder(maxDocuments: maxDocuments)
            do throws(YAMLError) {
                try builder.run(buf, body)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}

private struct Frame {
    enum Kind { case mapping, sequence }
    var kind: Kind
    var anchor: String?
    var mark: Mark
    var entries: [Entry] = []
    var items: [Node] = []
    var pendingKey: Scalar?
    var pendingMergeKey = false
    /// Mappings merged in by `<<`, applied when the mapping closes.
    var merges: [Mapping] = []
}

private struct TreeBuilder {
    let maxDocuments: Int
    var anchors: [String: Node] = [:]
    var stack: [Frame] = []
    var root: Node?

    init(maxDocuments: Int) { self.maxDocuments = maxDocuments }

    mutating func run(_ buf: UnsafeBufferPointer<UInt8>, _ body: (Node) -> Void) throws(YAMLError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLError("cannot initialise libyaml") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw Self.error(parser)
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll(keepingCapacity: true)
                root = nil
            case YAML_DOCUMENT_END_EVENT:
                body(root ?? .null)
                documents += 1
                if documents >= maxDocuments { return }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let style: ScalarStyle
                switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                var tagNumber: UInt32 = 0
                if let tag = Self.tag(s.tag) {
                    guard let n = Tags.numberIfRoom(tag) else {
                        throw YAMLError("more than \(Tags.limit) distinct tags", line: Int(event.start_mark.line) + 1)
                    }
                    tagNumber = n
                }
                let scalar = Scalar(value, style: style, tagNumber: tagNumber, mark: Self.mark(event.start_mark))
                try add(.scalar(scalar), anchor: Self.string(s.anchor), mark: scalar.mark)
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else {
                    throw YAMLError("unknown anchor '\(name)' referenced", line: Int(event.start_mark.line) + 1)
                }
                try add(node, anchor: nil, mark: Self.mark(event.start_mark), isAlias: true)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(kind: .sequence, anchor: Self.string(event.data.sequence_start.anchor),
                                   mark: Self.mark(event.start_mark)))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(kind: .mapping, anchor: Self.string(event.data.mapping_start.anchor),
                                   mark: Self.mark(event.start_mark)))
            case YAML_SEQUENCE_END_EVENT:
                let frame = stack.removeLast()
                try add(.sequence(frame.items), anchor: frame.anchor, mark: frame.mark)
            case YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                var mapping = Mapping(frame.entries, mark: frame.mark)
                if !frame.merges.isEmpty { mapping = Self.applyMerges(mapping, frame.merges) }
                try add(.mapping(mapping), anchor: frame.anchor, mark: frame.mark)
            default:
                break
            }
        }
    }

    mutating func add(_ node: Node, anchor: String?, mark: Mark, isAlias: Bool = false) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if stack[top].pendingMergeKey {
                stack[top].pendingMergeKey = false
                try merge(node, into: top, mark: mark, isAlias: isAlias)
            } else if let key = stack[top].pendingKey {
                stack[top].entries.append(Entry(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                guard case .scalar(let key) = node else {
                    throw YAMLError("complex mapping keys are not supported", line: Int(mark.line))
                }
                if key.style == .plain && key.value.bytesEqual("<<") && (key.tag == nil || key.tag == "!!merge") {
                    stack[top].pendingMergeKey = true
                } else {
                    stack[top].pendingKey = key
                }
            }
        }
    }

    mutating func merge(_ node: Node, into top: Int, mark: Mark, isAlias: Bool) throws(YAMLError) {
        switch node {
        case .mapping(let m):
            stack[top].merges.append(m)
        case .sequence(let items):
            for item in items {
                guard case .mapping(let m) = item else {
                    throw YAMLError("map merge requires map or sequence of maps as the value", line: Int(mark.line))
                }
                stack[top].merges.append(m)
            }
        default:
            if isAlias { throw YAMLError("invalid map merge: received alias for a non-map value", line: Int(mark.line)) }
            throw YAMLError("map merge requires map or sequence of maps as the value", line: Int(mark.line))
        }
    }

    /// Keys written in the mapping win over merged keys; earlier merges win over later ones.
    static func applyMerges(_ own: Mapping, _ merges: [Mapping]) -> Mapping {
        var seen = Set(own.entries.map(\.key.value))
        var result: [Entry] = []
        for m in merges {
            for e in m.entries where !seen.contains(e.key.value) {
                seen.insert(e.key.value)
                result.append(e)
            }
        }
        return Mapping(own.entries + result, mark: own.mark)
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    static func tag(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let t = string(p) else { return nil }
        if t.hasPrefix("tag:yaml.org,2002:") { return "!!" + t.dropFirst(18) }
        return t
    }

    static func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    /// The message and line yaml.v3 would report for a libyaml failure.
    static func error(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        var line = 0
        if parser.context_mark.line != 0 {
            line = Int(parser.context_mark.line)
        } else if parser.problem_mark.line != 0 {
            line = Int(parser.problem_mark.line)
        }
        if line != 0 && parser.error == YAML_SCANNER_ERROR { line += 1 }
        return YAMLError(problem, line: line, column: Int(parser.problem_mark.column) + 1)
    }
}
