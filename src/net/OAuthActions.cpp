// SPDX-License-Identifier: MIT
#include "net/OAuthActions.h"

#include "core/SystemClock.h"
#include "jose/DpopProof.h"
#include "net/TokenEndpointClient.h"
#include "net/TokenGrant.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace {
Result<QJsonObject> jsonObjectOf(const HttpClientResponse& response, const QString& endpoint)
{
    if (auto failure = TokenGrant::failureOf(response, endpoint))
        return *failure;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    if (!doc.isObject())
        return Error(
            ErrorCode::JsonInvalid,
            QStringLiteral("the %1 answered HTTP %2, but not with a JSON object").arg(endpoint).arg(response.status));
    return doc.object();
}

Result<void> checkUrl(const QString& url)
{
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() ||
        (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http")))
        return Error(ErrorCode::Usage, QStringLiteral("the endpoint must be an http(s) URL"));
    return Result<void>::success();
}
} // namespace

Result<HttpRequestSpec> OAuthActions::buildPost(const OAuthActionRequest& request, qint64 nowSeconds)
{
    if (auto valid = checkUrl(request.url); !valid)
        return valid.error();
    if (request.token.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("no token given"));
    HttpRequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = request.url.trimmed();
    spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    spec.formRows.append({QStringLiteral("token"), request.token, true});
    if (!request.tokenTypeHint.isEmpty())
        spec.formRows.append({QStringLiteral("token_type_hint"), request.tokenTypeHint, true});
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    if (auto applied = request.client.apply(spec, spec.url, nowSeconds); !applied)
        return applied.error();
    spec.followRedirects = false; // the client's credentials go to this endpoint only
    spec.timeoutMs = request.timeoutMs;
    spec.verifyTls = request.verifyTls;
    return spec;
}

Result<QJsonObject> OAuthActions::introspectionAnswer(const HttpClientResponse& response)
{
    auto answer = jsonObjectOf(response, QStringLiteral("introspection endpoint"));
    if (answer && !answer->value(QStringLiteral("active")).isBool())
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the introspection answer has no boolean \"active\" (RFC 7662 §2.2)"));
    return answer;
}

Result<void> OAuthActions::revocationAnswer(const HttpClientResponse& response)
{
    if (auto failure = TokenGrant::failureOf(response, QStringLiteral("revocation endpoint")))
        return *failure;
    return Result<void>::success();
}

Result<HttpRequestSpec> OAuthActions::buildUserinfo(const OAuthActionRequest& request)
{
    if (auto valid = checkUrl(request.url); !valid)
        return valid.error();
    if (request.token.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("no access token given"));
    HttpRequestSpec spec;
    spec.url = request.url.trimmed();
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    spec.followRedirects = false;
    spec.timeoutMs = request.timeoutMs;
    spec.verifyTls = request.verifyTls;
    if (request.dpopKey) {
        if (auto bound = applyDpop(spec, *request.dpopKey, request.token, request.dpopNonce, request.clock); !bound)
            return bound.error();
        return spec;
    }
    spec.auth.kind = HttpRequestSpec::AuthKind::Bearer;
    spec.auth.token = request.token;
    return spec;
}

Result<void> OAuthActions::applyDpop(HttpRequestSpec& spec, const Jwk& key, const QString& token, const QString& nonce,
                                     const Clock* clock)
{
    const HttpRequestSpec effective = spec.effective();
    DpopProofOptions proof;
    proof.htm = effective.normalizedMethod();
    proof.htu = effective.url; // create() drops query and fragment (§4.2)
    proof.accessToken = token.toLatin1();
    proof.nonce = nonce;
    proof.clock = clock;
    auto jwt = DpopProof::create(key, proof);
    if (!jwt)
        return Error(jwt.error().code, QStringLiteral("DPoP proof: %1").arg(jwt.error().message));
    spec.headers.removeIf([](const HttpRequestSpec::HeaderRow& row) {
        return row.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 ||
               row.name.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
    });
    spec.headers.append({QStringLiteral("Authorization"), QStringLiteral("DPoP ") + token, true});
    spec.headers.append({QStringLiteral("DPoP"), QString::fromLatin1(jwt.value()), true});
    return Result<void>::success();
}

Result<QJsonObject> OAuthActions::userinfoAnswer(const HttpClientResponse& response)
{
    // OIDC Core §5.3.3: a refusal is an RFC 6750 §3 challenge in WWW-Authenticate, whatever the body holds.
    if (response.received && (response.status == 401 || response.status == 403)) {
        static const QRegularExpression errorParameter(
            QStringLiteral("error=\"([\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]*)\""));
        for (const QByteArray& challenge : response.headerValues("WWW-Authenticate")) {
            const QRegularExpressionMatch m = errorParameter.match(QString::fromLatin1(challenge));
            if (m.hasMatch())
                return Error(ErrorCode::OAuthError,
                             QStringLiteral("the userinfo endpoint refused the token: HTTP %1, error=\"%2\"")
                                 .arg(response.status)
                                 .arg(m.captured(1)),
                             {}, m.captured(1));
        }
    }
    return jsonObjectOf(response, QStringLiteral("userinfo endpoint"));
}

Result<QJsonObject> OAuthActions::introspect(const OAuthActionRequest& request, const HttpClientOptions& options)
{
    auto spec = buildPost(request, SystemClock::instance().nowSeconds());
    if (!spec)
        return spec.error();
    return introspectionAnswer(HttpClient::sendAndWait(spec.value(), options));
}

Result<void> OAuthActions::revoke(const OAuthActionRequest& request, const HttpClientOptions& options)
{
    auto spec = buildPost(request, SystemClock::instance().nowSeconds());
    if (!spec)
        return spec.error();
    return revocationAnswer(HttpClient::sendAndWait(spec.value(), options));
}

QString OAuthActions::nonceToRetry(const OAuthActionRequest& request, const HttpClientResponse& response)
{
    return request.dpopKey ? TokenEndpointClient::dpopNonceToRetry(response) : QString();
}

Result<QJsonObject> OAuthActions::userinfo(const OAuthActionRequest& request, const HttpClientOptions& options,
                                           QString* dpopNonce)
{
    OAuthActionRequest r = request;
    for (int attempt = 0;; ++attempt) {
        auto spec = buildUserinfo(r);
        if (!spec)
            return spec.error();
        const HttpClientResponse response = HttpClient::sendAndWait(spec.value(), options);
        if (dpopNonce && !TokenEndpointClient::dpopNonceOf(response).isEmpty())
            *dpopNonce = TokenEndpointClient::dpopNonceOf(response);
        // RFC 9449 §9: once with the nonce the resource server asked for; a server that keeps asking is answered.
        if (const QString nonce = nonceToRetry(r, response); attempt == 0 && !nonce.isEmpty()) {
            r.dpopNonce = nonce;
            continue;
        }
        return userinfoAnswer(response);
    }
}
