// SPDX-License-Identifier: MIT
#pragma once

#include "jose/JwtVerifier.h"

class Clock;

/// What an OpenID Connect relying party knows when an id_token arrives (OIDC Core §3.1.3.7).
struct IdTokenExpectations
{
    QString issuer;      // the provider's issuer, exactly (its discovery document's "issuer")
    QString clientId;    // must be in "aud"; "azp" (when present, or when aud has several values) must equal it
    QString nonce;       // the nonce the authorization request sent; empty: none was sent (not checked)
    QString accessToken; // issued with it: checked against "at_hash" when present (§3.2.2.9, §3.3.2.11)
    QString code;        // the authorization code: checked against "c_hash" when present (§3.3.2.11)
    QStringList allowedAlgorithms; // empty: the keys' algorithms (never "none")
    qint64 leewaySeconds = 60;     // clock skew tolerated for exp/iat
    const Clock* clock = nullptr;
};

/// Verifies an id_token with the workbench's checklist: JwtVerifier's steps (signature through the provider's
/// JWKS, iss, aud, exp, iat required) followed by the OIDC steps "azp", "nonce", "at_hash", "c_hash", in that
/// order. Every step is reported; after a failure the OIDC steps are Skipped. `valid` only when all passed.
/// at_hash / c_hash: base64url of the left half of the hash of the token's alg (SHA-256 for *256, SHA-384, SHA-512;
/// SHA-512 for EdDSA), OIDC Core §3.1.3.6.
class IdTokenVerifier
{
public:
    static VerificationResult verify(QByteArrayView idToken, const Jwks& keys, const IdTokenExpectations& expected);
    /// The at_hash / c_hash value of `value` for `alg`; empty for an unknown alg.
    static QString halfHash(const QString& alg, const QString& value);
};
