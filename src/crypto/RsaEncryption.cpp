// SPDX-License-Identifier: MIT
#include "crypto/RsaEncryption.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/rsa.h>

namespace {

bool setOaep(EVP_PKEY_CTX* ctx, HashAlg hash)
{
    // RFC 7518 §4.3: MGF1 uses the same hash as OAEP (SHA-1 for RSA-OAEP, SHA-256 for RSA-OAEP-256).
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_oaep_md(ctx, ossl::md(hash)) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, ossl::md(hash)) == 1;
}

Result<QByteArray> encryptWith(const AsymmetricKey& key, QByteArrayView data, int padding, HashAlg hash)
{
    if (key.isNull() || key.type() != AsymmetricKey::Type::Rsa)
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("RSA encryption needs an RSA key"));
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.handle(), nullptr));
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RSA encrypt init failed"));
    const bool ok = padding == RSA_PKCS1_OAEP_PADDING ? setOaep(ctx.get(), hash)
                                                      : EVP_PKEY_CTX_set_rsa_padding(ctx.get(), padding) == 1;
    size_t len = 0;
    if (!ok || EVP_PKEY_encrypt(ctx.get(), nullptr, &len, ossl::nonNullBytes(data), size_t(data.size())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RSA encryption failed"));
    QByteArray out(qsizetype(len), '\0');
    if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, ossl::nonNullBytes(data),
                         size_t(data.size())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RSA encryption failed"));
    out.truncate(qsizetype(len));
    return out;
}

} // namespace

Result<QByteArray> RsaEncryption::oaepEncrypt(const AsymmetricKey& publicKey, HashAlg hash, QByteArrayView data)
{
    return encryptWith(publicKey, data, RSA_PKCS1_OAEP_PADDING, hash);
}

Result<QByteArray> RsaEncryption::pkcs1v15Encrypt(const AsymmetricKey& publicKey, QByteArrayView data)
{
    return encryptWith(publicKey, data, RSA_PKCS1_PADDING, HashAlg::Sha256);
}

Result<QByteArray> RsaEncryption::oaepDecrypt(const AsymmetricKey& privateKey, HashAlg hash, QByteArrayView data)
{
    if (privateKey.isNull() || privateKey.type() != AsymmetricKey::Type::Rsa || !privateKey.isPrivate())
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("RSA-OAEP decryption needs a private RSA key"));
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, privateKey.handle(), nullptr));
    const auto failed = [] {
        // Manger's attack (CRYPTO 2001) needs to tell OAEP failures apart; every failure reads the same.
        ERR_clear_error();
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("decryption failed"), QString(),
                     QStringLiteral("key-unwrap"));
    };
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 || !setOaep(ctx.get(), hash))
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RSA-OAEP init failed"));
    size_t len = 0;
    if (EVP_PKEY_decrypt(ctx.get(), nullptr, &len, ossl::nonNullBytes(data), size_t(data.size())) != 1)
        return failed();
    QByteArray out(qsizetype(len), '\0');
    if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, ossl::nonNullBytes(data),
                         size_t(data.size())) != 1)
        return failed();
    out.truncate(qsizetype(len));
    return out;
}

QByteArray RsaEncryption::pkcs1v15DecryptOrRandom(const AsymmetricKey& privateKey, QByteArrayView data,
                                                  const QByteArray& randomCek)
{
    Q_ASSERT(!privateKey.isNull() && privateKey.isPrivate());
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, privateKey.handle(), nullptr));
    const size_t modulusBytes = size_t(EVP_PKEY_get_size(privateKey.handle()));
    QByteArray out(qsizetype(modulusBytes), '\0');
    size_t len = modulusBytes;
    int ok = 0;
    if (ctx && EVP_PKEY_decrypt_init(ctx.get()) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1) {
        ok = EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, ossl::nonNullBytes(data),
                              size_t(data.size()));
    }
    ERR_clear_error();
    // Select without a data-dependent branch on the secret outcome: mask is all ones when the decryption worked
    // and produced a key of the expected size (OpenSSL 3.0 has no implicit rejection for PKCS #1 v1.5).
    const size_t want = size_t(randomCek.size());
    const unsigned int good = (unsigned(ok == 1) & unsigned(len == want));
    const auto mask = static_cast<unsigned char>(0u - good);
    QByteArray cek(randomCek.size(), '\0');
    for (qsizetype i = 0; i < randomCek.size(); ++i) {
        const auto decrypted = static_cast<unsigned char>(i < qsizetype(modulusBytes) ? out[i] : 0);
        cek[i] = char((decrypted & mask) | (static_cast<unsigned char>(randomCek[i]) & ~mask));
    }
    OPENSSL_cleanse(out.data(), size_t(out.size()));
    return cek;
}
