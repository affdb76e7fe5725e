// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>

/// HMAC (RFC 2104) through EVP_MAC.
class Hmac
{
public:
    static QByteArray compute(HashAlg hash, QByteArrayView key, QByteArrayView data);
    /// Constant-time comparison (CRYPTO_memcmp); a MAC of the wrong length is false.
    static bool verify(HashAlg hash, QByteArrayView key, QByteArrayView data, QByteArrayView mac);
};
