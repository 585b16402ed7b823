/// A Kubernetes label selector string (`app=web,tier!=db,env in (a,b),!legacy`),
/// as used by `labelSelector`/`annotationSelector` of patch targets and
/// replacements. An empty selector matches everything.
struct LabelSelector {
    enum Op { case exists, notExists, equals, notEquals, isIn, notIn, greater, less }
    struct Requirement {
        var key: String
        var op: Op
        var values: [String]
    }
    var requirements: [Requirement] = []

    init(_ text: String) throws(KustomizeError) {
        var tokens = Self.tokenize(text)[...]
        func fail() -> KustomizeError { .message("unable to parse requirement: invalid selector \"\(text)\"") }
        while let first = tokens.first {
            if first == "," { tokens.removeFirst(); continue }
            var negate = false
            if first == "!" { negate = true; tokens.removeFirst() }
            guard let key = tokens.popFirst(), Self.isIdentifier(key) else { throw fail() }
            if negate {
                requirements.append(Requirement(key: key, op: .notExists, values: []))
                continue
            }
            guard let op = tokens.first, op != "," else {
                requirements.append(Requirement(key: key, op: .exists, values: []))
                continue
            }
            tokens.removeFirst()
            switch op {
            case "=", "==", "!=", ">", "<":
                var value = ""
                if let v = tokens.first, Self.isIdentifier(v) { value = v; tokens.removeFirst() }
                let kind: Op = op == "!=" ? .notEquals : op == ">" ? .greater : op == "<" ? .less : .equals
                requirements.append(Requirement(key: key, op: kind, values: [value]))
            case "in", "notin":
                guard tokens.popFirst() == "(" else { throw fail() }
                var values: [String] = []
                while let t = tokens.popFirst(), t != ")" {
                    if t == "," { continue }
                    guard Self.isIdentifier(t) else { throw fail() }
                    values.append(t)
                }
                requirements.append(Requirement(key: key, op: op == "in" ? .isIn : .notIn, values: values))
            default:
                throw fail()
            }
        }
    }

    static func isIdentifier(_ t: String) -> Bool {
        !["!", "=", "==", "!=", ",", "(", ")", ">", "<"].contains(t)
    }

    static func tokenize(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        var i = 0
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n":
                flush()
            case ",", "(", ")", ">", "<":
                flush(); out.append(String(c))
            case "!", "=":
                flush()
                if i + 1 < chars.count, chars[i + 1] == "=" {
                    out.append(String(c) + "="); i += 1
                } else {
                    out.append(String(c))
                }
            default:
                current.append(c)
            }
            i += 1
        }
        flush()
        return out
    }

    /// True when every requirement holds for `labels`.
    func matches(_ labels: [(String, String)]) -> Bool {
        if requirements.isEmpty { return true }
        var dict: [String: String] = [:]
        for (k, v) in labels { dict[k] = v }
        return matches { dict[$0] }
    }

    /// True when every requirement holds for the value `value(key)` gives each key.
    func matches(value: (String) -> String?) -> Bool {
        requirements.allSatisfy { r in
            let v = value(r.key)
            switch r.op {
            case .exists: return v != nil
            case .notExists: return v == nil
            case .equals, .isIn: return v.map(r.values.contains) ?? false
            case .notEquals, .notIn: return v.map { !r.values.contains($0) } ?? true
            case .greater, .less:
                guard let v, let n = Int(v), let bound = r.values.first.flatMap({ Int($0) }) else { return false }
                return r.op == .greater ? n > bound : n < bound
            }
        }
    }
}
