import YAML

/// `vars:` substitution of `$(VAR)` in the `varReference` fields, run once at the
/// top level over all accumulated vars, after name references. Each var's value
/// is read from the final state of the resource it designated when declared.
public struct VarsTransformer: Transformer {
    public var vars: [Var]
    public init(vars: [Var]) { self.vars = vars }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        if vars.isEmpty { return }
        let values = try Self.values(vars, in: resources)
        var used = Set<String>()
        let specs = context.config.varReference
        for i in resources.resources.indices {
            let gvk = resources.resources[i].gvk
            var node = resources.resources[i].node
            for spec in specs where spec.applies(to: gvk) {
                do throws(KustomizeError) {
                    try FieldWalker.apply(&node, path: spec.path[...], create: false, leaf: .scalar) {
                        (field: inout Node) throws(KustomizeError) in
                        try VarExpansion.substitute(&field, values: values, used: &used)
                    }
                } catch {
                    throw error.wrapped("considering field '\(spec.pathString)' of object \(resources.resources[i].id): ")
                }
            }
            resources.resources[i].node = node
        }
        let unused = values.keys.filter { !used.contains($0) }.sorted()
        if !unused.isEmpty {
            context.warnings.add("well-defined vars that were never replaced: \(unused.joined(separator: ","))")
        }
    }

    /// Each var's value, from the first resource (in build order) it designated.
    static func values(_ vars: [Var], in map: ResourceMap) throws(KustomizeError) -> [String: VarValue] {
        var holder: [String: Int] = [:]
        for (i, r) in map.resources.enumerated() {
            for name in r.refVarNames where holder[name] == nil { holder[name] = i }
        }
        var out: [String: VarValue] = [:]
        for v in vars.sorted(by: { $0.name < $1.name }) {
            guard let i = holder[v.name] else {
                throw .message("var '\(v.goDescription)' cannot be mapped to a field in the set of known resources")
            }
            let notFound = KustomizeError.message("field specified in var '\(v.goDescription)' not found in corresponding resource")
            let parts = FieldPath.split(v.fieldPath).flatMap(Self.sliceIndex)
            let node: Node?
            do throws(KustomizeError) { node = try FieldPath.lookup(map.resources[i].node, parts) } catch { throw notFound }
            guard let node else { throw notFound }
            guard let value = VarValue(node) else { throw notFound }
            out[v.name] = value
        }
        return out
    }

    /// kyaml's `convertSliceIndex`: `ports[0]` is `ports`, `0`.
    static func sliceIndex(_ part: String) -> [String] {
        guard part.hasSuffix("]"), let open = part.lastIndex(of: "[") else { return [part] }
        let digits = part[part.index(after: open)..<part.index(before: part.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return [part] }
        let head = String(part[..<open])
        return head.isEmpty ? [String(digits)] : [head, String(digits)]
    }
}

/// A var's value as kustomize reads it with `GetFieldValue`: typed scalars;
/// maps and lists are not substituted.
public enum VarValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case unsupported

    init?(_ node: Node) {
        guard case .scalar(let s) = node else {
            self = .unsupported
            return
        }
        switch s.resolved {
        case .int:
            guard let i = FieldPath.goAtoi(s.value) else { return nil }
            self = .int(i)
        case .float:
            guard let d = Double(s.value) else { return nil }
            self = .float(d)
        case .bool:
            switch s.value {
            case "true", "True", "TRUE", "t", "T", "1": self = .bool(true)
            case "false", "False", "FALSE", "f", "F", "0": self = .bool(false)
            default: return nil
            }
        default:
            self = .string(s.value)
        }
    }

    /// Go's `%v`.
    var text: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return GoNumber.kustomizeFloatText(d)
        case .bool(let b): return b ? "true" : "false"
        case .unsupported: return ""
        }
    }

    /// The node that replaces a field that is exactly `$(VAR)`.
    var node: Node {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .scalar(Scalar(String(i)))
        case .float(let d): return .scalar(Scalar(GoNumber.kustomizeFloatText(d)))
        case .bool(let b): return .bool(b)
        case .unsupported: return .string("")
        }
    }
}

/// kustomize's `refvar` expansion: `$(NAME)` is replaced, `$$` is a literal `$`,
/// unknown names stay as they are.
enum VarExpansion {
    /// Substitutes in a scalar, each string value of a map, or each item of a list.
    static func substitute(_ node: inout Node, values: [String: VarValue], used: inout Set<String>) throws(KustomizeError) {
        switch node {
        case .scalar(let s):
            if s.isNull || !s.isString { return }
            node = expand(s.value, values: values, used: &used)
        case .mapping(var m):
            node = .null
            defer { node = .mapping(m) }
            for j in m.entries.indices {
                let key = m.entries[j].key
                guard key.isString else {
                    throw .message("invalid map key: value='\(key.value)', tag='\(key.tag ?? Self.tag(key))'")
                }
                guard case .scalar(let v) = m.entries[j].value, v.isString else { continue }
                m.entries[j].value = expand(v.value, values: values, used: &used)
            }
        case .sequence(var items):
            node = .null
            defer { node = .sequence(items) }
            for j in items.indices {
                guard case .scalar(let v) = items[j], v.isString else {
                    throw .message("invalid value type expect a string")
                }
                items[j] = expand(v.value, values: values, used: &used)
            }
        }
    }

    static func tag(_ s: Scalar) -> String {
        switch s.resolved {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int: return "!!int"
        case .float: return "!!float"
        case .string: return "!!str"
        }
    }

    /// The expanded node: typed when the whole text is one known `$(VAR)`.
    static func expand(_ input: String, values: [String: VarValue], used: inout Set<String>) -> Node {
        let bytes = Array(input.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            guard bytes[cursor] == UInt8(ascii: "$"), cursor + 1 < bytes.count else {
                cursor += 1
                continue
            }
            out += bytes[checkpoint..<cursor]
            let next = bytes[cursor + 1]
            var advance = 1
            if next == UInt8(ascii: "$") {
                out.append(next)
            } else if next == UInt8(ascii: "("),
                      let close = bytes[(cursor + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                advance = close - cursor
                let value = values[name].flatMap { $0 == .unsupported ? nil : $0 }
                if value != nil { used.insert(name) }
                if close == bytes.count - 1 && cursor == 0 {
                    return value?.node ?? .string(input)
                }
                if let value { out += Array(value.text.utf8) } else { out += bytes[cursor...close] }
            } else if next == UInt8(ascii: "(") {
                out += Array("$(".utf8)
            } else {
                out.append(UInt8(ascii: "$"))
                out.append(next)
            }
            cursor += advance + 1
            checkpoint = cursor
        }
        out += bytes[min(checkpoint, bytes.count)...]
        return .string(String(decoding: out, as: UTF8.self))
    }
}
