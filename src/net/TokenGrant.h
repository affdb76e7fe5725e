// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpClientResponse.h"

#include <QJsonObject>
#include <QString>

/// A successful access token response (RFC 6749 §5.1, with the OpenID Connect `id_token` and the RFC 8693
/// `issued_token_type`), and the one parser of token endpoint answers for every grant.
struct TokenGrant
{
    QString accessToken;
    QString tokenType;       // "Bearer" (case-insensitive per RFC 6749 §7.1)
    qint64 expiresIn = -1;   // seconds; -1 when the server did not say
    QString scope;           // as granted; empty when the server did not say (then it is the requested one)
    QString refreshToken;    // RFC 6749 §5.1 / §6: with rotation, the new one replaces the old
    QString idToken;         // OpenID Connect Core §3.1.3.3
    QString issuedTokenType; // RFC 8693 §2.2.1
    QJsonObject raw;         // the whole response body
    bool isBearer() const { return tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0; }

    /// Parses a token endpoint's answer. Errors: ERR_OAUTH for an RFC 6749 §5.2 error body (Error::reason is the
    /// `error` code, the message carries `error_description` with control characters escaped and a hint),
    /// ERR_HTTP_STATUS for another non-2xx answer, ERR_JSON_INVALID for a 2xx body that is not a token response, the
    /// transport's error (ERR_NET_*, ERR_TLS_FAILURE, ERR_CANCELLED) when nothing came back. `endpoint` names the
    /// endpoint in messages ("token endpoint").
    static Result<TokenGrant> parse(const HttpClientResponse& response,
                                    const QString& endpoint = QStringLiteral("token endpoint"));
    /// The RFC 6749 §5.2 error of a non-2xx answer with an OAuth error body, as ERR_OAUTH (see parse()); nullopt
    /// when the answer has no `error` member. Shared by the device authorization, PAR, introspection and
    /// revocation endpoints, which use the same error format.
    static std::optional<Error> oauthError(const HttpClientResponse& response, const QString& endpoint);
    /// The transport error, an RFC 6749 §5.2 error or a bare HTTP status of a non-2xx answer; nullopt for a 2xx.
    static std::optional<Error> failureOf(const HttpClientResponse& response, const QString& endpoint);
};
