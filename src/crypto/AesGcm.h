// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// AES-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag, as JWE uses it for content (RFC 7518 §5.3) and
/// key wrapping (RFC 7518 §4.7). The key size (16, 24 or 32 bytes) selects AES-128/192/256.
class AesGcm
{
public:
    struct Sealed
    {
        QByteArray ciphertext;
        QByteArray tag;
    };
    /// Errors: ERR_JOSE_GENERIC for a bad key/IV size, ERR_CRYPTO_FAILURE.
    static Result<Sealed> encrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext);
    /// The tag must be exactly 16 bytes (a truncated tag is refused, not checked as a prefix). Errors:
    /// ERR_JWE_DECRYPTION_FAILED (tag mismatch or wrong tag size), ERR_JOSE_GENERIC (bad key/IV size).
    static Result<QByteArray> decrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad,
                                      QByteArrayView ciphertext, QByteArrayView tag);

    static constexpr int kIvSize = 12;
    static constexpr int kTagSize = 16;
};
