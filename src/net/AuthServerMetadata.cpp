// SPDX-License-Identifier: MIT
#include "net/AuthServerMetadata.h"

#include "core/DisplayText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QStringList stringsOf(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& v : value.toArray()) {
        if (v.isString())
            out.append(v.toString());
    }
    return out;
}

} // namespace

QList<QUrl> AuthServerMetadata::metadataUrls(const QString& issuer)
{
    QString base = issuer.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QList<QUrl> urls{QUrl(base + QStringLiteral("/.well-known/openid-configuration"))};
    // RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.
    QUrl rfc8414(base);
    rfc8414.setPath(QStringLiteral("/.well-known/oauth-authorization-server") + rfc8414.path());
    urls.append(rfc8414);
    return urls;
}

Result<AuthServerMetadata> AuthServerMetadata::parse(QByteArrayView text, const QString& expectedIssuer)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (!doc.isObject())
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the authorization server metadata is not a JSON object (%1)")
                         .arg(parseError.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                                           : parseError.errorString()));
    AuthServerMetadata m;
    m.document = doc.object();
    const QJsonObject& d = m.document;
    m.issuer = d.value(QStringLiteral("issuer")).toString();
    if (m.issuer.isEmpty())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("the authorization server metadata has no \"issuer\" "
                                                            "(RFC 8414 §2)"));
    if (m.issuer != expectedIssuer.trimmed())
        return Error(ErrorCode::OAuthError,
                     QStringLiteral("the metadata's issuer \"%1\" is not the issuer \"%2\" it was fetched for; it must "
                                    "not be used (RFC 8414 §3.3)")
                         .arg(DisplayText::escapeControls(m.issuer), DisplayText::escapeControls(expectedIssuer)),
                     QStringLiteral("issuer"), QStringLiteral("issuer_mismatch"));
    const struct
    {
        const char* name;
        QString* target;
    } endpoints[] = {
        {"authorization_endpoint", &m.authorizationEndpoint},
        {"token_endpoint", &m.tokenEndpoint},
        {"device_authorization_endpoint", &m.deviceAuthorizationEndpoint},
        {"pushed_authorization_request_endpoint", &m.pushedAuthorizationRequestEndpoint},
        {"introspection_endpoint", &m.introspectionEndpoint},
        {"revocation_endpoint", &m.revocationEndpoint},
        {"userinfo_endpoint", &m.userinfoEndpoint},
        {"jwks_uri", &m.jwksUri},
    };
    for (const auto& [name, target] : endpoints) {
        const QJsonValue value = d.value(QLatin1String(name));
        if (value.isUndefined())
            continue;
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (!value.isString() || !url.isValid() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("the metadata's \"%1\" is not an http(s) URL").arg(QLatin1String(name)),
                         QString::fromLatin1(name), QStringLiteral("invalid"));
        *target = value.toString();
    }
    m.requirePushedAuthorizationRequests = d.value(QStringLiteral("require_pushed_authorization_requests")).toBool();
    m.authorizationResponseIssParameterSupported =
        d.value(QStringLiteral("authorization_response_iss_parameter_supported")).toBool();
    m.tokenEndpointAuthMethods = stringsOf(d.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    m.codeChallengeMethods = stringsOf(d.value(QStringLiteral("code_challenge_methods_supported")));
    m.grantTypes = stringsOf(d.value(QStringLiteral("grant_types_supported")));
    return m;
}

HttpRequestSpec AuthServerMetadata::metadataRequest(const QUrl& url, bool verifyTls, int timeoutMs)
{
    HttpRequestSpec spec;
    spec.method = QStringLiteral("GET");
    spec.url = url.toString();
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    spec.verifyTls = verifyTls;
    spec.timeoutMs = timeoutMs;
    return spec;
}

std::optional<Error> AuthServerMetadata::fetchFailure(const QUrl& url, const HttpClientResponse& response)
{
    if (!response.received)
        return response.error.value_or(Error(ErrorCode::NetFailure, response.explanation()));
    if (response.status != 200)
        return Error(ErrorCode::HttpStatus,
                     QStringLiteral("%1 answered HTTP %2").arg(url.toString()).arg(response.status));
    return std::nullopt;
}

Result<AuthServerMetadata> AuthServerMetadata::readAnswer(const QString& issuer, int index,
                                                          const HttpClientResponse& response, bool* tryNext)
{
    const QList<QUrl> urls = metadataUrls(issuer);
    const QUrl url = urls.value(index);
    *tryNext = false;
    if (auto failure = fetchFailure(url, response)) {
        *tryNext = index + 1 < urls.size();
        return *failure;
    }
    auto parsed = parse(response.body, issuer);
    if (parsed)
        parsed->sourceUrl = url;
    return parsed;
}
