// SPDX-License-Identifier: MIT
#include "net/ClientCredentialsClient.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUrl>

namespace {

/// application/x-www-form-urlencoded serialisation of one value (WHATWG URL §5.2: space as '+'), as RFC 6749
/// §2.3.1 requires for the client id and secret before they go into the Basic credentials.
QString formEncode(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, "*-._ ").replace(' ', '+'));
}

QString hintFor(const QString& code)
{
    // RFC 6749 §5.2 error codes, in words.
    if (code == QLatin1String("invalid_client"))
        return QStringLiteral("check the client id and secret");
    if (code == QLatin1String("invalid_scope"))
        return QStringLiteral("the client may not ask for that scope");
    if (code == QLatin1String("unauthorized_client"))
        return QStringLiteral("this client may not use the client credentials grant");
    if (code == QLatin1String("unsupported_grant_type"))
        return QStringLiteral("the server does not offer the client credentials grant");
    if (code == QLatin1String("invalid_request"))
        return QStringLiteral("the server rejected a parameter (audience, scope or the request itself)");
    return {};
}

} // namespace

ClientCredentialsClient::ClientCredentialsClient(QObject* parent)
    : QObject(parent)
    , m_client(new HttpClient(this))
{
    connect(m_client, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_current)
            return;
        m_current = 0;
        Q_EMIT finished(parseResponse(response));
    });
}

Result<void> ClientCredentialsClient::validate(const ClientCredentialsRequest& request)
{
    const QUrl url(request.tokenUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Error(ErrorCode::Usage, QStringLiteral("the token URL must be an http(s) URL, e.g. "
                                                      "https://issuer.example.com/oauth/token"));
    if (request.clientId.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("the client id is empty"));
    return Result<void>::success();
}

HttpRequestSpec ClientCredentialsClient::buildRequest(const ClientCredentialsRequest& request)
{
    HttpRequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = request.tokenUrl.trimmed();
    spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    spec.formRows.append({QStringLiteral("grant_type"), QStringLiteral("client_credentials"), true});
    if (!request.audience.trimmed().isEmpty())
        spec.formRows.append({QStringLiteral("audience"), request.audience.trimmed(), true});
    if (!request.scope.trimmed().isEmpty())
        spec.formRows.append({QStringLiteral("scope"), request.scope.simplified(), true});
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    spec.auth.kind = HttpRequestSpec::AuthKind::Basic;
    spec.auth.username = formEncode(request.clientId);
    spec.auth.password = formEncode(request.clientSecret);
    spec.followRedirects = false; // a redirected POST would lose its body or resend the credentials elsewhere
    spec.timeoutMs = request.timeoutMs;
    spec.verifyTls = request.verifyTls;
    return spec;
}

Result<TokenGrant> ClientCredentialsClient::parseResponse(const HttpClientResponse& response)
{
    if (!response.received)
        return response.error.value_or(Error(ErrorCode::NetFailure, response.explanation()));
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const QJsonObject body = doc.object();
    if (response.status < 200 || response.status >= 300) {
        const QString code = body.value(QStringLiteral("error")).toString();
        if (code.isEmpty()) {
            return Error(
                ErrorCode::HttpStatus,
                QStringLiteral("the token endpoint answered HTTP %1 %2 without an OAuth error (is the URL "
                               "right?)%3")
                    .arg(response.status)
                    .arg(response.reason, response.body.isEmpty()
                                              ? QString()
                                              : QString(QStringLiteral(": ") +
                                                        QString::fromUtf8(response.body.left(200)).simplified())));
        }
        const QString description = body.value(QStringLiteral("error_description")).toString();
        const QString hint = hintFor(code);
        QString message = QStringLiteral("the token endpoint refused (HTTP %1): %2").arg(response.status).arg(code);
        if (!description.isEmpty())
            message += QString(QStringLiteral(" — ") + description);
        if (!hint.isEmpty())
            message += QString(QStringLiteral(" (") + hint + QLatin1Char(')'));
        return Error(ErrorCode::HttpStatus, message);
    }
    if (!doc.isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("the token endpoint answered HTTP %1, but not with a JSON "
                                                            "object (RFC 6749 §5.1)")
                                                 .arg(response.status));
    TokenGrant grant;
    grant.raw = body;
    grant.accessToken = body.value(QStringLiteral("access_token")).toString();
    grant.tokenType = body.value(QStringLiteral("token_type")).toString();
    grant.scope = body.value(QStringLiteral("scope")).toString();
    const QJsonValue expiresIn = body.value(QStringLiteral("expires_in"));
    // Some servers send expires_in as a string; accept both.
    if (expiresIn.isDouble())
        grant.expiresIn = qint64(expiresIn.toDouble());
    else if (expiresIn.isString())
        grant.expiresIn = expiresIn.toString().toLongLong(nullptr);
    if (grant.accessToken.isEmpty())
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the token endpoint's answer has no \"access_token\" (RFC 6749 §5.1)"));
    return grant;
}

void ClientCredentialsClient::fetch(const ClientCredentialsRequest& request)
{
    if (m_current != 0) {
        const quint64 previous = m_current;
        m_current = 0; // its finished() is ignored
        m_client->cancel(previous);
    }
    if (const auto valid = validate(request); !valid) {
        // Asynchronous like every other outcome, so callers have one code path.
        QTimer::singleShot(0, this, [this, error = valid.error()]() { Q_EMIT finished(Result<TokenGrant>(error)); });
        return;
    }
    m_current = m_client->send(buildRequest(request));
}

void ClientCredentialsClient::cancel()
{
    if (m_current != 0)
        m_client->cancel(m_current);
}

Result<TokenGrant> ClientCredentialsClient::fetchAndWait(const ClientCredentialsRequest& request,
                                                         const HttpClientOptions& options)
{
    if (const auto valid = validate(request); !valid)
        return valid.error();
    return parseResponse(HttpClient::sendAndWait(buildRequest(request), options));
}
