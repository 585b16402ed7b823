import YAML

/// A regular expression made only of single characters, `.`, groups `( )` and
/// `(?: )`, alternatives `|` and the quantifiers `*`, `+`, `?` (with `^` first and
/// `$` last allowed), matched against a whole value without a regular expression
/// engine: patch targets such as `name: .*-api$` or `.*-(worker|cron)$` are mostly
/// of this form, and compiling one with ICU costs ~1 ms per process (its tables
/// are built on first use: 7.9M instructions, a sixth of a 10-service build).
///
/// It answers only for values of printable ASCII and spaces, where `.` is any
/// character and `$` only the end: for such values the answer is the anchored
/// expression's `^(?:pattern)$` (whether any way through the alternatives matches
/// the whole value; which one a leftmost-first engine takes does not matter).
/// Other values (line breaks, non-ASCII: where `.` and `$` mean more) are left to
/// the caller's engine.
struct SimplePattern {
    enum Atom: Equatable {
        case byte(UInt8)
        case any
    }

    /// A state of the automaton (Thompson's construction): reads an atom, or
    /// branches without reading, or accepts.
    enum State {
        case read(Atom, next: Int)
        case split(Int, Int)
        case accept
    }

    let states: [State]
    let start: Int

    /// nil when the pattern uses anything beyond the forms above.
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)[...]
        if bytes.first == UInt8(ascii: "^") { bytes = bytes.dropFirst() }
        if bytes.last == UInt8(ascii: "$"), bytes.dropLast().last != UInt8(ascii: "\\") { bytes = bytes.dropLast() }
        var builder = Builder(bytes: bytes)
        guard let whole = builder.alternatives(), builder.bytes.isEmpty else { return nil }
        builder.states.append(.accept)
        builder.patch(whole.ends, to: builder.states.count - 1)
        states = builder.states
        start = whole.start
    }

    /// A piece of the automaton under construction: where it starts, and the
    /// states whose `next` is still open.
    struct Fragment {
        var start: Int
        var ends: [Int]
    }

    /// Recursive descent over `alternatives := sequence ('|' sequence)*`,
    /// `sequence := (item quantifier?)*`, `item := byte | '.' | '\' punct | group`.
    struct Builder {
        var bytes: ArraySlice<UInt8>
        var states: [State] = []
        var depth = 0

        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        /// A placeholder for an open `next`, patched later.
        static let open = -1

        mutating func patch(_ ends: [Int], to target: Int) {
            for e in ends {
                switch states[e] {
                case .read(let atom, _): states[e] = .read(atom, next: target)
                case .split(let a, let b): states[e] = a == Self.open ? .split(target, b) : .split(a, target)
                case .accept: break
                }
            }
        }

        /// An empty piece: a split whose both ways are open, patched to one place.
        mutating func empty() -> Fragment {
            states.append(.split(Self.open, Self.open))
            let s = states.count - 1
            return Fragment(start: s, ends: [s, s])
        }

        mutating func alternatives() -> Fragment? {
            guard var result = sequence() else { return nil }
            while bytes.first == UInt8(ascii: "|") {
                bytes = bytes.dropFirst()
                guard let next = sequence() else { return nil }
                states.append(.split(result.start, next.start))
                result = Fragment(start: states.count - 1, ends: result.ends + next.ends)
            }
            return result
        }

        mutating func sequence() -> Fragment? {
            var result: Fragment? = nil
            while let b = bytes.first, b != UInt8(ascii: "|"), b != UInt8(ascii: ")") {
                guard var item = self.item() else { return nil }
                if let q = bytes.first, SimplePattern.isQuantifier(q) {
                    bytes = bytes.dropFirst()
                    item = quantified(item, q)
                    // A quantifier on a quantifier (lazy, possessive, nested): not ours.
                    if let again = bytes.first, SimplePattern.isQuantifier(again) { return nil }
                }
                if let r = result {
                    patch(r.ends, to: item.start)
                    result = Fragment(start: r.start, ends: item.ends)
                } else {
                    result = item
                }
            }
            return result ?? empty()
        }

        mutating func quantified(_ f: Fragment, _ q: UInt8) -> Fragment {
            states.append(.split(f.start, Self.open))
            let s = states.count - 1
            switch q {
            case UInt8(ascii: "*"):  // split → (f → split) | out
                patch(f.ends, to: s)
                return Fragment(start: s, ends: [s])
            case UInt8(ascii: "+"):  // f → split → (f | out)
                patch(f.ends, to: s)
                return Fragment(start: f.start, ends: [s])
            default:  // split → f | out
                return Fragment(start: s, ends: f.ends + [s])
            }
        }

        mutating func item() -> Fragment? {
            guard let b = bytes.popFirst() else { return nil }
            let atom: Atom
            switch b {
            case UInt8(ascii: "("):
                if bytes.first == UInt8(ascii: "?") {
                    // Only `(?:`; flags and look-arounds are not ours.
                    guard bytes.dropFirst().first == UInt8(ascii: ":") else { return nil }
                    bytes = bytes.dropFirst(2)
                }
                depth += 1
                guard depth <= 16, let inner = alternatives(), bytes.popFirst() == UInt8(ascii: ")") else { return nil }
                depth -= 1
                return inner
            case UInt8(ascii: "."):
                atom = .any
            case UInt8(ascii: "\\"):
                // An escaped punctuation character is itself; `\d`, `\w`, … are classes.
                guard let e = bytes.popFirst(), SimplePattern.isPunctuation(e) else { return nil }
                atom = .byte(e)
            default:
                guard SimplePattern.isPrintable(b), !SimplePattern.isMetacharacter(b) else { return nil }
                atom = .byte(b)
            }
            states.append(.read(atom, next: Self.open))
            return Fragment(start: states.count - 1, ends: [states.count - 1])
        }
    }

    /// Whether the pattern matches all of `value`; nil when the value is not one
    /// this matcher answers for.
    func matches(_ value: String) -> Bool? {
        let utf8 = value.utf8
        return utf8.withContiguousStorageIfAvailable { matches(bytes: $0) } ?? matches(bytes: Array(utf8))
    }

    /// Thompson's simulation: the set of states the value so far can be in (linear
    /// in the value, whatever the pattern).
    private func matches<C: Collection<UInt8>>(bytes: C) -> Bool? {
        var current = [Bool](filled: false, count: states.count)
        var next = current
        add(start, to: &current)
        for b in bytes {
            guard Self.isPrintable(b) else { return nil }
            for i in next.indices { next[i] = false }
            var any = false
            for (i, state) in states.enumerated() where current[i] {
                guard case .read(let atom, let to) = state, atom == .any || atom == .byte(b) else { continue }
                add(to, to: &next)
                any = true
            }
            if !any {
                // No state survives; the rest only decides whether to answer.
                return bytes.allSatisfy(Self.isPrintable) ? false : nil
            }
            swap(&current, &next)
        }
        return current[states.count - 1]  // the accepting state is the last
    }

    /// Adds `s` and the states its splits reach without reading.
    private func add(_ s: Int, to set: inout [Bool]) {
        if set[s] { return }
        set[s] = true
        if case .split(let a, let b) = states[s] {
            add(a, to: &set)
            add(b, to: &set)
        }
    }

    static func isPrintable(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x7F }

    static func isQuantifier(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "*") || b == UInt8(ascii: "+") || b == UInt8(ascii: "?")
    }

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
