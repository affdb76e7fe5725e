// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"
#include "net/ClientAuthentication.h"
#include "net/HttpClient.h"

#include <QJsonObject>

#include <optional>

class Clock;

/// What an introspection, revocation or userinfo call needs.
struct OAuthActionRequest
{
    QString url;
    ClientAuthentication client; // introspection and revocation authenticate the client (RFC 7662 §2.1, RFC 7009 §2.1)
    QString token;               // the token asked about, revoked, or (userinfo) sent as Bearer
    QString tokenTypeHint;       // "access_token", "refresh_token" or empty
    int timeoutMs = 15000;
    bool verifyTls = true;
    /// userinfo with a DPoP-bound token (RFC 9449 §7.1): the key it is bound to, and the server's last nonce.
    std::optional<Jwk> dpopKey;
    QString dpopNonce;
    const Clock* clock = nullptr; // the proof's iat; null = SystemClock
};

/// The token actions beside the grants, sent and waited for (CLI; the GUI may call them from a worker):
/// introspection (RFC 7662), revocation (RFC 7009) and OIDC userinfo (Core §5.3). Errors: the transport's,
/// ERR_OAUTH for an RFC 6749 §5.2 error body (the `error` code as Error::reason), ERR_HTTP_STATUS for another non-2xx
/// answer, ERR_JSON_INVALID for a body that is not the JSON object the RFC says.
class OAuthActions
{
public:
    /// RFC 7662 §2.2: the answer, which has a boolean "active" (an inactive token is an answer, not an error).
    static Result<QJsonObject> introspect(const OAuthActionRequest& request, const HttpClientOptions& options = {});
    /// RFC 7009 §2.2: 200 whether or not the token was valid.
    static Result<void> revoke(const OAuthActionRequest& request, const HttpClientOptions& options = {});
    /// OIDC Core §5.3.1: GET with the access token as Bearer; the claims. With a DPoP key, a 401 use_dpop_nonce is
    /// answered once with the server's nonce (RFC 9449 §9); `dpopNonce`, when given, receives its last DPoP-Nonce.
    static Result<QJsonObject> userinfo(const OAuthActionRequest& request, const HttpClientOptions& options = {},
                                        QString* dpopNonce = nullptr);
    /// RFC 9449 §9: the nonce to send `request` again with, when it went with a DPoP proof and `response` is a 401
    /// `DPoP error="use_dpop_nonce"` with a well-formed DPoP-Nonce; empty otherwise.
    static QString nonceToRetry(const OAuthActionRequest& request, const HttpClientResponse& response);
    /// The POST of introspect() and revoke(): form body token + token_type_hint, client authentication applied.
    static Result<HttpRequestSpec> buildPost(const OAuthActionRequest& request, qint64 nowSeconds);
    /// The GET of userinfo(): the token as Bearer, or with `dpopKey` as "Authorization: DPoP" with a proof.
    static Result<HttpRequestSpec> buildUserinfo(const OAuthActionRequest& request);
    /// RFC 9449 §7.1: `spec` (its method and URL final) carries `token` as "Authorization: DPoP" with a fresh proof
    /// signed by `key` (htm, htu, ath, the server's `nonce` when known); any Authorization or DPoP header it had goes.
    /// What RequestSession and userinfo send. Errors: the proof's (ERR_JWK_INVALID).
    static Result<void> applyDpop(HttpRequestSpec& spec, const Jwk& key, const QString& token, const QString& nonce,
                                  const Clock* clock);
    // The answers, read as introspect(), revoke() and userinfo() read them (also for an asynchronous sender,
    // OAuthActionClient).
    static Result<QJsonObject> introspectionAnswer(const HttpClientResponse& response);
    static Result<void> revocationAnswer(const HttpClientResponse& response);
    static Result<QJsonObject> userinfoAnswer(const HttpClientResponse& response);
};
