// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/AsymmetricKey.h"

#include <QByteArray>

/// Elliptic-curve Diffie-Hellman (SEC 1 §3.3.1 for P-256/384/521, RFC 7748 §6 for X25519/X448).
class Ecdh
{
public:
    /// The shared secret Z. The peer's public key is validated again here (on the curve, coordinates in range;
    /// complete for the cofactor-1 NIST curves), and an all-zero X25519/X448 result (a low-order peer point,
    /// RFC 7748 §6.1) is refused. Errors: ERR_KEY_ALG_MISMATCH (different curves or types), ERR_JWE_INVALID
    /// (invalid peer point, reason "epk-invalid"). For many agreements with one private key, EcdhAgreement.
    static Result<QByteArray> sharedSecret(const AsymmetricKey& privateKey, const AsymmetricKey& peerPublic);
};
