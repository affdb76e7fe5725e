// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>

/// RSA key transport for JWE: RSAES-OAEP (RFC 8017 §7.1; MGF1 with the same hash, empty label) for RSA-OAEP
/// (SHA-1) and RSA-OAEP-256/384/512, and RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2) for RSA1_5.
class RsaEncryption
{
public:
    static Result<QByteArray> oaepEncrypt(const AsymmetricKey& publicKey, HashAlg hash, QByteArrayView data);
    /// Errors: ERR_JWE_DECRYPTION_FAILED (one message whatever OAEP step failed: no padding oracle).
    static Result<QByteArray> oaepDecrypt(const AsymmetricKey& privateKey, HashAlg hash, QByteArrayView data);

    /// RSA1_5 with the countermeasure of RFC 7516 §11.5 / RFC 3218 §2.3.2: the caller passes a random CEK of the
    /// expected size; when the PKCS #1 v1.5 decryption fails or yields a key of another size, that random CEK is
    /// returned instead, so that the failure only shows later as a tag mismatch (no Bleichenbacher oracle).
    /// Never fails for a well-formed private RSA key.
    static QByteArray pkcs1v15DecryptOrRandom(const AsymmetricKey& privateKey, QByteArrayView data,
                                              const QByteArray& randomCek);
    /// Encryption exists only for tests (RSA1_5 is decrypt-only in the product).
    static Result<QByteArray> pkcs1v15Encrypt(const AsymmetricKey& publicKey, QByteArrayView data);
};
