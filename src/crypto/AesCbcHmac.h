// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>

/// AES_CBC_HMAC_SHA2 (RFC 7518 §5.2): the key is MAC_KEY || ENC_KEY (32, 48 or 64 bytes for A128CBC-HS256,
/// A192CBC-HS384, A256CBC-HS512), the tag is the first half of HMAC(AAD || IV || C || AL).
class AesCbcHmac
{
public:
    struct Sealed
    {
        QByteArray ciphertext;
        QByteArray tag;
    };
    static Result<Sealed> encrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext);
    /// The MAC is checked first, in constant time (CRYPTO_memcmp), and only then is the ciphertext decrypted, so
    /// a padding error is never observable separately (RFC 7518 §5.2.2.2). Errors: ERR_JWE_DECRYPTION_FAILED.
    static Result<QByteArray> decrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad,
                                      QByteArrayView ciphertext, QByteArrayView tag);

    /// Hash of the HMAC for a composite key size (SHA-256 for 32 bytes ...).
    static HashAlg hashForKeySize(qsizetype keySize);
    static constexpr int kIvSize = 16;
};
