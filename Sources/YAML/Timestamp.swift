/// YAML timestamps as yaml.v2/yaml.v3 recognise them (Go `time.Parse` with the
/// layouts `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`).
public enum Timestamp {
    /// The RFC 3339 text (nanoseconds, trailing zeros trimmed) Go's JSON encoder
    /// writes for the timestamp `s`, or nil when `s` is not a timestamp.
    public static func parse(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard u.count >= 8 else { return nil }
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Int? {
            var n = 0
            var v = 0
            while i < u.count, n < max, u[i] >= 48, u[i] <= 57 {
                v = v * 10 + Int(u[i] - 48)
                i += 1
                n += 1
            }
            return n >= min ? v : nil
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < u.count, u[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4, 4), expect(UInt8(ascii: "-")),
              let month = digits(1, 2), expect(UInt8(ascii: "-")),
              let day = digits(1, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var frac: [UInt8] = []
        var offset: Int? = 0
        if i < u.count {
            let sep = u[i]
            let zoned: Bool
            switch sep {
            case UInt8(ascii: "T"), UInt8(ascii: "t"): zoned = true
            case UInt8(ascii: " "): zoned = false
            default: return nil
            }
            i += 1
            guard let h = digits(1, 2), expect(UInt8(ascii: ":")),
                  let m = digits(1, 2), expect(UInt8(ascii: ":")),
                  let sec = digits(1, 2) else { return nil }
            guard h < 24, m < 60, sec < 60 else { return nil }
            hour = h; minute = m; second = sec
            if i + 1 < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ","),
               u[i + 1] >= 48, u[i + 1] <= 57 {
                i += 1
                while i < u.count, u[i] >= 48, u[i] <= 57 {
                    if frac.count < 9 { frac.append(u[i]) }
                    i += 1
                }
            }
            if zoned {
                guard i < u.count else { return nil }
                if u[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                    let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard i + 5 <= u.count else { return nil }
                    let start = i
                    guard let oh = digits(2, 2), expect(UInt8(ascii: ":")), let om = digits(2, 2),
                          i - start == 5 else { return nil }
                    guard oh < 24, om < 60 else { return nil }
                    offset = sign * (oh * 60 + om)
                } else {
                    return nil
                }
            }
            guard i == u.count else { return nil }
        }
        _ = offset
        while frac.last == UInt8(ascii: "0") { frac.removeLast() }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
        if !frac.isEmpty { out += "." + String(decoding: frac, as: UTF8.self) }
        let off = offset ?? 0
        if off == 0 {
            out += "Z"
        } else {
            let a = abs(off)
            out += (off < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60)
        }
        return out
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
