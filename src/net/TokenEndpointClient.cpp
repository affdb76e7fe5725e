// SPDX-License-Identifier: MIT
#include "net/TokenEndpointClient.h"

#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "jose/DpopProof.h"

#include <QTimer>
#include <QUrl>

TokenEndpointRequest TokenEndpointRequest::clientCredentials(const QString& scope, const QString& audience,
                                                             const QString& resource)
{
    TokenEndpointRequest r;
    r.grantType = QStringLiteral("client_credentials");
    r.parameters = {{QStringLiteral("audience"), audience.trimmed()},
                    {QStringLiteral("resource"), resource.trimmed()},
                    {QStringLiteral("scope"), scope.simplified()}};
    return r;
}

TokenEndpointRequest TokenEndpointRequest::refreshToken(const QString& refreshToken, const QString& scope)
{
    TokenEndpointRequest r;
    r.grantType = QStringLiteral("refresh_token");
    r.parameters = {{QStringLiteral("refresh_token"), refreshToken}, {QStringLiteral("scope"), scope.simplified()}};
    return r;
}

TokenEndpointRequest TokenEndpointRequest::password(const QString& username, const QString& password,
                                                    const QString& scope)
{
    TokenEndpointRequest r;
    r.grantType = QStringLiteral("password");
    r.parameters = {{QStringLiteral("username"), username},
                    {QStringLiteral("password"), password},
                    {QStringLiteral("scope"), scope.simplified()}};
    return r;
}

TokenEndpointRequest TokenEndpointRequest::authorizationCode(const QString& code, const QString& redirectUri,
                                                             const QString& codeVerifier)
{
    TokenEndpointRequest r;
    r.grantType = QStringLiteral("authorization_code");
    r.parameters = {{QStringLiteral("code"), code},
                    {QStringLiteral("redirect_uri"), redirectUri},
                    {QStringLiteral("code_verifier"), codeVerifier}};
    return r;
}

TokenEndpointRequest TokenEndpointRequest::deviceCode(const QString& deviceCode)
{
    TokenEndpointRequest r;
    r.grantType = QString::fromLatin1(kDeviceCodeGrant);
    r.parameters = {{QStringLiteral("device_code"), deviceCode}};
    return r;
}

TokenEndpointRequest TokenEndpointRequest::tokenExchange(const QString& subjectToken, const QString& subjectTokenType,
                                                         const QString& audience, const QString& resource,
                                                         const QString& scope, const QString& requestedTokenType)
{
    TokenEndpointRequest r;
    r.grantType = QString::fromLatin1(kTokenExchangeGrant);
    r.parameters = {{QStringLiteral("subject_token"), subjectToken},
                    {QStringLiteral("subject_token_type"),
                     subjectTokenType.isEmpty() ? QString::fromLatin1(kAccessTokenType) : subjectTokenType},
                    {QStringLiteral("requested_token_type"), requestedTokenType},
                    {QStringLiteral("audience"), audience.trimmed()},
                    {QStringLiteral("resource"), resource.trimmed()},
                    {QStringLiteral("scope"), scope.simplified()}};
    return r;
}

TokenEndpointClient::TokenEndpointClient(QObject* parent)
    : QObject(parent)
    , m_client(new HttpClient(this))
{
    connect(m_client, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_current)
            return;
        m_current = 0;
        if (const QString nonce = dpopNonceOf(response); !nonce.isEmpty())
            m_lastNonce = nonce;
        if (m_request.dpopKey && !m_nonceRetried) {
            if (const QString nonce = dpopNonceToRetry(response); !nonce.isEmpty()) {
                m_nonceRetried = true; // once: a server that keeps asking is not asked again (§8)
                m_request.dpopNonce = nonce;
                send();
                return;
            }
        }
        Q_EMIT finished(TokenGrant::parse(response));
    });
}

namespace {
/// RFC 9449 §8.1: nonce = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E.
bool isNonce(QByteArrayView value)
{
    if (value.isEmpty() || value.size() > 1024)
        return false;
    for (const char c : value) {
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\')
            return false;
    }
    return true;
}
} // namespace

QString TokenEndpointClient::dpopNonceOf(const HttpClientResponse& response)
{
    const QByteArray nonce = response.headerValue("DPoP-Nonce");
    return isNonce(nonce) ? QString::fromLatin1(nonce) : QString();
}

