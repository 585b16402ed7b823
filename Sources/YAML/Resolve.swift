/// The typed value of a scalar after kustomize's round trip through yaml.v3 and JSON.
public enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A whole number, as canonical decimal text (it may exceed Int64).
    case int(String)
    case float(Double)
    case string(String)
}

extension Scalar {
    /// How yaml.v3 (YAML 1.2 core schema, as kustomize reads resources) types this scalar.
    public var resolved: ResolvedScalar {
        if let tag {
            switch tag {
            case "!!str": return .string(value)
            case "!!null": return .null
            case "!!bool":
                switch value {
                case "true", "True", "TRUE": return .bool(true)
                case "false", "False", "FALSE": return .bool(false)
                default: return .string(value)
                }
            case "!!int", "!!float":
                let r = Resolver.resolvePlain(value, allowTimestamp: false)
                switch r {
                case .int, .float: return r
                default: return .string(value)
                }
            case "!!timestamp":
                if let t = Timestamp.parse(value) { return .string(t) }
                return .string(value)
            case "!!binary":
                return .string(Base64.decodeLossy(value))
            case "!!map", "!!seq", "!!merge":
                return style.isQuoted ? .string(value) : Resolver.resolvePlain(value, allowTimestamp: true)
            default:
                if style.isQuoted { return .string(value) }
                // Custom tags are dropped; a plain scalar stays a string.
                return .string(value)
            }
        }
        if style.isQuoted { return .string(value) }
        return Resolver.resolvePlain(value, allowTimestamp: true)
    }

    /// True when this scalar is a string after yaml.v3 typing.
    public var isString: Bool {
        if case .string = resolved { return true }
        return false
    }
}

/// Scalar typing rules of yaml.v3 (input) and yaml.v2 (output, YAML 1.1).
public enum Resolver {
    /// yaml.v3's typing of an untagged plain scalar.
    public static func resolvePlain(_ s: String, allowTimestamp: Bool) -> ResolvedScalar {
        guard let first = s.utf8.first else { return .null }
        let n = s.utf8.count
        switch first {
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if n == 4 && (s.bytesEqual("true") || s.bytesEqual("True") || s.bytesEqual("TRUE")) { return .bool(true) }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if n == 5 && (s.bytesEqual("false") || s.bytesEqual("False") || s.bytesEqual("FALSE")) { return .bool(false) }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if n == 4 && (s.bytesEqual("null") || s.bytesEqual("Null") || s.bytesEqual("NULL")) { return .null }
        case UInt8(ascii: "~"):
            if n == 1 { return .null }
        case UInt8(ascii: "."):
            if n == 4 {
                if s.bytesEqual(".nan") || s.bytesEqual(".NaN") || s.bytesEqual(".NAN") { return .float(.nan) }
                if s.bytesEqual(".inf") || s.bytesEqual(".Inf") || s.bytesEqual(".INF") { return .float(.infinity) }
            }
            if let d = GoNumber.parseFloat(s) { return .float(d) }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if n == 5 && (first == UInt8(ascii: "+") || first == UInt8(ascii: "-")) {
                let rest = String(s.dropFirst())
                if rest.bytesEqual(".inf") || rest.bytesEqual(".Inf") || rest.bytesEqual(".INF") {
                    return .float(first == UInt8(ascii: "-") ? -.infinity : .infinity)
                }
            }
            if allowTimestamp, n >= 8, let t = Timestamp.parse(s) { return .string(t) }
            let plain = s.utf8.contains(UInt8(ascii: "_")) ? s.replacingAll("_", with: "") : s
            if let i = GoNumber.parseInt(plain) { return .int(i) }
            if GoNumber.isYAMLStyleFloat(plain), let d = GoNumber.parseFloat(plain) { return .float(d) }
        default:
            break
        }
        return .string(s)
    }

