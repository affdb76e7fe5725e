// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as ECDH-ES uses it (RFC 7518 §4.6.2), composed from
/// OpenSSL's SHA-256 (the construction of the SP 800-56C single-step KDF, "SSKDF", without its per-call fetches).
/// Thread-safe.
class ConcatKdf
{
public:
    /// OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo, each datalen-prefixed (32-bit big
    /// endian) except SuppPubInfo, which is keydatalen in bits (RFC 7518 §4.6.2).
    static QByteArray otherInfo(QByteArrayView algorithmId, QByteArrayView apu, QByteArrayView apv, int keyBits);
    static Result<QByteArray> derive(QByteArrayView z, QByteArrayView otherInfo, int keyBytes);
};
