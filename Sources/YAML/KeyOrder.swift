/// The mapping-key order of yaml.v2's encoder (`sorter.go`, `keyList.Less`), which
/// kustomize's output inherits: numbers inside keys compare numerically, letters
/// after non-letters.
public enum KeyOrder {
    @inline(__always) static func asciiLetter(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    @inline(__always) static func asciiDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// True when key `a` sorts before key `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        let fast: Bool?? = a.utf8.withContiguousStorageIfAvailable { ab in
            b.utf8.withContiguousStorageIfAvailable { bb in lessASCII(ab, bb) } ?? nil
        }
        if let fast = fast ?? nil { return fast }
        return lessUnicode(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// nil when a non-ASCII byte is met before the answer is known.
    static func lessASCII(_ ar: UnsafeBufferPointer<UInt8>, _ br: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = min(ar.count, br.count)
        var i = 0
        while i < n {
            let x = ar[i], y = br[i]
            if x == y {
                if x >= 0x80 { return nil }
                i += 1
                continue
            }
            if x >= 0x80 || y >= 0x80 { return nil }
            let al = asciiLetter(x), bl = asciiLetter(y)
            if al && bl { return x < y }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if x == 48 || y == 48 {
                var j = i - 1
                while j >= 0 && asciiDigit(ar[j]) {
                    if ar[j] != 48 {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && ar[ai] >= 0x80 { return nil }
            while ai < ar.count && asciiDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai] - 48)
                ai += 1
            }
            if ai < ar.count && ar[ai] >= 0x80 { return nil }
            var bi = i
            while bi < br.count && asciiDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi] - 48)
                bi += 1
            }
            if bi < br.count && br[bi] >= 0x80 { return nil }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return x < y
        }
        if ar.count != br.count {
            // A remaining non-ASCII tail does not change the rune-count answer.
            return ar.count < br.count ? true : false
        }
        return false
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return asciiLetter(UInt8(s.value)) }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return asciiDigit(UInt8(s.value)) }
        return s.properties.generalCategory == .decimalNumber
    }

    static func lessUnicode(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar]) -> Bool {
        let n = min(ar.count, br.count)
        var i = 0
        while i < n {
            let x = ar[i], y = br[i]
            if x == y {
                i += 1
                continue
            }
            let al = isLetter(x), bl = isLetter(y)
            if al && bl { return x.value < y.value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if x == "0" || y == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) - 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return x.value < y.value
        }
        return ar.count < br.count
    }
}
