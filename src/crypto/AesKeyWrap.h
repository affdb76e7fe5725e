// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// AES Key Wrap (RFC 3394) with the default IV, as A128KW/A192KW/A256KW use it (RFC 7518 §4.4).
class AesKeyWrap
{
public:
    /// `keyData` is a multiple of 8 bytes, at least 16. Errors: ERR_JOSE_GENERIC (sizes), ERR_CRYPTO_FAILURE.
    static Result<QByteArray> wrap(QByteArrayView kek, QByteArrayView keyData);
    /// Errors: ERR_JWE_DECRYPTION_FAILED when the integrity check (RFC 3394 §2.2.3) fails or the size is wrong.
    static Result<QByteArray> unwrap(QByteArrayView kek, QByteArrayView wrapped);
};
