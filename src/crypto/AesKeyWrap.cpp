// SPDX-License-Identifier: MIT
#include "crypto/AesKeyWrap.h"

#include "crypto/OpenSslUtil.h"

namespace {

using ossl::CipherCtxPtr;

const EVP_CIPHER* wrapCipher(qsizetype kekSize)
{
    switch (kekSize) {
    case 16:
        return EVP_aes_128_wrap();
    case 24:
        return EVP_aes_192_wrap();
    case 32:
        return EVP_aes_256_wrap();
    default:
        return nullptr;
    }
}

Result<QByteArray> run(QByteArrayView kek, QByteArrayView in, bool encrypt)
{
    const EVP_CIPHER* cipher = wrapCipher(kek.size());
    if (cipher == nullptr)
        return Error(ErrorCode::Generic, QStringLiteral("AES key wrap needs a 128/192/256-bit key"));
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("EVP_CIPHER_CTX_new failed"));
    // Wrap mode must be allowed explicitly on the context (a guard against using it by accident).
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    QByteArray out(in.size() + 16, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    int len = 0;
    if (EVP_CipherInit_ex(ctx.get(), cipher, nullptr, reinterpret_cast<const unsigned char*>(kek.data()), nullptr,
                          encrypt ? 1 : 0) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("AES key wrap init failed"));
    if (EVP_CipherUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(in.data()), int(in.size())) != 1 ||
        len <= 0) {
        ERR_clear_error();
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        if (encrypt)
            return Error(ErrorCode::CryptoFailure, QStringLiteral("AES key wrap failed"));
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("AES key unwrap: integrity check failed"),
                     QString(), QStringLiteral("unwrap"));
    }
    out.truncate(len);
    return out;
}

} // namespace

Result<QByteArray> AesKeyWrap::wrap(QByteArrayView kek, QByteArrayView keyData)
{
    // RFC 3394 §2: n >= 2 blocks of 64 bits.
    if (keyData.size() < 16 || keyData.size() % 8 != 0)
        return Error(ErrorCode::Generic, QStringLiteral("AES key wrap input must be 8·n bytes, n >= 2"));
    return run(kek, keyData, true);
}

Result<QByteArray> AesKeyWrap::unwrap(QByteArrayView kek, QByteArrayView wrapped)
{
    if (wrapped.size() < 24 || wrapped.size() % 8 != 0)
        return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("AES key unwrap: wrapped key has a wrong size"),
                     QString(), QStringLiteral("unwrap"));
    return run(kek, wrapped, false);
}
