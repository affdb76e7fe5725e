// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// Base64url as RFC 7515 §2 defines it for JOSE: alphabet A-Z a-z 0-9 - _, no padding, no whitespace,
/// and (strictly) no non-zero unused bits in the last character, so every byte string has exactly one
/// encoding. Standard base64 (RFC 4648 §4, padded) is here too because `x5c` uses it (RFC 7517 §4.7).
class Base64Url
{
public:
    static QByteArray encode(QByteArrayView data);
    /// encode(data) appended to `out`, without a QByteArray of its own (the batch decryption's output lines).
    static void appendEncoded(QByteArray& out, QByteArrayView data);

    /// Strict decode. On failure the Error says which character at which offset, and *errorOffset
    /// (when given) receives that offset so callers can point at it.
    static Result<QByteArray> decode(QByteArrayView text, qsizetype* errorOffset = nullptr);

    /// True when `text` decodes strictly (see decode()).
    static bool isValid(QByteArrayView text);

    /// Lenient decode for display: accepts padding, whitespace and non-zero unused bits.
    static std::optional<QByteArray> decodeLenient(QByteArrayView text);

    /// RFC 4648 §4 standard base64 with mandatory padding, no whitespace (x5c).
    static Result<QByteArray> decodeStandard(QByteArrayView text);
    static QByteArray encodeStandard(QByteArrayView data);
};
