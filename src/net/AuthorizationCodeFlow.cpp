// SPDX-License-Identifier: MIT
#include "net/AuthorizationCodeFlow.h"

#include "core/Base64Url.h"
#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "crypto/SecureRandom.h"
#include "jose/Pkce.h"
#include "net/HttpClient.h"
#include "net/LoopbackRedirectListener.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace {

Result<QString> randomToken()
{
    auto bytes = SecureRandom::bytes(32);
    if (!bytes)
        return bytes.error();
    return QString::fromLatin1(Base64Url::encode(bytes.value()));
}

const QString kParEndpoint = QStringLiteral("pushed authorization request endpoint");

} // namespace

AuthorizationCodeFlow::AuthorizationCodeFlow(BrowserLauncher browser, QObject* parent)
    : QObject(parent)
    , m_browser(std::move(browser))
    , m_http(new HttpClient(this))
    , m_tokens(new TokenEndpointClient(this))
    , m_listener(new LoopbackRedirectListener(this))
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        fail(Error(ErrorCode::NetTimeout, QStringLiteral("no authorization response came to %1 within %2 s")
                                              .arg(m_redirectUri)
                                              .arg(m_request.timeoutMs / 1000)));
    });
    connect(m_listener, &LoopbackRedirectListener::received, this, &AuthorizationCodeFlow::onCallback);
    connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_parCall || !m_running)
            return;
        m_parCall = 0;
        // RFC 9126 §2.2: 201 with request_uri and expires_in; §2.3: the token endpoint's error format.
        if (auto failure = TokenGrant::failureOf(response, kParEndpoint)) {
            fail(*failure);
            return;
        }
        const QString requestUri =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("request_uri")).toString();
        if (requestUri.isEmpty()) {
            fail(Error(ErrorCode::JsonInvalid,
                       QStringLiteral("the %1's answer has no \"request_uri\" (RFC 9126 §2.2)").arg(kParEndpoint)));
            return;
        }
        QUrl url(m_request.authorizeUrl);
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("client_id"), m_request.token.client.clientId);
        query.addQueryItem(QStringLiteral("request_uri"), requestUri);
        url.setQuery(query);
        openBrowser(url);
    });
    connect(m_tokens, &TokenEndpointClient::finished, this, [this](const Result<TokenGrant>& grant) {
        if (!m_running)
            return;
        if (!grant) {
            fail(grant.error());
            return;
        }
        m_running = false;
        m_timeout->stop();
        m_listener->stop();
        Q_EMIT finished(AuthorizationCodeResult{grant.value(), m_nonce, m_redirectUri});
    });
}

AuthorizationCodeFlow::~AuthorizationCodeFlow() = default;

void AuthorizationCodeFlow::setOptions(const HttpClientOptions& options)
{
    m_http->setOptions(options);
    m_tokens->setOptions(options);
}

QUrlQuery AuthorizationCodeFlow::authorizationParameters(const AuthorizationCodeRequest& request,
                                                         const QString& redirectUri, const QString& state,
                                                         const QString& nonce, const QString& challenge)
{
    QUrlQuery q;
    const auto add = [&q](const QString& name, const QString& value) {
        // QUrlQuery keeps '+' literal; encode it (and '&', '=', '#') so a value survives any server's decoding.
        if (!value.isEmpty())
            q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("response_type"), request.implicit ? QStringLiteral("token") : QStringLiteral("code"));
    add(QStringLiteral("client_id"), request.token.client.clientId);
    add(QStringLiteral("redirect_uri"), redirectUri);
    add(QStringLiteral("scope"), request.scope.simplified());
    add(QStringLiteral("state"), state);
    // OIDC Core §3.1.2.1: only meaningful with the openid scope, harmless without it.
    add(QStringLiteral("nonce"), nonce);
    add(QStringLiteral("audience"), request.audience.trimmed());
    add(QStringLiteral("resource"), request.resource.trimmed());
    if (!challenge.isEmpty()) {
        add(QStringLiteral("code_challenge"), challenge);
        add(QStringLiteral("code_challenge_method"), request.pkce);
    }
    return q;
}

