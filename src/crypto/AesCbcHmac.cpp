// SPDX-License-Identifier: MIT
#include "crypto/AesCbcHmac.h"

#include "crypto/Hmac.h"
#include "crypto/OpenSslUtil.h"

#include <QtEndian>

namespace {

using ossl::CipherCtxPtr;

const EVP_CIPHER* cbcCipher(qsizetype encKeySize)
{
    return ossl::aesCipher(ossl::AesMode::Cbc, encKeySize);
}

/// RFC 7518 §5.2.2.1 step 5: M = HMAC(MAC_KEY, A || IV || E || AL), T = first half of M.
QByteArray computeTag(QByteArrayView macKey, QByteArrayView aad, QByteArrayView iv, QByteArrayView ciphertext)
{
    QByteArray input;
    input.reserve(aad.size() + iv.size() + ciphertext.size() + 8);
    input.append(aad);
    input.append(iv);
    input.append(ciphertext);
    // AL: the number of bits in A as a 64-bit big-endian integer.
    char al[8];
    qToBigEndian<quint64>(quint64(aad.size()) * 8, al);
    input.append(al, 8);
    const QByteArray mac = Hmac::compute(AesCbcHmac::hashForKeySize(macKey.size() * 2), macKey, input);
    return mac.left(macKey.size());
}

} // namespace

HashAlg AesCbcHmac::hashForKeySize(qsizetype keySize)
{
    return keySize == 64 ? HashAlg::Sha512 : keySize == 48 ? HashAlg::Sha384 : HashAlg::Sha256;
}

Result<AesCbcHmac::Sealed> AesCbcHmac::encrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad,
                                               QByteArrayView plaintext)
{
    const qsizetype half = key.size() / 2;
    const EVP_CIPHER* cipher = cbcCipher(half);
    if (cipher == nullptr || key.size() % 2 != 0 || iv.size() != kIvSize)
        return Error(ErrorCode::Generic, QStringLiteral("AES-CBC-HMAC needs a 32/48/64-byte key and a 128-bit IV"));
    const QByteArrayView macKey = key.first(half);
    const QByteArrayView encKey = key.sliced(half);
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    Sealed out;
    out.ciphertext.resize(plaintext.size() + 16);
    auto* o = reinterpret_cast<unsigned char*>(out.ciphertext.data());
    int len = 0;
    // PKCS #7 padding (RFC 7518 §5.2.2.1 step 3) is OpenSSL's default for CBC.
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, ossl::nonNullBytes(encKey), ossl::nonNullBytes(iv)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), o, &len, ossl::nonNullBytes(plaintext), int(plaintext.size())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-CBC encryption failed"));
    const int total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), o + total, &len) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-CBC encryption failed"));
    out.ciphertext.truncate(total + len);
    out.tag = computeTag(macKey, aad, iv, out.ciphertext);
    if (out.tag.size() != half)
        return Error(ErrorCode::CryptoFailure, QStringLiteral("HMAC failed"));
    return out;
}

Result<QByteArray> AesCbcHmac::decrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad,
                                       QByteArrayView ciphertext, QByteArrayView tag)
{
    const qsizetype half = key.size() / 2;
    const EVP_CIPHER* cipher = cbcCipher(half);
    if (cipher == nullptr || key.size() % 2 != 0)
        return Error(ErrorCode::Generic, QStringLiteral("AES-CBC-HMAC needs a 32/48/64-byte key"));
    const auto failed = [] {
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("authentication tag mismatch"), QString(),
                     QStringLiteral("tag"));
    };
    // The IV and tag sizes are public (fixed by "enc"); a wrong size is a failed check, not a separate error.
    if (iv.size() != kIvSize || tag.size() != half)
        return failed();
    const QByteArray expected = computeTag(key.first(half), aad, iv, ciphertext);
    // RFC 7518 §5.2.2.2 step 2: the MAC first, compared in constant time.
    if (expected.size() != half || CRYPTO_memcmp(expected.constData(), tag.data(), size_t(half)) != 0)
        return failed();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    QByteArray out(ciphertext.size() + 16, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, ossl::nonNullBytes(key.sliced(half)),
                                   ossl::nonNullBytes(iv)) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES-CBC decryption failed"));
    if (EVP_DecryptUpdate(ctx.get(), o, &len, ossl::nonNullBytes(ciphertext), int(ciphertext.size())) != 1) {
        ERR_clear_error();
        return failed();
    }
    const int total = len;
    // An authentic ciphertext with bad padding means the sender was broken; still one code for all.
    if (EVP_DecryptFinal_ex(ctx.get(), o + total, &len) != 1) {
        ERR_clear_error();
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        return failed();
    }
    out.truncate(total + len);
    return out;
}