    /// True when yaml.v2 (YAML 1.1) would read `s`, written plain, as something other
    /// than a string; such strings are double-quoted on output.
    public static func isNonString11(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        switch first {
        case let c where startsSpecialWord(c):
            return isSpecialWord(s)
        case UInt8(ascii: "."):
            if s.utf8.count == 4 && isSpecialWord(s) { return true }
            return GoNumber.parseFloat(s) != nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Digits alone: an int, or (a leading 0 that is no octal, too large) a float
            // up to ~300 digits, where a float64 overflows.
            if s.utf8.count <= 300 && s.utf8.allSatisfy(isDigit) { return true }
            if s.utf8.count == 5 && isSpecialWord(s) { return true }
            if s.utf8.count >= 8, Timestamp.parse(s) != nil { return true }
            let plain = s.utf8.contains(UInt8(ascii: "_")) ? s.replacingAll("_", with: "") : s
            if GoNumber.parseInt(plain) != nil { return true }
            if GoNumber.isYAMLStyleFloat(plain), GoNumber.parseFloat(plain) != nil { return true }
            return isBase60Float(s)
        default:
            return false
        }
    }

    /// yaml.v2's base-60 float pattern `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    public static func isBase60Float(_ s: String) -> Bool {
        guard let f0 = s.utf8.first, isDigit(f0) || f0 == UInt8(ascii: "+") || f0 == UInt8(ascii: "-"),
              s.utf8.contains(UInt8(ascii: ":")) else { return false }
        var u = Array(s.utf8)[...]
        guard !u.isEmpty else { return false }
        if u.first == UInt8(ascii: "+") || u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        guard let f = u.first, isDigit(f) else { return false }
        u = u.dropFirst()
        while let c = u.first, isDigit(c) || c == UInt8(ascii: "_") { u = u.dropFirst() }
        var groups = 0
        while u.first == UInt8(ascii: ":") {
            u = u.dropFirst()
            // [0-5]?[0-9]
            let d = u.prefix(while: isDigit)
            if d.count == 1 {
                u = u.dropFirst()
            } else if d.count >= 2, d.first! <= UInt8(ascii: "5") {
                u = u.dropFirst(2)
            } else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            while let c = u.first, isDigit(c) || c == UInt8(ascii: "_") { u = u.dropFirst() }
        }
        return u.isEmpty
    }

    /// yaml.v2 YAML 1.1 typing, used for the kustomization file (read by sigs.k8s.io/yaml).
    public static func resolve11(_ s: Scalar) -> ResolvedScalar {
        if s.style.isQuoted || s.tagNumber == Tags.str { return .string(s.value) }
        let v = s.value
        guard let first = v.utf8.first else { return .null }
        // Booleans and nulls are short and start with one of these letters.
        if v.utf8.count <= 5 && Self.startsSpecialWord(first) {
            switch v {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
            case "~", "null", "Null", "NULL": return .null
            default: break
            }
        }
        if isNonString11(v) {
            let plain = v.utf8.contains(UInt8(ascii: "_")) ? v.replacingAll("_", with: "") : v
            if let i = GoNumber.parseInt(plain) { return .int(i) }
            if let d = GoNumber.parseFloat(plain) { return .float(d) }
            if Timestamp.parse(v) != nil { return .string(v) }
        }
        return .string(v)
    }

    static let yaml11Specials: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
        "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// The first bytes of YAML 1.1's boolean and null words.
    /// `yaml11Specials.contains(s)` without hashing: the words (five bytes at most)
    /// packed with their length into integers, looked up by binary search.
    static func isSpecialWord(_ s: String) -> Bool {
        guard let key = packedWord(s) else { return false }
        let words = packedSpecials
        var low = 0, high = words.count
        while low < high {
            let mid = (low + high) / 2
            if words[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < words.count && words[low] == key
    }

    static let packedSpecials: [UInt64] = yaml11Specials.compactMap(packedWord).sorted()

    /// A word of up to seven bytes as one integer (`PackedText.words`: its bytes and
    /// its length, both words fit in one).
    @inline(__always) static func packedWord(_ s: String) -> UInt64? {
        s.withBytes { u -> UInt64? in
            guard u.count <= 7 else { return nil }
            let w = PackedText.words(u)
            return w.0 | w.1
        }
    }

    @inline(__always) static func startsSpecialWord(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
             UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
             UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
