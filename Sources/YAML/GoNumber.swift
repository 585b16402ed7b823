/// Number parsing and formatting with the exact rules of Go's `strconv` and
/// `encoding/json`, which decide how kustomize prints numbers.
public enum GoNumber {
    /// `strconv.ParseInt(s, 0, 64)` falling back to `ParseUint(s, 0, 64)`: the
    /// canonical decimal text, or nil. Base prefixes 0x, 0o, 0b and a leading 0 (octal).
    public static func parseInt(_ s: String) -> String? {
        var u = Array(s.utf8)[...]
        var negative = false
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            u = u.dropFirst()
        }
        guard !u.isEmpty else { return nil }
        var base: UInt64 = 10
        if u.first == UInt8(ascii: "0"), u.count > 1 {
            let p = u[u.startIndex + 1] | 0x20
            switch p {
            case UInt8(ascii: "x"): base = 16; u = u.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; u = u.dropFirst(2)
            case UInt8(ascii: "b"): base = 2; u = u.dropFirst(2)
            default: base = 8; u = u.dropFirst(1)
            }
            guard !u.isEmpty else { return nil }
        }
        var value: UInt64 = 0
        for c in u {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - 97 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - 65 + 10)
            default: return nil
            }
            guard d < base else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        if negative {
            // ParseInt: must fit in Int64; ParseUint rejects a sign.
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return value == 0 ? "0" : "-" + String(value)
        }
        return String(value)
    }

    /// yaml's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    public static func isYAMLStyleFloat(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            let n = u.prefix(while: isDigit).count
            guard n > 0 else { return false }
            u = u.dropFirst(n)
        } else {
            let n = u.prefix(while: isDigit).count
            guard n > 0 else { return false }
            u = u.dropFirst(n)
            if u.first == UInt8(ascii: ".") {
                u = u.dropFirst()
                u = u.dropFirst(u.prefix(while: isDigit).count)
            }
        }
        if let e = u.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            u = u.dropFirst()
            if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
            let n = u.prefix(while: isDigit).count
            guard n > 0 else { return false }
            u = u.dropFirst(n)
        }
        return u.isEmpty
    }

    /// A decimal float as Go's ParseFloat reads it (no hex floats, no underscores,
    /// no inf/nan words), or nil; nil also when the value is out of range.
    public static func parseFloat(_ s: String) -> Double? {
        guard isYAMLStyleFloat(s) else { return nil }
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// The shortest decimal digits that round-trip `d` (d finite, not zero) and the
    /// decimal exponent: value = 0.DIGITS × 10^point.
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], point: Int) {
        let text = Array(abs(d).description.utf8)
        var mantissa: [UInt8] = []
        var exp = 0
        var dotPos: Int? = nil
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exp = Int(String(decoding: text[(i + 1)...], as: UTF8.self)) ?? 0
                break
            }
            if c == UInt8(ascii: ".") {
                dotPos = mantissa.count
            } else {
                mantissa.append(c)
            }
            i += 1
        }
        var point = (dotPos ?? mantissa.count) + exp
        while let f = mantissa.first, f == UInt8(ascii: "0"), mantissa.count > 1 {
            mantissa.removeFirst()
            point -= 1
        }
        while let l = mantissa.last, l == UInt8(ascii: "0"), mantissa.count > 1 { mantissa.removeLast() }
        return (mantissa, point)
    }

    /// `strconv.FormatFloat(d, 'f', -1, 64)`.
    static func formatF(digits: [UInt8], point: Int, negative: Bool) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if point <= 0 {
            out += Array("0.".utf8)
            out += [UInt8](repeating: UInt8(ascii: "0"), count: -point)
            out += digits
        } else if point >= digits.count {
            out += digits
            out += [UInt8](repeating: UInt8(ascii: "0"), count: point - digits.count)
        } else {
            out += digits[..<point]
            out.append(UInt8(ascii: "."))
            out += digits[point...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.FormatFloat(d, 'e', -1, 64)`: at least two exponent digits.
    static func formatE(digits: [UInt8], point: Int, negative: Bool) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.append(digits[0])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out += digits[1...]
        }
        out.append(UInt8(ascii: "e"))
        let e = point - 1
        out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let a = abs(e)
        if a < 10 { out.append(UInt8(ascii: "0")) }
        out += Array(String(a).utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// How a float value decoded by yaml.v3 is printed after Go `encoding/json`
    /// and the yaml.v2 round trip: an integer when the JSON text is one that fits
    /// 64 bits, otherwise `FormatFloat(v, 'g', -1, 64)`.
    public static func kustomizeFloatText(_ d: Double) -> String {
        if d == 0 { return "0" }
        let (digits, point) = shortestDigits(d)
        let negative = d < 0
        let a = abs(d)
        let jsonText: String
        var isExp = false
        if a < 1e-6 || a >= 1e21 {
            isExp = true
            jsonText = formatE(digits: digits, point: point, negative: negative)
        } else {
            jsonText = formatF(digits: digits, point: point, negative: negative)
        }
        if !isExp, !jsonText.contains("."), let i = parseInt(jsonText) { return i }
        // yaml.v2 float → 'g' with shortest digits: %e when exp < -4 || exp >= 6.
        let exp = point - 1
        if exp < -4 || exp >= 6 {
            return formatE(digits: digits, point: point, negative: negative)
        }
        return formatF(digits: digits, point: point, negative: negative)
    }
}
