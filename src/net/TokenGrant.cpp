// SPDX-License-Identifier: MIT
#include "net/TokenGrant.h"

#include "core/DisplayText.h"

#include <QJsonDocument>

namespace {

QString oauthErrorHint(const QString& code)
{
    // RFC 6749 §5.2, RFC 8628 §3.5 and RFC 8693 §2.2.2 error codes, in words.
    if (code == QLatin1String("invalid_client"))
        return QStringLiteral("check the client id and secret (or key) and the client authentication method");
    if (code == QLatin1String("invalid_grant"))
        return QStringLiteral("the code, refresh token or credentials are invalid, expired, revoked or were issued to "
                              "another client");
    if (code == QLatin1String("invalid_scope"))
        return QStringLiteral("the client may not ask for that scope");
    if (code == QLatin1String("unauthorized_client"))
        return QStringLiteral("this client may not use this grant");
    if (code == QLatin1String("unsupported_grant_type"))
        return QStringLiteral("the server does not offer this grant");
    if (code == QLatin1String("invalid_request"))
        return QStringLiteral("the server rejected a parameter (audience, scope or the request itself)");
    if (code == QLatin1String("invalid_target"))
        return QStringLiteral("the server refused the audience or resource");
    return {};
}

QString escaped(const QString& text)
{
    return DisplayText::escapeControls(text);
}

} // namespace

std::optional<Error> TokenGrant::oauthError(const HttpClientResponse& response, const QString& endpoint)
{
    if (!response.received || (response.status >= 200 && response.status < 300))
        return std::nullopt;
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QString code = body.value(QStringLiteral("error")).toString();
    if (code.isEmpty())
        return std::nullopt;
    const QString description = body.value(QStringLiteral("error_description")).toString();
    QString message =
        QStringLiteral("the %1 refused (HTTP %2): %3").arg(endpoint).arg(response.status).arg(escaped(code));
    if (!description.isEmpty())
        message += QString(QStringLiteral(" — ") + escaped(description));
    if (const QString hint = oauthErrorHint(code); !hint.isEmpty())
        message += QString(QStringLiteral(" (") + hint + QLatin1Char(')'));
    return Error(ErrorCode::OAuthError, message, {}, code);
}

std::optional<Error> TokenGrant::failureOf(const HttpClientResponse& response, const QString& endpoint)
{
    if (!response.received)
        return response.error.value_or(Error(ErrorCode::NetFailure, response.explanation()));
    if (response.status >= 200 && response.status < 300)
        return std::nullopt;
    if (auto oauth = oauthError(response, endpoint))
        return oauth;
    return Error(ErrorCode::HttpStatus,
                 QStringLiteral("the %1 answered HTTP %2 %3 without an OAuth error (is the URL right?)%4")
                     .arg(endpoint)
                     .arg(response.status)
                     .arg(escaped(response.reason),
                          response.body.isEmpty()
                              ? QString()
                              : QString(QStringLiteral(": ") +
                                        escaped(QString::fromUtf8(response.body.left(200)).simplified()))));
}

Result<TokenGrant> TokenGrant::parse(const HttpClientResponse& response, const QString& endpoint)
{
    if (auto failure = failureOf(response, endpoint))
        return *failure;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    if (!doc.isObject())
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the %1 answered HTTP %2, but not with a JSON object (RFC 6749 §5.1)")
                         .arg(endpoint)
                         .arg(response.status));
    const QJsonObject body = doc.object();
    TokenGrant grant;
    grant.raw = body;
    grant.accessToken = body.value(QStringLiteral("access_token")).toString();
    grant.tokenType = body.value(QStringLiteral("token_type")).toString();
    grant.scope = body.value(QStringLiteral("scope")).toString();
    grant.refreshToken = body.value(QStringLiteral("refresh_token")).toString();
    grant.idToken = body.value(QStringLiteral("id_token")).toString();
    grant.issuedTokenType = body.value(QStringLiteral("issued_token_type")).toString();
    const QJsonValue expiresIn = body.value(QStringLiteral("expires_in"));
    // Some servers send expires_in as a string; accept both.
    if (expiresIn.isDouble())
        grant.expiresIn = qint64(expiresIn.toDouble());
    else if (expiresIn.isString())
        grant.expiresIn = expiresIn.toString().toLongLong(nullptr);
    if (grant.accessToken.isEmpty())
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the %1's answer has no \"access_token\" (RFC 6749 §5.1)").arg(endpoint));
    return grant;
}
