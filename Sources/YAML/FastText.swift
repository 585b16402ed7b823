#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level string checks for hot paths: Swift's `String ==` goes through
/// Unicode-aware comparison, which dominates a profile of the emitter.
extension String {
    /// True when the UTF-8 bytes equal the literal's bytes.
    @inlinable @inline(__always)
    public func bytesEqual(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard utf8.count == n else { return false }
        return withBytes { buf in n == 0 || memcmp(buf.baseAddress!, literal.utf8Start, n) == 0 }
    }

    /// True when both strings have the same UTF-8 bytes.
    /// Both are read in place (no copy of either, so no reference counting).
    /// (Disfavoured: a literal argument takes the `StaticString` version, which
    /// compares lengths first and reads one side only; a literal was typed as a
    /// `String` here before, in 75,000 calls per 100-service build of `Resource`'s
    /// header alone.)
    @inlinable @inline(__always) @_disfavoredOverload
    public func bytesEqual(_ other: String) -> Bool {
        let n = utf8.count
        guard n == other.utf8.count else { return false }
        // Spelled out rather than through nested `withBytes`: this runs for every
        // mapping key compared, and the nested generic closures measured ~1% slower.
        let equal = utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y in
                n == 0 || memcmp(x.baseAddress!, y.baseAddress!, n) == 0
            }
        }
        if let equal, let equal { return equal }
        return self == other  // a bridged string without contiguous UTF-8
    }

    /// True when the UTF-8 bytes equal `bytes`.
    @inlinable @inline(__always)
    public func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard utf8.count == n else { return false }
        if let equal = utf8.withContiguousStorageIfAvailable({ x in n == 0 || memcmp(x.baseAddress!, bytes.baseAddress!, n) == 0 }) {
            return equal
        }
        return utf8.elementsEqual(bytes)  // a bridged string without contiguous UTF-8
    }

    /// Runs `body` on the UTF-8 bytes, read in place when the storage is
    /// contiguous (native and small strings: no copy, no reference counting).
    @inlinable @inline(__always)
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var s = self
        return try s.withUTF8(body)
    }

    /// True when the text contains a YAML line break (LF, CR, NEL, LS, PS).
    public var containsLineBreak: Bool {
        withBytes { buf in
            var prev2: UInt8 = 0, prev1: UInt8 = 0
            for c in buf {
                if c == 10 || c == 13 { return true }
                if prev1 == 0xC2 && c == 0x85 { return true }
                if prev2 == 0xE2 && prev1 == 0x80 && (c == 0xA8 || c == 0xA9) { return true }
                prev2 = prev1
                prev1 = c
            }
            return false
        }
    }
}

extension String {
    /// The parts between `separator` bytes (empty parts dropped when asked), as
    /// Go's `strings.Split` makes them: split at the byte, so that a separator
    /// followed by a combining mark still separates, and without reading characters.
    public func split(atByte separator: UInt8, omittingEmpty: Bool = false) -> [Substring] {
        utf8.split(separator: separator, omittingEmptySubsequences: omittingEmpty).map(Substring.init)
    }
}

/// Short texts as integers, compared or looked up without hashing their bytes.
enum PackedText {
    /// The bytes of a text of at most 15 as two words, the first eight in the first,
    /// the count + 1 in the top byte of the second: texts of different lengths never
    /// compare equal, and no text gives (0, 0).
    @inline(__always)
    static func words(_ u: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, UInt64(u.count + 1) << 56)
        withUnsafeMutableBytes(of: &words) { w in
            if let from = u.baseAddress { w.baseAddress!.copyMemory(from: from, byteCount: min(u.count, 15)) }
        }
        return words
    }
}

extension Array {
    /// `count` copies of `value`, for the short arrays of hot paths (a flag per
    /// mapping entry). `Array(repeating:count:)` allocates through a standard-library
    /// function that is not specialised, which looks the storage class up at run
    /// time (~600 instructions a call, ~1,000 calls in a 10-service build); growing
    /// an empty array is specialised. Not for long byte buffers (appended one by one).
    @inlinable
    public init(filled value: Element, count: Int) {
        self.init()
        reserveCapacity(count)
        for _ in 0..<count { append(value) }
    }
}
