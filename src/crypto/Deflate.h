// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// Raw DEFLATE (RFC 1951, no zlib or gzip wrapper) through zlib, for JWE "zip": "DEF" (RFC 7516 §4.1.3).
class Deflate
{
public:
    static Result<QByteArray> compress(QByteArrayView data);
    /// Stops as soon as the output would exceed `maxOutput` bytes (a zip bomb is an error, not an allocation).
    /// Errors: ERR_JWE_DECOMPRESSION_FAILED with reason "too-large" (over the cap, as jose's
    /// maxDecompressedLength), or without a reason (not valid raw DEFLATE, truncated, data after the final block).
    static Result<QByteArray> decompress(QByteArrayView data, qsizetype maxOutput);
};
