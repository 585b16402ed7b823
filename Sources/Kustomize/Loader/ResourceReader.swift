import Foundation
import YAML

/// Turns the text of a resource file into resources, with kustomize's reading
/// rules: CRLF folded, documents split at `---` lines, only the first YAML
/// document of each piece read, `…List` items inlined, empty documents skipped.
public enum ResourceReader {
    public static func resources(fromText text: String, origin: String) throws(KustomizeError) -> [Resource] {
        try resources(fromNodes: documents(fromText: text).get(origin: origin), origin: origin)
    }

    /// The parsed documents of a resource file, or why they could not be parsed.
    public enum Documents: Sendable {
        case parsed([Node])
        case malformed(YAMLError)
        case invalid(KustomizeError)

        public func get(origin: String) throws(KustomizeError) -> [Node] {
            switch self {
            case .parsed(let nodes): return nodes
            case .malformed(let e): throw .message("MalformedYAMLError: \(e) in File: \(origin)")
            case .invalid(let e): throw e
            }
        }
    }

    /// Splits and parses a resource file (the part of reading that can run in parallel).
    public static func documents(fromText text: String) -> Documents {
        var nodes: [Node] = []
        let pieces: [String]
        do throws(KustomizeError) {
            pieces = try split(text)
        } catch {
            return .invalid(error)
        }
        for piece in pieces {
            let doc: Node?
            do throws(YAMLError) {
                doc = try Parser.parseFirst(piece)
            } catch {
                return .malformed(error)
            }
            guard let doc, !doc.isNull else { continue }
            nodes.append(doc)
        }
        return .parsed(nodes)
    }

    /// Validates objects and inlines lists. With a single `List`, its items replace
    /// it in place; otherwise list items move to the end.
    public static func resources(fromNodes nodes: [Node], origin: String) throws(KustomizeError) -> [Resource] {
        var out: [Resource] = []
        var queue = nodes[...]
        var tail: [Node] = []
        while true {
            if queue.isEmpty {
                if tail.isEmpty { break }
                queue = tail[...]
                tail = []
            }
            let node = queue.removeFirst()
            guard let m = node.mapping else { throw .message("missing Resource metadata") }
            let kind = m["kind"]?.string ?? ""
            if kind.hasSuffix("List"), let items = m["items"] {
                if let seq = items.sequence {
                    tail.append(contentsOf: seq.filter { !$0.isNull })
                } else if !items.isNull {
                    throw .message("items of \(kind) must be a list")
                }
                continue
            }
            guard !kind.isEmpty else { throw .message("missing kind in object \(describe(node))") }
            let r = Resource(node: node, origin: origin)
            if r.name.isEmpty && !kind.hasSuffix("List") {
                throw .message("missing metadata.name in object \(describe(node))")
            }
            if let md = node["metadata"], !md.isNull, md.mapping == nil {
                throw .message("metadata of \(kind) must be a mapping")
            }
            out.append(r)
        }
        return out
    }

    /// `{{apiVersion kind} {{name namespace} map[labels] map[annotations]}}`, as kustomize prints.
    static func describe(_ node: Node) -> String {
        func map(_ n: Node?) -> String {
            guard let m = n?.mapping else { return "map[]" }
            let items = m.entries.map { ($0.key.value, $0.value.scalar?.value ?? "") }
                .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return "map[" + items.map { "\($0.0):\($0.1)" }.joined(separator: " ") + "]"
        }
        let av = node["apiVersion"]?.string ?? ""
        let k = node["kind"]?.string ?? ""
        let n = node[["metadata", "name"]]?.string ?? ""
        let ns = node[["metadata", "namespace"]]?.string ?? ""
        return "{{\(av) \(k)} {{\(n) \(ns)} \(map(node[["metadata", "labels"]])) \(map(node[["metadata", "annotations"]]))}}"
    }

    /// Splits at lines starting with `---`; the rest of such a line may only be
    /// blanks or a comment. The first line is never a split point.
    static func split(_ text: String) throws(KustomizeError) -> [String] {
        var text = text
        if text.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 13, $0.count) != nil }), text.contains("\r\n") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
        }
        // Scanned in place: most files are one piece, returned as they are.
        let found: Result<[String], KustomizeError> = text.withUTF8 { bytes in
            var pieces: [String] = []
            var pieceStart = 0
            var lineStart = 0
            var firstLine = true
            let n = bytes.count
            func piece(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            while lineStart <= n {
                // Line ends found with memchr (vectorised): this runs over every input byte.
                var lineEnd = n
                if lineStart < n, let nl = memchr(bytes.baseAddress! + lineStart, 10, n - lineStart) {
                    lineEnd = bytes.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                }
                if !firstLine, lineEnd - lineStart >= 3, bytes[lineStart] == 45, bytes[lineStart + 1] == 45,
                   bytes[lineStart + 2] == 45 {
                    var j = lineStart + 3
                    while j < lineEnd && (bytes[j] == 32 || bytes[j] == 9) { j += 1 }
                    if j < lineEnd && bytes[j] != UInt8(ascii: "#") {
                        return .failure(.message("invalid document separator: \(piece(lineStart..<lineEnd))"))
                    }
                    // The piece keeps the newline that ends its last line.
                    pieces.append(piece(pieceStart..<lineStart))
                    pieceStart = min(lineEnd + 1, n)
                }
                firstLine = false
                lineStart = lineEnd + 1
            }
            if !pieces.isEmpty { pieces.append(piece(pieceStart..<n)) }
            return .success(pieces)
        }
        var pieces = try found.get()
        if pieces.isEmpty { pieces = [text] }
        return pieces.map { $0.utf8.first == 0xEF && $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
    }
}
