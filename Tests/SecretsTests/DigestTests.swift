import CCrypto
import Kustomize
import Testing

/// The name hash's own SHA-256 (the Kustomize target has no crypto dependency)
/// against OpenSSL's, on every length around the block and padding boundaries.
@Suite struct DigestTests {
    static func openSSL(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        message.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in _ = CCrypto.SHA256(m.baseAddress, m.count, o.baseAddress) }
        }
        return out
    }

    @Test func agreesWithOpenSSL() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...300) + [1000, 4095, 4096, 65_537] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Kustomize.SHA256.digest(message) == Self.openSSL(message), "length \(length)")
        }
    }
}
