import YAML

/// A string field holding JSON or YAML text (`data.config\.json`), which a
/// replacement field path may continue into. Written back compactly as JSON
/// (keys sorted, or indented by two when the original was indented) or as YAML.
enum StructuredScalar {
    static func parse(_ text: String) throws(KustomizeError) -> Node {
        do {
            return try Parser.parseFirst(text) ?? .null
        } catch {
            throw .message("\(error)")
        }
    }

    static func serialize(_ node: Node, like original: String) throws(KustomizeError) -> String {
        let first = FieldPath.trim(original).first
        if first == "{" || first == "[" {
            let pretty = original.contains("\n") && original.contains("  ")
            var out: [UInt8] = []
            do {
                if pretty { try writeIndented(node, indent: 0, into: &out) } else { try JSON.write(node, into: &out) }
            } catch {
                throw .message("failed to marshal JSON data")
            }
            return String(decoding: out, as: UTF8.self)
        }
        do {
            return FieldPath.trim(try Emitter.emit(node))
        } catch {
            throw .message("failed to serialize YAML data: \(error)")
        }
    }

    /// Go's `json.MarshalIndent(v, "", "  ")`.
    static func writeIndented(_ node: Node, indent: Int, into out: inout [UInt8]) throws(YAMLError) {
        let pad = { (n: Int, out: inout [UInt8]) in out.append(10); out += Array(repeating: 32, count: n) }
        switch node {
        case .scalar: try JSON.write(node, into: &out)
        case .sequence(let items):
            if items.isEmpty { out += Array("[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                pad(indent + 2, &out)
                try writeIndented(item, indent: indent + 2, into: &out)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .mapping(let m):
            if m.isEmpty { out += Array("{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let sorted = m.entries.sorted { $0.key.value.utf8.lexicographicallyPrecedes($1.key.value.utf8) }
            for (i, e) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                pad(indent + 2, &out)
                JSON.writeString(e.key.value, into: &out)
                out += Array(": ".utf8)
                try writeIndented(e.value, indent: indent + 2, into: &out)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }
}
