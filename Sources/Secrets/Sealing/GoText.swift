import YAML

/// How Go text ends up in kubeseal's objects: YAML 1.1 scalars coerced into string fields
/// (sigs.k8s.io/yaml + yaml.v2) and `metav1.Time` normalised to RFC 3339 UTC.
enum GoText {
    /// The string a Go `string` field receives for a scalar (FORMAT.md §3): unquoted `0123` → `83`,
    /// `yes` → `true`, `1.10` → `1.1` (float32 formatting), `~` or empty → empty.
    static func string(_ s: Scalar) -> String {
        switch Resolver.resolve11(s) {
        case .string(let t): return t
        case .bool(let b): return b ? "true" : "false"
        case .int(let t): return t
        case .float(let d): return float32(d)
        case .null: return ""
        }
    }

    /// A JSON-shaped node for a value with no Go type of its own (`fieldsV1`): YAML 1.1 typing.
    static func typed(_ s: Scalar) -> Node {
        switch Resolver.resolve11(s) {
        case .string(let t): return .string(t)
        case .bool(let b): return .bool(b)
        case .int(let t): return .scalar(Scalar(t))
        case .float(let d): return d.isFinite ? .scalar(Scalar(GoNumber.kustomizeFloatText(d))) : .string(float32(d))
        case .null: return .null
        }
    }

    /// `strconv.FormatFloat(d, 'g', -1, 32)`.
    static func float32(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
        let f = Float(d)
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        if f.isInfinite { return f > 0 ? "+Inf" : "-Inf" }
        // Swift prints the shortest round-tripping digits; re-lay them out the way Go does.
        var text = Substring(abs(f).description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits = ""
        var point = 0
        var seenPoint = false
        for c in text {
            if c == "." { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        point += exponent
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let sign = f < 0 ? "-" : ""
        let exp = point - 1
        if exp < -4 || exp >= 6 {
            var m = String(digits.first ?? "0")
            if digits.count > 1 { m += "." + digits.dropFirst() }
            let a = abs(exp)
            return sign + m + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + String(a)
        }
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count)
        }
        let i = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<i] + "." + digits[i...]
    }

    /// `metav1.Time` round trip: RFC 3339 in, `2006-01-02T15:04:05Z` (UTC, whole seconds) out.
    static func rfc3339UTC(_ s: String) -> String? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for c in u[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count >= 20, let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              u[10] == 84 || u[10] == 116, let h = num(11, 2), u[13] == 58, let mi = num(14, 2), u[16] == 58,
              let sec = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 60
        else { return nil }
        var i = 19
        if i < u.count, u[i] == 46 {
            i += 1
            let start = i
            while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        var offset = 0
        guard i < u.count else { return nil }
        if u[i] == 90 || u[i] == 122 {
            i += 1
        } else if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (u[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let total = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset
        let days = Int((Double(total) / 86400).rounded(.down))
        let rest = total - days * 86400
        let (cy, cm, cd) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var year = String(cy)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(cm))-\(two(cd))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's algorithm.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
