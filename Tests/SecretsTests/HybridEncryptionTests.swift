import Foundation
import Testing
import YAML
@testable import Secrets

@Suite("HybridEncryption")
struct HybridEncryptionTests {
    let plaintexts: [[UInt8]] = [[], Array("s3cr3t".utf8), Array("grüße ✓ 🔐".utf8),
                                 (0..<1024).map { UInt8($0 % 256) }, [UInt8](repeating: 0xAB, count: 100_000)]

    @Test func roundTripUnderEachScopeAndOnlyThere() throws {
        let cert = try Fixture.cert
        let key = try Fixture.privateKey
        let labels: [(SealingScope, [UInt8])] = SealingScope.allCases.map { ($0, $0.label(namespace: "prod", name: "db")) }
        for plain in plaintexts.prefix(4) {
            for (scope, label) in labels {
                let blob = try HybridEncryption.encrypt(plain, label: label, key: cert.publicKey)
                #expect(blob.count == 2 + 512 + plain.count + 16)
                #expect(blob[0] == 0x02 && blob[1] == 0x00)
                #expect(HybridEncryption.decrypt(blob, label: label, key: key) == plain)
                for (other, otherLabel) in labels where other != scope {
                    #expect(HybridEncryption.decrypt(blob, label: otherLabel, key: key) == nil)
                }
                // Strict values fail under another name; namespace-wide ones do not.
                let renamed = scope.label(namespace: "prod", name: "other")
                #expect((HybridEncryption.decrypt(blob, label: renamed, key: key) == plain) == (scope != .strict))
                let moved = HybridEncryption.decrypt(blob, label: scope.label(namespace: "dev", name: "db"), key: key)
                #expect(scope == .clusterWide ? moved == plain : moved == nil)
            }
        }
    }

    @Test func largeValue() throws {
        let blob = try HybridEncryption.encrypt(plaintexts[4], label: [], key: try Fixture.cert.publicKey)
        #expect(HybridEncryption.decrypt(blob, label: [], key: try Fixture.privateKey) == plaintexts[4])
    }

    @Test func freshSessionKeyEveryTime() throws {
        let key = try Fixture.cert.publicKey
        let a = try HybridEncryption.encrypt(Array("same".utf8), label: [], key: key)
        let b = try HybridEncryption.encrypt(Array("same".utf8), label: [], key: key)
        #expect(a != b)
    }

    @Test func wrongKeyAndTamperingFail() throws {
        let blob = try HybridEncryption.encrypt(Array("s3cr3t".utf8), label: Array("ns/n".utf8), key: try Fixture.cert.publicKey)
        let other = try RSAPrivateKey.load(path: Fixture.key("other.key"))
        #expect(HybridEncryption.decrypt(blob, label: Array("ns/n".utf8), key: other) == nil)
        var flipped = blob
        flipped[flipped.count - 1] ^= 1
        #expect(HybridEncryption.decrypt(flipped, label: Array("ns/n".utf8), key: try Fixture.privateKey) == nil)
        #expect(HybridEncryption.decrypt(Array(blob.prefix(100)), label: Array("ns/n".utf8), key: try Fixture.privateKey) == nil)
        #expect(HybridEncryption.decrypt([1], label: [], key: try Fixture.privateKey) == nil)
    }

    @Test func rsa2048Prefix() throws {
        let cert = try SealingCertificate.load(path: Fixture.key("rsa2048.crt"))
        let blob = try HybridEncryption.encrypt(Array("x".utf8), label: [], key: cert.publicKey)
        #expect(Array(blob.prefix(2)) == [0x01, 0x00])
        #expect(blob.count == 2 + 256 + 1 + 16)
        let key = try RSAPrivateKey.load(path: Fixture.key("rsa2048.key"))
        #expect(HybridEncryption.decrypt(blob, label: [], key: key) == Array("x".utf8))
    }

    /// Values sealed by Go's crypto (the kubeseal model) open with libcrypto.
    @Test(arguments: SealingScope.allCases)
    func opensGoSealedRawValues(scope: SealingScope) throws {
        let text = try Fixture.text(Fixture.example("12-raw", "sealed-\(scope.rawValue).txt"))
        let blob = try #require(Base64.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        let value = try Fixture.text(Fixture.example("12-raw", "value.txt"))
        let key = try Fixture.privateKey
        #expect(HybridEncryption.decrypt(blob, label: scope.label(namespace: "prod", name: "db-credentials"), key: key) == Array(value.utf8))
    }

    @Test func privateKeyLoadingErrors() {
        #expect(throws: SealError.self) { try RSAPrivateKey.load(path: Fixture.key("tls.crt")) }
        #expect(throws: SealError.self) { try RSAPrivateKey.load(path: "/nonexistent") }
    }
}
