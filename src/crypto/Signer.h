// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/AsymmetricKey.h"
#include "crypto/SigScheme.h"

/// Asymmetric sign/verify through OpenSSL 3 EVP (EVP_DigestSign/EVP_DigestVerify).
/// ECDSA signatures are JOSE's raw R‖S of exactly 2×coordinate bytes (RFC 7518 §3.4), never DER.
/// RSA-PSS uses MGF1 with the same hash and a salt as long as the hash (RFC 7518 §3.5).
/// RSA signatures must be exactly the modulus length (RFC 8017 §8.2.2 step 1).
class Signer
{
public:
    /// Errors: ERR_KEY_ALG_MISMATCH when the key type does not fit the scheme (e.g. EC key for RSA);
    /// ERR_CRYPTO_FAILURE otherwise.
    static Result<QByteArray> sign(const AsymmetricKey& privateKey, SigScheme scheme, QByteArrayView data);

    /// True only for a valid signature. A wrong key type, wrong length or malformed signature is false.
    static bool verify(const AsymmetricKey& key, SigScheme scheme, QByteArrayView data, QByteArrayView signature);

    /// Raw R‖S ⇄ DER ECDSA-Sig-Value conversions (exposed for diagnostics and tests).
    static Result<QByteArray> ecdsaRawToDer(QByteArrayView raw);
    static Result<QByteArray> ecdsaDerToRaw(QByteArrayView der, int coordinateSize);
};
