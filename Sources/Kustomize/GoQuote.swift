/// Go's `%q` (`strconv.Quote`): double quotes, backslash escapes, printable Unicode kept,
/// as kustomize quotes texts in its messages.
func goQuote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{0B}": out += "\\v"
        default:
            if u == " " {
                out += " "
            } else if u.value < 0x20 || u.value == 0x7F {
                out += "\\x" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16)
            } else if !u.properties.isPrintableish {
                out += u.value <= 0xFFFF
                    ? "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                    : "\\U" + String(repeating: "0", count: 8 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

extension Unicode.Scalar.Properties {
    /// Approximates Go's `unicode.IsPrint` (graphic characters and the ASCII space).
    var isPrintableish: Bool {
        switch generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
