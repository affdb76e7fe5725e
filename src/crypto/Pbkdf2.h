// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>

/// PBKDF2 with HMAC-SHA-2 (RFC 8018 §5.2), as PBES2-HS*+A*KW uses it (RFC 7518 §4.8). Iteration policy (the p2c
/// ceiling) is the caller's: this class computes whatever it is asked.
class Pbkdf2
{
public:
    static Result<QByteArray> derive(HashAlg hash, QByteArrayView password, QByteArrayView salt, int iterations,
                                     int keyBytes);
};