std::optional<Error> AuthorizationCodeFlow::responseError(const QUrlQuery& query, const QString& expectedState,
                                                          const QString& issuer, bool issRequired)
{
    const auto value = [&query](const char* name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    // RFC 9207 §2.4: compare iss before anything else in the response is used, errors included (a mix-up attacker
    // can forge those too).
    if (query.hasQueryItem(QStringLiteral("iss"))) {
        if (value("iss") != issuer)
            return Error(ErrorCode::OAuthError,
                         QStringLiteral("the authorization response's iss \"%1\" is not the issuer \"%2\" (RFC 9207 "
                                        "§2.4: a mix-up attack or a misconfigured client)")
                             .arg(DisplayText::escapeControls(value("iss")), issuer),
                         QStringLiteral("iss"), QStringLiteral("iss_mismatch"));
    } else if (issRequired) {
        return Error(ErrorCode::OAuthError,
                     QStringLiteral("the authorization response has no iss although the server advertises "
                                    "authorization_response_iss_parameter_supported (RFC 9207 §2.4)"),
                     QStringLiteral("iss"), QStringLiteral("iss_missing"));
    }
    if (value("state") != expectedState)
        return Error(ErrorCode::OAuthError,
                     QStringLiteral("the authorization response's state does not match the request's (RFC 6749 "
                                    "§10.12: a forged or stale response); ignored"),
                     QStringLiteral("state"), QStringLiteral("state_mismatch"));
    if (query.hasQueryItem(QStringLiteral("error"))) {
        const QString code = DisplayText::escapeControls(value("error"));
        const QString description = DisplayText::escapeControls(value("error_description"));
        return Error(ErrorCode::OAuthError,
                     QStringLiteral("the authorization server refused: %1%2")
                         .arg(code, description.isEmpty() ? QString() : QString(QStringLiteral(" — ") + description)),
                     {}, code);
    }
    return std::nullopt;
}

Result<QString> AuthorizationCodeFlow::checkResponse(const QUrlQuery& query, const QString& expectedState,
                                                     const QString& issuer, bool issRequired)
{
    if (auto error = responseError(query, expectedState, issuer, issRequired))
        return *error;
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty())
        return Error(ErrorCode::OAuthError, QStringLiteral("the authorization response has no code (RFC 6749 §4.1.2)"),
                     {}, QStringLiteral("invalid_request"));
    return code;
}

