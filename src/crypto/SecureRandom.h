// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>

/// RAND_bytes from OpenSSL's DRBG.
class SecureRandom
{
public:
    static Result<QByteArray> bytes(int count);
};
