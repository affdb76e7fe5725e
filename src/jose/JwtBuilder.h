// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"

#include <QJsonObject>

/// Creates compact JWS tokens.
class JwtBuilder
{
public:
    /// Signs the exact header and payload bytes given (the encoder signs what the user typed). The header
    /// must be a JSON object whose "alg" is a signing algorithm the key fits. Errors: ERR_JSON_INVALID,
    /// ERR_JOSE_ALG_NOT_ALLOWED (none or unknown), ERR_KEY_ALG_MISMATCH, ERR_CRYPTO_FAILURE.
    /// With `detached` the payload segment is left empty (RFC 7515 Appendix F; RFC 7797 §5).
    static Result<QByteArray> signCompact(const QByteArray& headerJson, const QByteArray& payload, const Jwk& key,
                                          bool detached = false);

    /// Builds the header {"alg":alg,"typ":"JWT"[,"kid"]} merged with `extraHeader`, and signs claims.
    static Result<QByteArray> sign(const QString& alg, const QJsonObject& claims, const Jwk& key,
                                   const QJsonObject& extraHeader = {});
};
