// SPDX-License-Identifier: MIT
#include "crypto/AesGcm.h"

#include "crypto/OpenSslUtil.h"

namespace {

using ossl::CipherCtxPtr;

const EVP_CIPHER* gcmCipher(qsizetype keySize)
{
    return ossl::aesCipher(ossl::AesMode::Gcm, keySize);
}

} // namespace

Result<AesGcm::Sealed> AesGcm::encrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad,
                                       QByteArrayView plaintext)
{
    const EVP_CIPHER* cipher = gcmCipher(key.size());
    if (cipher == nullptr || iv.size() != kIvSize)
        return Error(ErrorCode::Generic, QStringLiteral("AES-GCM needs a 128/192/256-bit key and a 96-bit IV"));
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    Sealed out;
    out.ciphertext.resize(plaintext.size() + 16);
    out.tag.resize(kTagSize);
    int len = 0;
    int total = 0;
    auto* o = reinterpret_cast<unsigned char*>(out.ciphertext.data());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, ossl::nonNullBytes(key), ossl::nonNullBytes(iv)) != 1 ||
        (!aad.isEmpty() &&
         EVP_EncryptUpdate(ctx.get(), nullptr, &len, ossl::nonNullBytes(aad), int(aad.size())) != 1) ||
        EVP_EncryptUpdate(ctx.get(), o, &len, ossl::nonNullBytes(plaintext), int(plaintext.size())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-GCM encryption failed"));
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), o + total, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, out.tag.data()) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-GCM encryption failed"));
    out.ciphertext.truncate(total + len);
    return out;
}

Result<QByteArray> AesGcm::decrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView ciphertext,
                                   QByteArrayView tag)
{
    const EVP_CIPHER* cipher = gcmCipher(key.size());
    if (cipher == nullptr || iv.size() != kIvSize)
        return Error(ErrorCode::Generic, QStringLiteral("AES-GCM needs a 128/192/256-bit key and a 96-bit IV"));
    // RFC 7518 §5.3: the Authentication Tag is 128 bits. OpenSSL would accept a shorter tag and compare a prefix.
    if (tag.size() != kTagSize)
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("AES-GCM tag must be 16 bytes"), QString(),
                     QStringLiteral("tag-size"));
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    QByteArray out(ciphertext.size() + 16, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, ossl::nonNullBytes(key), ossl::nonNullBytes(iv)) != 1 ||
        (!aad.isEmpty() &&
         EVP_DecryptUpdate(ctx.get(), nullptr, &len, ossl::nonNullBytes(aad), int(aad.size())) != 1) ||
        EVP_DecryptUpdate(ctx.get(), o, &len, ossl::nonNullBytes(ciphertext), int(ciphertext.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, const_cast<char*>(tag.data())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-GCM decryption failed"));
    const int total = len;
    // EVP_DecryptFinal_ex compares the tag in constant time and fails on a mismatch.
    if (EVP_DecryptFinal_ex(ctx.get(), o + total, &len) != 1) {
        ERR_clear_error();
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("AES-GCM authentication tag mismatch"), QString(),
                     QStringLiteral("tag"));
    }
    out.truncate(total + len);
    return out;
}
