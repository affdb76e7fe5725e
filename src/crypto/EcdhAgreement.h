// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/AsymmetricKey.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

/// ECDH with one private key and many peers (SEC 1 §3.3.1 for P-256/384/521, RFC 7748 §6 for X25519/X448), as a
/// JWE recipient key decrypting ECDH-ES tokens needs it. What an agreement costs besides the scalar multiplication is
/// paid once per private key and thread instead of once per agreement: the EVP_PKEY_CTX is initialised for derivation
/// once (EVP_PKEY_derive_init fetches the key exchange from the method store), and an EC peer given as a point is
/// written into a peer key kept with that context (EVP_PKEY_copy_parameters for a fresh peer key costs ~9 µs of a
/// ~50 µs P-256 agreement). Each thread has a context of its own, made on its first call and freed with the last copy
/// of the agreement: all methods are const and thread-safe, and copies share the contexts. Every peer is validated on
/// every call (for a NIST-curve point, by decoding it).
class EcdhAgreement
{
public:
    EcdhAgreement() = default; // null: every call fails with ERR_KEY_ALG_MISMATCH
    /// An EC or OKP (X25519/X448) private key; anything else makes every call fail with ERR_KEY_ALG_MISMATCH.
    explicit EcdhAgreement(const AsymmetricKey& privateKey);

    /// Z with a peer key: on the same curve, on the curve with coordinates in range (complete for the cofactor-1 NIST
    /// curves), and for X25519/X448 not a low-order point (an all-zero Z, RFC 7748 §6.1). Errors: ERR_KEY_ALG_MISMATCH
    /// (no private key, different curves or types), ERR_JWE_INVALID (invalid peer, reason "epk-invalid").
    Result<QByteArray> sharedSecret(const AsymmetricKey& peerPublic) const;

    /// Z with a peer given as an uncompressed SEC 1 point (0x04 || x || y) on the private EC key's curve, such as a
    /// JWE "epk": the point must be on the curve, not at infinity and have coordinates in range (SP 800-56A
    /// §5.6.2.3.4, the partial public-key validation, which is complete for the cofactor-1 curves supported).
    /// Errors: ERR_KEY_ALG_MISMATCH (not an EC private key), ERR_JWE_INVALID (invalid point, reason "epk-invalid").
    Result<QByteArray> sharedSecretWithPoint(QByteArrayView uncompressedPoint) const;

private:
    struct Pool;
    std::shared_ptr<Pool> m_pool;
};
