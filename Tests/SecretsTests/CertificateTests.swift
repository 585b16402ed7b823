import Foundation
import Testing
@testable import Secrets

@Suite("Certificate")
struct CertificateTests {
    @Test func controllerShapedCertificateLoads() throws {
        // tls.crt has KeyUsage encipherOnly and an empty subject, like a controller certificate.
        let cert = try Fixture.cert
        #expect(cert.publicKey.bits == 4096)
        #expect(!cert.isExpired(at: Date(timeIntervalSince1970: 1_900_000_000)))
        #expect(SealingCertificate.goLongDate(cert.notAfter) == "December 31, 2049")
    }

    @Test func expiredCertificateIsUsableButFlagged() throws {
        let cert = try SealingCertificate.load(path: Fixture.key("expired.crt"))
        #expect(cert.isExpired(at: Date()))
        #expect(cert.expiryWarning(path: "expired.crt").contains("expired on January 1, 2017"))
    }

    @Test func ecCertificateIsRefused() {
        #expect(throws: SealError.certificate(path: "ec.crt", problem: "expected an RSA public key but the certificate holds an EC key; sealed-secrets controllers only use RSA")) {
            try SealingCertificate.parse(pem: Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.key("ec.crt")))), path: "ec.crt")
        }
    }

    @Test func fileWithoutCertificateIsRefused() throws {
        for file in ["tls.key", "controller-key-secret.yaml"] {
            let pem = Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.key(file))))
            #expect(throws: SealError.self) { try SealingCertificate.parse(pem: pem, path: file) }
        }
        #expect(throws: SealError.self) { try SealingCertificate.load(path: "/nonexistent/cert.pem") }
    }

    @Test func firstCertificateWinsAndOtherBlocksAreSkipped() throws {
        // A key block first, then rsa2048.crt, then tls.crt: the first certificate is used.
        let key = try Fixture.text(Fixture.key("other.key"))
        let small = try Fixture.text(Fixture.key("rsa2048.crt"))
        let big = try Fixture.text(Fixture.key("tls.crt"))
        let cert = try SealingCertificate.parse(pem: Array((key + small + big).utf8), path: "bundle.pem")
        #expect(cert.publicKey.bits == 2048)
    }

    @Test func blocksWithPEMHeadersAreSkipped() throws {
        let tls = try Fixture.text(Fixture.key("tls.crt"))
        let small = try Fixture.text(Fixture.key("rsa2048.crt"))
        let withHeader = small.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\n",
                                                    with: "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n")
        let cert = try SealingCertificate.parse(pem: Array((withHeader + tls).utf8), path: "x.pem")
        #expect(cert.publicKey.bits == 4096)
    }

    @Test func crlfLineEndings() throws {
        let pem = try Fixture.text(Fixture.key("tls.crt")).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try SealingCertificate.parse(pem: Array(pem.utf8), path: "crlf.pem").publicKey.bits == 4096)
    }

    @Test func garbageInsideCertificateBlockIsAnError() {
        let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        #expect(throws: SealError.certificate(path: "bad.pem", problem: "the CERTIFICATE block is not a valid X.509 certificate")) {
            try SealingCertificate.parse(pem: Array(pem.utf8), path: "bad.pem")
        }
    }
}
