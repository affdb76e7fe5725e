// SPDX-License-Identifier: MIT
#include "crypto/Ecdh.h"

#include "crypto/OpenSslUtil.h"

Result<QByteArray> Ecdh::sharedSecret(const AsymmetricKey& privateKey, const AsymmetricKey& peerPublic)
{
    if (privateKey.isNull() || peerPublic.isNull() || !privateKey.isPrivate() ||
        privateKey.type() == AsymmetricKey::Type::Rsa || privateKey.type() != peerPublic.type() ||
        privateKey.curve() != peerPublic.curve())
        return Error(ErrorCode::KeyAlgMismatch,
                     QStringLiteral("ECDH needs a private key and a public key on the same curve"));
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, privateKey.handle(), nullptr));
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDH init failed"));
    // validate_peer = 1: a full public-key check of the peer (invalid-curve attacks, Jager et al., ESORICS 2015).
    if (EVP_PKEY_derive_set_peer_ex(ctx.get(), peerPublic.handle(), 1) != 1) {
        const Error e = ossl::errorWithQueue(ErrorCode::JweInvalid, QStringLiteral("invalid ephemeral public key"));
        return Error(e.code, e.message, QString(), QStringLiteral("epk-invalid"));
    }
    size_t len = 0;
    if (EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDH failed"));
    QByteArray z(qsizetype(len), '\0');
    if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(z.data()), &len) != 1) {
        // OpenSSL refuses an all-zero X25519/X448 output (RFC 7748 §6.1): a low-order point.
        const Error e = ossl::errorWithQueue(ErrorCode::JweInvalid, QStringLiteral("ECDH key agreement failed"));
        return Error(e.code, e.message, QString(), QStringLiteral("epk-invalid"));
    }
    z.truncate(qsizetype(len));
    return z;
}
