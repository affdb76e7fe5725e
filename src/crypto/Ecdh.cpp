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
    // The peer point must be on the curve (invalid-curve attacks, Jager et al., ESORICS 2015). Keys from JWKs were
    // checked on import, PEM keys perhaps not, so check here; the quick check (on the curve, coordinates in range) is
    // complete for the cofactor-1 NIST curves, and X25519/X448 need none (RFC 7748 §6; the all-zero result is
    // refused below). Validating again inside EVP_PKEY_derive_set_peer_ex would add a scalar multiplication.
    ossl::PkeyCtxPtr peerCheck(EVP_PKEY_CTX_new_from_pkey(nullptr, peerPublic.handle(), nullptr));
    if (!peerCheck || EVP_PKEY_public_check_quick(peerCheck.get()) != 1 ||
        EVP_PKEY_derive_set_peer_ex(ctx.get(), peerPublic.handle(), 0) != 1) {
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
