import CCrypto
import Foundation

/// An RSA private key (the controller's `tls.key`), for verifying sealed values offline.
public final class RSAPrivateKey: @unchecked Sendable {
    /// `EVP_PKEY *`, freed with the object.
    let pkey: OpaquePointer

    init(owning pkey: OpaquePointer) { self.pkey = pkey }
    deinit { EVP_PKEY_free(pkey) }

    /// Reads a PEM private key (PKCS#1 `RSA PRIVATE KEY` or PKCS#8), unencrypted.
    public static func load(path: String) throws(SealError) -> RSAPrivateKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SealError.file(path: path, problem: "cannot read the private key file")
        }
        let bytes = Array(data)
        let pkey: OpaquePointer? = bytes.withUnsafeBufferPointer { buf -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buf.baseAddress, Int32(buf.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let pkey else {
            ERR_clear_error()
            throw SealError.certificate(path: path, problem: "not a PEM private key")
        }
        guard EVP_PKEY_get_base_id(pkey) == kustos_EVP_PKEY_RSA else {
            EVP_PKEY_free(pkey)
            throw SealError.certificate(path: path, problem: "not an RSA private key")
        }
        return RSAPrivateKey(owning: pkey)
    }
}