Result<TokenGrant> AuthorizationCodeFlow::checkImplicitResponse(const QUrlQuery& response, const QString& expectedState,
                                                                const QString& issuer, bool issRequired)
{
    if (auto error = responseError(response, expectedState, issuer, issRequired))
        return *error;
    const auto value = [&response](const char* name) {
        return response.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    const auto invalid = [](const QString& what) {
        return Error(ErrorCode::OAuthError,
                     QStringLiteral("the implicit grant's response %1 (RFC 6749 §4.2.2)").arg(what), {},
                     QStringLiteral("invalid_request"));
    };
    TokenGrant grant;
    grant.accessToken = value("access_token");
    grant.tokenType = value("token_type");
    grant.scope = value("scope");
    if (grant.accessToken.isEmpty())
        return invalid(QStringLiteral("has no access_token"));
    if (grant.tokenType.isEmpty())
        return invalid(QStringLiteral("has no token_type"));
    if (response.hasQueryItem(QStringLiteral("expires_in"))) {
        bool ok = false;
        grant.expiresIn = value("expires_in").toLongLong(&ok);
        if (!ok || grant.expiresIn < 0)
            return invalid(QStringLiteral("has an expires_in that is not a number of seconds"));
    }
    // What the fragment said, as a token endpoint's JSON would (the token log and `--print json` show it).
    for (const auto& [name, text] : response.queryItems(QUrl::FullyDecoded))
        grant.raw.insert(name, name == QLatin1String("expires_in") ? QJsonValue(grant.expiresIn) : QJsonValue(text));
    return grant;
}

void AuthorizationCodeFlow::start(const AuthorizationCodeRequest& request)
{
    if (m_running)
        cancel();
    m_request = request;
    m_running = true;
    const QUrl authorize(request.authorizeUrl, QUrl::StrictMode);
    if (!authorize.isValid() ||
        (authorize.scheme() != QLatin1String("https") && authorize.scheme() != QLatin1String("http"))) {
        fail(Error(ErrorCode::Usage, QStringLiteral("the authorization URL must be an http(s) URL")));
        return;
    }
    if (request.usePar && request.parUrl.isEmpty() && !request.implicit) {
        fail(Error(ErrorCode::Usage, QStringLiteral("PAR is required but there is no pushed authorization request "
                                                    "endpoint")));
        return;
    }
    auto state = randomToken();
    auto nonce = randomToken();
    if (!state || !nonce) {
        fail(state ? nonce.error() : state.error());
        return;
    }
    m_state = state.value();
    m_nonce = nonce.value();
    QString challenge;
    m_verifier.clear();
    if (request.pkce != QLatin1String("off") && !request.implicit) {
        const auto method = Pkce::methodFromName(request.pkce.toLatin1());
        if (!method) {
            fail(Error(ErrorCode::Usage, QStringLiteral("PKCE method must be S256, plain or off")));
            return;
        }
        auto verifier = Pkce::newVerifier();
        if (!verifier) {
            fail(verifier.error());
            return;
        }
        m_verifier = QString::fromLatin1(verifier.value());
        challenge = QString::fromLatin1(Pkce::challenge(verifier.value(), *method));
    }
    if (auto listening = m_listener->start(request.redirectPort, request.implicit); !listening) {
        fail(listening.error());
        return;
    }
    m_redirectUri = m_listener->redirectUri();
    m_timeout->start(request.timeoutMs);
    const QUrlQuery parameters = authorizationParameters(request, m_redirectUri, m_state, m_nonce, challenge);
    if (!request.usePar || request.implicit) {
        QUrl url(request.authorizeUrl);
        QUrlQuery query(url);
        for (const auto& [name, value] : parameters.queryItems(QUrl::FullyEncoded))
            query.addQueryItem(name, value);
        url.setQuery(query);
        openBrowser(url);
        return;
    }
    // RFC 9126 §2.1: the same parameters, authenticated like a token request, POSTed to the PAR endpoint.
    HttpRequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = request.parUrl;
    spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    for (const auto& [name, value] : parameters.queryItems(QUrl::FullyDecoded)) {
        if (name != QLatin1String("client_id") || request.token.client.method == AuthProfile::ClientAuth::Basic)
            spec.formRows.append({name, value, true});
    }
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    spec.followRedirects = false;
    spec.timeoutMs = request.token.timeoutMs;
    spec.verifyTls = request.token.verifyTls;
    if (auto applied = request.token.client.apply(spec, spec.url, SystemClock::instance().nowSeconds()); !applied) {
        fail(applied.error());
        return;
    }
    m_parCall = m_http->send(spec);
}

void AuthorizationCodeFlow::openBrowser(const QUrl& url)
{
    Q_EMIT authorizationUrl(url);
    if (auto opened = m_browser.open(url); !opened)
        fail(opened.error());
}

void AuthorizationCodeFlow::onCallback(const QUrlQuery& query)
{
    if (!m_running)
        return;
    m_listener->stop();
    if (m_request.implicit) {
        auto grant = checkImplicitResponse(query, m_state, m_request.issuer, m_request.issRequired);
        if (!grant) {
            fail(grant.error());
            return;
        }
        m_running = false;
        m_timeout->stop();
        Q_EMIT finished(AuthorizationCodeResult{grant.value(), m_nonce, m_redirectUri});
        return;
    }
    auto code = checkResponse(query, m_state, m_request.issuer, m_request.issRequired);
    if (!code) {
        fail(code.error());
        return;
    }
    TokenEndpointRequest exchange = m_request.token;
    const TokenEndpointRequest grant = TokenEndpointRequest::authorizationCode(code.value(), m_redirectUri, m_verifier);
    exchange.grantType = grant.grantType;
    exchange.parameters = grant.parameters;
    m_tokens->fetch(exchange);
}

void AuthorizationCodeFlow::fail(const Error& error)
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout->stop();
    m_listener->stop();
    if (m_parCall != 0) {
        const quint64 call = m_parCall;
        m_parCall = 0;
        m_http->cancel(call);
    }
    m_tokens->cancel();
    // Asynchronous like every other outcome (start() may fail before returning).
    QTimer::singleShot(0, this, [this, error] { Q_EMIT finished(Result<AuthorizationCodeResult>(error)); });
}

void AuthorizationCodeFlow::cancel()
{
    fail(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}

Result<AuthorizationCodeResult> AuthorizationCodeFlow::runAndWait(const AuthorizationCodeRequest& request,
                                                                  const BrowserLauncher& browser,
                                                                  const HttpClientOptions& options)
{
    AuthorizationCodeFlow flow(browser);
    flow.setOptions(options);
    Result<AuthorizationCodeResult> out(Error(ErrorCode::Cancelled, QStringLiteral("not run")));
    QEventLoop loop;
    QObject::connect(&flow, &AuthorizationCodeFlow::finished, &loop,
                     [&](const Result<AuthorizationCodeResult>& result) {
                         out = result;
                         loop.quit();
                     });
    flow.start(request);
    loop.exec();
    return out;
}
