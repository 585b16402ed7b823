import CCrypto

/// The sealed-secrets hybrid scheme (FORMAT.md §1), through libcrypto:
/// `uint16be(len(rsa)) ‖ RSA-OAEP(SHA-256, MGF1-SHA-256, label)(session key) ‖ AES-256-GCM(zero nonce) ‖ tag`.
/// A fresh 32-byte session key is drawn for every value, so the zero nonce is never reused.
public enum HybridEncryption {
    static let sessionKeyLength = 32
    static let tagLength = 16

    /// Seals one value under `label`.
    public static func encrypt(_ plaintext: [UInt8], label: [UInt8], key: RSAPublicKey) throws(SealError) -> [UInt8] {
        var sessionKey = [UInt8](repeating: 0, count: sessionKeyLength)
        defer { OPENSSL_cleanse(&sessionKey, sessionKey.count) }
        guard RAND_bytes(&sessionKey, Int32(sessionKeyLength)) == 1 else {
            throw SealError.crypto("RAND_bytes failed: \(opensslError())")
        }
        let wrapped = try rsaEncrypt(sessionKey, label: label, key: key.pkey)
        guard wrapped.count <= Int(UInt16.max) else { throw SealError.crypto("RSA ciphertext too long") }
        let sealed = try gcm(encrypting: plaintext, key: sessionKey)
        var out: [UInt8] = [UInt8(wrapped.count >> 8), UInt8(wrapped.count & 0xFF)]
        out.reserveCapacity(2 + wrapped.count + sealed.count)
        out += wrapped
        out += sealed
        return out
    }

    /// Opens one value the way the controller does; nil when the key or the label does not fit
    /// or the data was tampered with. Used by tests and by verification tooling.
    public static func decrypt(_ blob: [UInt8], label: [UInt8], key: RSAPrivateKey) -> [UInt8]? {
        guard blob.count >= 2 else { return nil }
        let n = Int(blob[0]) << 8 | Int(blob[1])
        guard blob.count >= 2 + n + tagLength else { return nil }
        guard var sessionKey = rsaDecrypt(Array(blob[2..<(2 + n)]), label: label, key: key.pkey) else { return nil }
        defer { OPENSSL_cleanse(&sessionKey, sessionKey.count) }
        guard sessionKey.count == sessionKeyLength else { return nil }
        return gcm(opening: Array(blob[(2 + n)...]), key: sessionKey)
    }

    // MARK: RSA-OAEP

    /// Configures an encrypt/decrypt context for OAEP with SHA-256 for both digests and the label.
    static func configureOAEP(_ ctx: OpaquePointer, label: [UInt8]) -> Bool {
        guard EVP_PKEY_CTX_set_rsa_padding(ctx, kustos_RSA_PKCS1_OAEP_PADDING) > 0,
              EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) > 0,
              EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) > 0
        else { return false }
        if label.isEmpty { return true }
        // set0 takes ownership of an OPENSSL_malloc'd buffer.
        guard let buf = kustos_openssl_malloc(label.count) else { return false }
        label.withUnsafeBytes { src in
            if let base = src.baseAddress { buf.copyMemory(from: base, byteCount: src.count) }
        }
        if EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, buf, Int32(label.count)) <= 0 {
            CRYPTO_free(buf, #fileID, #line)
            return false
        }
        return true
    }

    static func rsaEncrypt(_ input: [UInt8], label: [UInt8], key: OpaquePointer) throws(SealError) -> [UInt8] {
        guard let ctx = EVP_PKEY_CTX_new(key, nil) else { throw SealError.crypto("EVP_PKEY_CTX_new: \(opensslError())") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_encrypt_init(ctx) > 0, configureOAEP(ctx, label: label) else {
            throw SealError.crypto("RSA-OAEP setup: \(opensslError())")
        }
        var outLen = 0
        guard EVP_PKEY_encrypt(ctx, nil, &outLen, input, input.count) > 0 else {
            throw SealError.crypto("RSA-OAEP: \(opensslError())")
        }
        var out = [UInt8](repeating: 0, count: outLen)
        guard EVP_PKEY_encrypt(ctx, &out, &outLen, input, input.count) > 0 else {
            throw SealError.crypto("RSA-OAEP: \(opensslError())")
        }
        return Array(out.prefix(outLen))
    }

    static func rsaDecrypt(_ input: [UInt8], label: [UInt8], key: OpaquePointer) -> [UInt8]? {
        guard let ctx = EVP_PKEY_CTX_new(key, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_decrypt_init(ctx) > 0, configureOAEP(ctx, label: label) else { return nil }
        var outLen = 0
        guard EVP_PKEY_decrypt(ctx, nil, &outLen, input, input.count) > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: outLen)
        guard EVP_PKEY_decrypt(ctx, &out, &outLen, input, input.count) > 0 else {
            ERR_clear_error()
            return nil
        }
        return Array(out.prefix(outLen))
    }

    // MARK: AES-256-GCM, 12-byte zero nonce, no AAD, 16-byte tag appended

    static func gcm(encrypting plaintext: [UInt8], key: [UInt8]) throws(SealError) -> [UInt8] {
        guard let ctx = EVP_CIPHER_CTX_new() else { throw SealError.crypto("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let nonce = [UInt8](repeating: 0, count: 12)
        guard EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1 else {
            throw SealError.crypto("AES-GCM init: \(opensslError())")
        }
        var out = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var written: Int32 = 0
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(ctx, &out, &written, plaintext, Int32(plaintext.count)) == 1 else {
                throw SealError.crypto("AES-GCM: \(opensslError())")
            }
        }
        var final: Int32 = 0
        let ok = out.withUnsafeMutableBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            guard EVP_EncryptFinal_ex(ctx, base + Int(written), &final) == 1 else { return false }
            return EVP_CIPHER_CTX_ctrl(ctx, kustos_EVP_CTRL_GCM_GET_TAG, Int32(tagLength),
                                       base + plaintext.count) == 1
        }
        guard ok, Int(written + final) == plaintext.count else { throw SealError.crypto("AES-GCM: \(opensslError())") }
        return out
    }

    static func gcm(opening sealed: [UInt8], key: [UInt8]) -> [UInt8]? {
        guard sealed.count >= tagLength, let ctx = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let nonce = [UInt8](repeating: 0, count: 12)
        guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { return nil }
        let n = sealed.count - tagLength
        var tag = Array(sealed[n...])
        var out = [UInt8](repeating: 0, count: n + tagLength)
        var written: Int32 = 0
        if n > 0 {
            guard EVP_DecryptUpdate(ctx, &out, &written, Array(sealed[..<n]), Int32(n)) == 1 else { return nil }
        }
        guard EVP_CIPHER_CTX_ctrl(ctx, kustos_EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1 else { return nil }
        var final: Int32 = 0
        let ok = out.withUnsafeMutableBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            return EVP_DecryptFinal_ex(ctx, base + Int(written), &final) == 1
        }
        guard ok else { return nil }
        return Array(out.prefix(n))
    }
}

/// The first queued libcrypto error as text (it names the failing operation, never data).
func opensslError() -> String {
    let code = ERR_get_error()
    ERR_clear_error()
    guard code != 0 else { return "unknown error" }
    var buf = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(code, &buf, buf.count)
    return String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