QString TokenEndpointClient::dpopNonceToRetry(const HttpClientResponse& response)
{
    if (!response.received || (response.status != 400 && response.status != 401))
        return {};
    bool asked = false;
    if (response.status == 400) {
        const auto error = TokenGrant::oauthError(response, QStringLiteral("token endpoint"));
        asked = error && error->reason == QLatin1String("use_dpop_nonce");
    } else {
        for (const QByteArray& challenge : response.headerValues("WWW-Authenticate")) {
            if (challenge.trimmed().startsWith("DPoP") && challenge.contains("use_dpop_nonce"))
                asked = true;
        }
    }
    return asked ? dpopNonceOf(response) : QString();
}

Result<void> TokenEndpointClient::validate(const TokenEndpointRequest& request)
{
    const QUrl url(request.tokenUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Error(ErrorCode::Usage, QStringLiteral("the token URL must be an http(s) URL, e.g. "
                                                      "https://issuer.example.com/oauth/token"));
    if (request.client.clientId.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("the client id is empty"));
    if (request.grantType.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("the grant type is empty"));
    return Result<void>::success();
}

Result<HttpRequestSpec> TokenEndpointClient::buildRequest(const TokenEndpointRequest& request, qint64 nowSeconds)
{
    if (auto valid = validate(request); !valid)
        return valid.error();
    HttpRequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = request.tokenUrl.trimmed();
    spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    spec.formRows.append({QStringLiteral("grant_type"), request.grantType, true});
    for (const auto& [name, value] : request.parameters) {
        if (!value.isEmpty())
            spec.formRows.append({name, value, true});
    }
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    if (auto applied = request.client.apply(spec, spec.url, nowSeconds); !applied)
        return applied.error();
    if (request.dpopKey) {
        const MockClock at(nowSeconds); // the proof's iat is the request's time, like the client assertion's
        DpopProofOptions proof;
        proof.htm = spec.method;
        proof.htu = spec.url;
        proof.nonce = request.dpopNonce;
        proof.clock = &at;
        auto jwt = DpopProof::create(*request.dpopKey, proof);
        if (!jwt)
            return Error(jwt.error().code, QStringLiteral("DPoP proof: %1").arg(jwt.error().message));
        spec.headers.append({QStringLiteral("DPoP"), QString::fromLatin1(jwt.value()), true});
    }
    spec.followRedirects = false;
    spec.timeoutMs = request.timeoutMs;
    spec.verifyTls = request.verifyTls;
    return spec;
}

void TokenEndpointClient::fetch(const TokenEndpointRequest& request)
{
    if (m_current != 0) {
        const quint64 previous = m_current;
        m_current = 0; // its finished() is ignored
        m_client->cancel(previous);
    }
    m_request = request;
    m_nonceRetried = false;
    send();
}

void TokenEndpointClient::send()
{
    const Clock& clock = m_clock ? *m_clock : SystemClock::instance();
    auto spec = buildRequest(m_request, clock.nowSeconds());
    if (!spec) {
        // Asynchronous like every other outcome, so callers have one code path.
        QTimer::singleShot(0, this, [this, error = spec.error()]() { Q_EMIT finished(Result<TokenGrant>(error)); });
        return;
    }
    m_current = m_client->send(spec.value());
}

void TokenEndpointClient::cancel()
{
    if (m_current != 0)
        m_client->cancel(m_current);
}

Result<TokenGrant> TokenEndpointClient::fetchAndWait(const TokenEndpointRequest& request,
                                                     const HttpClientOptions& options, const Clock* clock,
                                                     QString* dpopNonce)
{
    TokenEndpointRequest r = request;
    for (int attempt = 0;; ++attempt) {
        auto spec = buildRequest(r, (clock ? *clock : SystemClock::instance()).nowSeconds());
        if (!spec)
            return spec.error();
        const HttpClientResponse response = HttpClient::sendAndWait(spec.value(), options);
        if (const QString nonce = dpopNonceOf(response); dpopNonce && !nonce.isEmpty())
            *dpopNonce = nonce;
        if (r.dpopKey && attempt == 0) {
            if (const QString nonce = dpopNonceToRetry(response); !nonce.isEmpty()) {
                r.dpopNonce = nonce; // RFC 9449 §8: once, with the nonce the server gave
                continue;
            }
        }
        return TokenGrant::parse(response);
    }
}
