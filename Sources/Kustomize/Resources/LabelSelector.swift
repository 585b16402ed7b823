/// A Kubernetes label selector in string form (`k8s.io/apimachinery/pkg/labels`
/// `Parse`): comma-separated requirements `k`, `!k`, `k=v`, `k==v`, `k!=v`,
/// `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`. Used for label and annotation
/// selectors of patch targets; an empty selector matches everything.
public struct LabelSelector: Sendable {
    enum Op: Sendable { case exists, notExists, `in`, notIn, greater, less }

    struct Requirement: Sendable {
        var key: String
        var op: Op
        var values: [String]
    }

    var requirements: [Requirement] = []

    public var isEmpty: Bool { requirements.isEmpty }

    public init(_ text: String) throws(KustomizeError) {
        var lexer = Lexer(Array(text.unicodeScalars))
        while true {
            var tok = lexer.next()
            if tok == .end { break }
            var negate = false
            if tok == .bang {
                negate = true
                tok = lexer.next()
            }
            guard case .word(let key) = tok else { throw Self.error(text, "found '\(tok.text)', expected: !, identifier, or 'end of string'") }
            var next = lexer.next()
            if negate {
                requirements.append(Requirement(key: key, op: .notExists, values: []))
                guard next == .comma || next == .end else { throw Self.error(text, "found '\(next.text)', expected: ',' or 'end of string'") }
                if next == .end { break }
                continue
            }
            switch next {
            case .comma, .end:
                requirements.append(Requirement(key: key, op: .exists, values: []))
            case .eq, .eqeq, .neq:
                let op: Op = next == .neq ? .notIn : .in
                var value = ""
                let v = lexer.next()
                if case .word(let w) = v {
                    value = w
                    next = lexer.next()
                } else {
                    next = v
                }
                requirements.append(Requirement(key: key, op: op, values: [value]))
            case .gt, .lt:
                guard case .word(let w) = lexer.next(), Int64(w) != nil else {
                    throw Self.error(text, "for 'Gt', 'Lt' operators, the value must be an integer")
                }
                requirements.append(Requirement(key: key, op: next == .gt ? .greater : .less, values: [w]))
                next = lexer.next()
            case .word(let w) where w == "in" || w == "notin":
                guard lexer.next() == .open else { throw Self.error(text, "found '\(w)', expected: '('") }
                var values: [String] = []
                loop: while true {
                    switch lexer.next() {
                    case .word(let v):
                        values.append(v)
                        let sep = lexer.next()
                        if sep == .close { break loop }
                        guard sep == .comma else { throw Self.error(text, "found '\(sep.text)', expected: ',' or ')'") }
                    case .comma:
                        values.append("")
                    case .close:
                        break loop
                    case let t:
                        throw Self.error(text, "found '\(t.text)', expected: ',', ')' or identifier")
                    }
                }
                requirements.append(Requirement(key: key, op: w == "in" ? .in : .notIn, values: values))
                next = lexer.next()
            default:
                throw Self.error(text, "found '\(next.text)', expected: in, notin, =, ==, !=, gt, lt")
            }
            if next == .end { break }
            guard next == .comma else { throw Self.error(text, "found '\(next.text)', expected: ',' or 'end of string'") }
        }
    }

    static func error(_ text: String, _ detail: String) -> KustomizeError {
        .message("unable to parse requirement: \(detail)")
    }

    /// True when every requirement holds for the given key/value pairs.
    public func matches(_ pairs: [(String, String)]) -> Bool {
        var map: [String: String] = [:]
        for (k, v) in pairs { map[k] = v }
        for r in requirements {
            let v = map[r.key]
            switch r.op {
            case .exists: if v == nil { return false }
            case .notExists: if v != nil { return false }
            case .in:
                guard let v, r.values.contains(v) else { return false }
            case .notIn:
                if let v, r.values.contains(v) { return false }
            case .greater, .less:
                guard let v, let have = Int64(v), let want = r.values.first.flatMap({ Int64($0) }) else { return false }
                if r.op == .greater ? !(have > want) : !(have < want) { return false }
            }
        }
        return true
    }

    enum Token: Equatable {
        case word(String), bang, comma, open, close, eq, eqeq, neq, gt, lt, end

        var text: String {
            switch self {
            case .word(let w): return w
            case .bang: return "!"
            case .comma: return ","
            case .open: return "("
            case .close: return ")"
            case .eq: return "="
            case .eqeq: return "=="
            case .neq: return "!="
            case .gt: return ">"
            case .lt: return "<"
            case .end: return ""
            }
        }
    }

    struct Lexer {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func next() -> Token {
            while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
            guard i < s.count else { return .end }
            let c = s[i]
            switch c {
            case "!":
                if i + 1 < s.count, s[i + 1] == "=" { i += 2; return .neq }
                i += 1
                return .bang
            case "=":
                if i + 1 < s.count, s[i + 1] == "=" { i += 2; return .eqeq }
                i += 1
                return .eq
            case ",": i += 1; return .comma
            case "(": i += 1; return .open
            case ")": i += 1; return .close
            case ">": i += 1; return .gt
            case "<": i += 1; return .lt
            default:
                var w = String.UnicodeScalarView()
                while i < s.count, !" \t\n\r!=,()<>".unicodeScalars.contains(s[i]) {
                    w.append(s[i])
                    i += 1
                }
                return .word(String(w))
            }
        }
    }
}
