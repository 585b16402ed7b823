/// A regular expression made only of single characters, `.`, and the quantifiers
/// `*`, `+`, `?` (with `^` first and `$` last allowed), matched against a whole
/// value without a regular expression engine: patch targets such as
/// `name: .*-api$` are mostly of this form, and compiling one with ICU costs
/// ~1 ms per process (its tables are built on first use).
///
/// It answers only for values of printable ASCII and spaces, where `.` is any
/// character and `$` only the end: for such values the answer is the anchored
/// expression's `^(?:pattern)$`. Other values (line breaks, non-ASCII: where `.`
/// and `$` mean more) are left to the caller's engine.
struct SimplePattern {
    enum Atom: Equatable {
        case byte(UInt8)
        case any
    }

    enum Count {
        case one, optional, any
    }

    /// The pattern as atoms, `x+` written out as `x x*`.
    let atoms: [(atom: Atom, count: Count)]

    /// nil when the pattern uses anything beyond the forms above.
    init?(_ pattern: String) {
        var atoms: [(atom: Atom, count: Count)] = []
        var bytes = Array(pattern.utf8)[...]
        if bytes.first == UInt8(ascii: "^") { bytes = bytes.dropFirst() }
        if bytes.last == UInt8(ascii: "$"), bytes.dropLast().last != UInt8(ascii: "\\") { bytes = bytes.dropLast() }
        var quantifiable = false
        while let b = bytes.popFirst() {
            switch b {
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                // A quantifier on nothing, or on a quantifier (lazy, possessive, nested): not ours.
                guard quantifiable, let last = atoms.popLast() else { return nil }
                switch b {
                case UInt8(ascii: "*"): atoms.append((last.atom, .any))
                case UInt8(ascii: "?"): atoms.append((last.atom, .optional))
                default: atoms += [(last.atom, .one), (last.atom, .any)]
                }
                quantifiable = false
                continue
            case UInt8(ascii: "."):
                atoms.append((.any, .one))
            case UInt8(ascii: "\\"):
                // An escaped punctuation character is itself; `\d`, `\w`, … are classes.
                guard let e = bytes.popFirst(), Self.isPunctuation(e) else { return nil }
                atoms.append((.byte(e), .one))
            default:
                guard Self.isPrintable(b), !Self.isMetacharacter(b) else { return nil }
                atoms.append((.byte(b), .one))
            }
            quantifiable = true
        }
        self.atoms = atoms
    }

    /// Whether the pattern matches all of `value`; nil when the value is not one
    /// this matcher answers for.
    func matches(_ value: String) -> Bool? {
        let utf8 = value.utf8
        return utf8.withContiguousStorageIfAvailable { matches(bytes: $0) } ?? matches(bytes: Array(utf8))
    }

    /// The states are positions in `atoms` (a Thompson simulation: linear in the
    /// value, whatever the pattern).
    private func matches<C: Collection<UInt8>>(bytes: C) -> Bool? {
        let count = atoms.count
        var current = [Bool](repeating: false, count: count + 1)
        var next = current
        current[0] = true
        close(&current)
        for b in bytes {
            guard Self.isPrintable(b) else { return nil }
            for i in next.indices { next[i] = false }
            var any = false
            for i in 0..<count where current[i] {
                let (atom, n) = atoms[i]
                guard atom == .any || atom == .byte(b) else { continue }
                next[n == .any ? i : i + 1] = true
                any = true
            }
            if !any {
                // No state survives; the rest only decides whether to answer.
                return bytes.allSatisfy(Self.isPrintable) ? false : nil
            }
            swap(&current, &next)
            close(&current)
        }
        return current[count]
    }

    /// Adds the states reached by skipping optional atoms.
    private func close(_ states: inout [Bool]) {
        for i in atoms.indices where states[i] && atoms[i].count != .one {
            states[i + 1] = true
        }
    }

    static func isPrintable(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x7F }

    /// The bytes with a meaning in a regular expression (outside `(?x)` mode);
    /// a pattern without them is plain text, for patch targets and selectors alike.
    static func isMetacharacter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "|"),
             UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    static func isPunctuation(_ b: UInt8) -> Bool {
        isPrintable(b) && b != UInt8(ascii: " ") && !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            && !(b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) && !(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}
