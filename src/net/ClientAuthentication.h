// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpRequestSpec.h"
#include "workspace/AuthProfile.h"

/// How a client proves who it is to a token (or PAR, device, introspection, revocation) endpoint:
/// - client_secret_basic: HTTP Basic with id and secret each application/x-www-form-urlencoded first (RFC 6749
///   §2.3.1), so a secret with ':' or '+' survives;
/// - client_secret_post: client_id and client_secret in the form body (RFC 6749 §2.3.1);
/// - client_secret_jwt / private_key_jwt: an RFC 7523 §2.2 client assertion, a JWT with iss = sub = client_id,
///   aud = the endpoint (or `assertionAudience`), a fresh jti, iat and a 60 s exp (§3), signed with HS256 over the
///   secret or with the private key's algorithm (OpenID Connect Core §9);
/// - none: a public client; only client_id in the body and no Authorization header at all (not an empty one).
struct ClientAuthentication
{
    QString clientId;
    QString clientSecret;
    AuthProfile::ClientAuth method = AuthProfile::ClientAuth::Basic;
    QByteArray privateKey;     // private_key_jwt: the key text (PEM or JWK), never stored here beyond the call
    QByteArray keyPassphrase;  // for an encrypted PEM key
    QString assertionAlg;      // empty: HS256 for client_secret_jwt, the key's own or first usable alg otherwise
    QString assertionAudience; // empty: the endpoint URL

    static constexpr qint64 kAssertionLifetimeSeconds = 60;
    static constexpr auto kAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// Adds the client's authentication to `spec` (a form-encoded POST to `endpoint`). `nowSeconds` dates the
    /// assertion. Errors: ERR_USAGE (no client id, no secret or key where the method needs one), the key's
    /// parse errors (ERR_PEM_INVALID, ERR_JWK_INVALID, ...), the signer's (ERR_KEY_ALG_MISMATCH, ...).
    Result<void> apply(HttpRequestSpec& spec, const QString& endpoint, qint64 nowSeconds) const;
    /// The RFC 7523 client assertion alone (for tests and the token log).
    Result<QByteArray> assertion(const QString& endpoint, qint64 nowSeconds) const;
};
