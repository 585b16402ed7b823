/// Strong random values for `--new` without `--prompt`: characters drawn uniformly from
/// `[A-Za-z0-9]` with the system's cryptographically secure generator (getrandom(2) on Linux,
/// arc4random on Darwin, through `SystemRandomNumberGenerator`).
public enum RandomValues {
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// The floor: 24 characters of 62 symbols is about 143 bits.
    public static let minimumLength = 24
    /// The default, about 190 bits.
    public static let defaultLength = 32

    public static func generate(length: Int = defaultLength) -> String {
        var rng = SystemRandomNumberGenerator()
        return generate(length: length, using: &rng)
    }

    /// `Int.random(in:using:)` rejects out-of-range draws, so every character is equally likely.
    public static func generate<R: RandomNumberGenerator>(length: Int, using rng: inout R) -> String {
        var s = ""
        s.reserveCapacity(length)
        for _ in 0..<max(length, 0) {
            s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return s
    }
}
