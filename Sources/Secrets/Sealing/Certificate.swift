import CCrypto
import Foundation
import YAML

/// An RSA public key owned by libcrypto (the controller's sealing key).
public final class RSAPublicKey: @unchecked Sendable {
    /// `EVP_PKEY *`, freed with the object; libcrypto keys are immutable once loaded.
    let pkey: OpaquePointer

    init(owning pkey: OpaquePointer) { self.pkey = pkey }
    deinit { EVP_PKEY_free(pkey) }

    /// Modulus size in bits (4096 for a controller key with default flags).
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }
}

/// The sealing certificate given with `--cert`: the first `CERTIFICATE` block of a PEM file,
/// as kubeseal reads it (FORMAT.md §8). Only the public key and the expiry date matter.
public struct SealingCertificate: Sendable {
    public let publicKey: RSAPublicKey
    public let notAfter: Date

    /// True once the certificate's NotAfter has passed. NotBefore is not checked, as in kubeseal.
    public func isExpired(at now: Date) -> Bool { now > notAfter }

    /// `certificate <path> expired on January 1, 2017`, for the warning kustos prints.
    public func expiryWarning(path: String) -> String {
        "certificate \(path) expired on \(Self.goLongDate(notAfter)); the controller still decrypts with its old keys, but check that this is the newest certificate (kubeseal refuses it)"
    }

    public static func load(path: String) throws(SealError) -> SealingCertificate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SealError.file(path: path, problem: "cannot read the certificate file")
        }
        return try parse(pem: Array(data), path: path)
    }

    /// Parses PEM text. Blocks other than `CERTIFICATE`, and blocks with PEM headers, are skipped.
    public static func parse(pem: [UInt8], path: String) throws(SealError) -> SealingCertificate {
        guard let der = PEM.blocks(in: String(decoding: pem, as: UTF8.self))
            .first(where: { $0.type == "CERTIFICATE" && !$0.hasHeaders })?.der
        else {
            throw SealError.certificate(path: path, problem: "no PEM CERTIFICATE block found (expected the controller's certificate, e.g. from `kubeseal --fetch-cert`)")
        }
        let x509: OpaquePointer? = der.withUnsafeBufferPointer { buf -> OpaquePointer? in
            var p: UnsafePointer<UInt8>? = buf.baseAddress
            return d2i_X509(nil, &p, buf.count)
        }
        guard let x509 else {
            throw SealError.certificate(path: path, problem: "the CERTIFICATE block is not a valid X.509 certificate")
        }
        defer { X509_free(x509) }
        guard let pkey = X509_get_pubkey(x509) else {
            throw SealError.certificate(path: path, problem: "cannot read the certificate's public key")
        }
        guard EVP_PKEY_get_base_id(pkey) == kustos_EVP_PKEY_RSA else {
            let type = EVP_PKEY_get0_type_name(pkey).map { String(cString: $0) } ?? "non-RSA"
            EVP_PKEY_free(pkey)
            throw SealError.certificate(path: path, problem: "expected an RSA public key but the certificate holds an \(type) key; sealed-secrets controllers only use RSA")
        }
        let key = RSAPublicKey(owning: pkey)
        var tm = tm()
        guard let notAfter = X509_get0_notAfter(x509), ASN1_TIME_to_tm(notAfter, &tm) == 1 else {
            throw SealError.certificate(path: path, problem: "cannot read the certificate's expiry date")
        }
        let seconds = timegm(&tm)
        return SealingCertificate(publicKey: key, notAfter: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Go's `Format("January 2, 2006")` in UTC, the date form of kubeseal's expiry message.
    static func goLongDate(_ date: Date) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let month = months[max(0, min(11, (c.month ?? 1) - 1))]
        return "\(month) \(c.day ?? 1), \(c.year ?? 1970)"
    }
}

/// PEM blocks as Go's `encoding/pem` sees them.
enum PEM {
    struct Block {
        var type: String
        var hasHeaders: Bool
        var der: [UInt8]
    }

    /// Every well-formed block; a block whose body is not base64 is left out.
    static func blocks(in text: String) -> [Block] {
        var out: [Block] = []
        var type: String?
        var body: [Substring] = []
        // Split on scalars: "\r\n" is one Character and would hide the line break.
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(rawLine.last == "\r" ? rawLine.dropLast() : rawLine)
            if let t = type {
                if line == "-----END \(t)-----" {
                    let hasHeaders = body.first?.contains(":") ?? false
                    let payload = hasHeaders ? Array(body.drop(while: { !$0.isEmpty })) : body
                    if let der = Base64.decode(payload.joined()) {
                        out.append(Block(type: t, hasHeaders: hasHeaders, der: der))
                    }
                    type = nil
                    body = []
                } else {
                    body.append(line.trimmingCharacters(in: .whitespaces)[...])
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 {
                type = String(line.dropFirst(11).dropLast(5))
            }
        }
        return out
    }
}
