// SPDX-License-Identifier: MIT
#include "net/RequestSession.h"

#include "core/SystemClock.h"
#include "jose/CompactToken.h"
#include "jose/JwtBuilder.h"
#include "jose/KeyText.h"
#include "net/MetadataResolver.h"
#include "net/OAuthActions.h"
#include "net/OAuthTokenFlow.h"
#include "net/TokenEndpointClient.h"
#include "request/VariableResolver.h"
#include "workspace/ItemInheritance.h"
#include "workspace/Workspace.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QTimer>
#include <QUrl>

#include <utility>

namespace {
bool isHmac(const QString& alg)
{
    return alg.startsWith(QLatin1String("HS"));
}

/// RFC 6750 §3: `Bearer error="invalid_token"` in a challenge says the token itself was refused.
bool saysInvalidToken(const HttpClientResponse& response)
{
    for (const QByteArray& challenge : response.headerValues("WWW-Authenticate")) {
        if (challenge.contains("invalid_token"))
            return true;
    }
    return false;
}
} // namespace

struct RequestSession::Call
{
    SessionRequest request;
    HttpRequestSpec resolved; // variables substituted, auth not yet applied
    AuthConfig auth;          // resolved
    std::optional<AuthProfile> profile;
    TransportSettings transport;
    SessionResult result;
    quint64 clientId = 0;
    TokenEndpointClient* tokenClient = nullptr;
    quint64 discoveryId = 0; // a running MetadataResolver::resolve() for an issuer-only profile
    bool refreshFailed = false;
    bool tokenFromCache = false;
    bool retried = false;
    bool cancelled = false;
    QString dpopToken;         // a DPoP-bound access token (RFC 9449 §7.1): sent with a proof, not as Bearer
    bool nonceRetried = false; // the resource server's use_dpop_nonce was answered once (§9)
};

SessionRequest SessionRequest::fromItem(const Workspace& workspace, const CollectionNode& node,
                                        const Environment* environment, const RequestItem* edited)
{
    Q_ASSERT(!node.isContainer());
    SessionRequest s;
    const RequestItem& item = edited ? *edited : node.request();
    s.request = item.request;
    s.request.headers = ItemInheritance::effectiveHeaders(node, item.request.headers);
    const auto auth = ItemInheritance::effectiveAuth(node, item.auth);
    s.auth = auth.auth;
    s.authSource = auth.sourceText();
    if (s.auth.type == AuthConfig::Type::OAuth2) {
        if (const AuthProfile* profile = workspace.authProfile(s.auth.profile))
            s.profile = *profile;
    }
    s.transport = item.transport;
    s.variableLayers = ItemInheritance::variableLayers(workspace, node, environment, item.variables);
    s.label = Workspace::joinPath(node.path());
    return s;
}

std::optional<SentTokenFacts> SessionResult::sentTokenFacts() const
{
    if (sentToken.isEmpty())
        return std::nullopt;
    SentTokenFacts facts = SentTokenFacts::describe(sentToken);
    facts.type = sentTokenType;
    facts.profile = tokenProfile;
    facts.obtained = tokenProfile.isEmpty() ? QString() : tokenObtained;
    facts.retried = retriedWithFreshToken;
    facts.authSource = authSource;
    return facts;
}

RequestSession::RequestSession(QObject* parent)
    : QObject(parent)
    , m_client(new HttpClient(this))
    , m_metadata(new MetadataResolver(this))
{
    connect(m_client, &HttpClient::finished, this, [this](quint64 clientId, const HttpClientResponse& response) {
        const quint64 id = m_clientIds.take(clientId);
        if (id != 0)
            onResponse(id, response);
    });
}

RequestSession::~RequestSession() = default;

void RequestSession::setDiagnosisContext(const std::optional<Jwks>& keys, const QString& issuer,
                                         const QString& audience, const QStringList& allowedAlgorithms)
{
    m_keys = keys;
    m_issuer = issuer;
    m_audience = audience;
    m_algorithms = allowedAlgorithms;
}

qint64 RequestSession::nowMs() const
{
    return (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds();
}

HttpClientOptions RequestSession::optionsFor(const HttpClientOptions& base, const TransportSettings& transport,
                                             const QByteArray& keyPassphrase)
{
    HttpClientOptions o = base;
    if (!transport.caFile.isEmpty())
        o.tls.caFile = transport.caFile;
    if (!transport.pkcs12File.isEmpty()) {
        o.tls.pkcs12File = transport.pkcs12File;
    } else if (!transport.clientCertFile.isEmpty()) {
        o.tls.clientCertFile = transport.clientCertFile;
        o.tls.clientKeyFile = transport.clientKeyFile;
    }
    if (!keyPassphrase.isEmpty())
        o.tls.keyPassphrase = keyPassphrase;
    switch (transport.proxyMode) {
    case TransportSettings::ProxyMode::System:
        break;
    case TransportSettings::ProxyMode::None:
        o.proxy.mode = ProxyOptions::Mode::None;
        break;
    case TransportSettings::ProxyMode::Manual: {
        // "host:port" is accepted as an HTTP proxy too (what people type).
        const QString text = transport.proxyUrl.contains(QLatin1String("://"))
                                 ? transport.proxyUrl
                                 : QStringLiteral("http://") + transport.proxyUrl;
        const QUrl url(text);
        o.proxy.mode = ProxyOptions::Mode::Manual;
        o.proxy.socks5 = url.scheme().startsWith(QLatin1String("socks"));
        o.proxy.host = url.host();
        o.proxy.port = quint16(url.port(o.proxy.socks5 ? 1080 : 8080));
        o.proxy.user = url.userName();
        o.proxy.password = url.password();
        break;
    }
    }
    return o;
}

quint64 RequestSession::start(const SessionRequest& request)
{
    const quint64 id = prepare(request);
    // Always asynchronous, also when the auth step fails at once.
    QTimer::singleShot(0, this, [this, id] { obtainAuth(id); });
    return id;
}

quint64 RequestSession::prepare(const SessionRequest& request)
{
    const quint64 id = m_nextId++;
    auto call = std::make_shared<Call>();
    call->request = request;
    m_calls.insert(id, call);

    VariableResolver resolver(request.variableLayers);
    for (const auto& v : request.overrides)
        resolver.setOverride(v.name, v.value, v.secret);
    const ResolvedRequest resolved = resolver.resolve(request.request);
    call->resolved = resolved.request;
    call->result.unknownVariables = resolved.unknownVariables;
    call->result.authSource = request.authSource;
    call->result.secretValues = resolved.secretValuesUsed;
    for (const auto& layer : request.variableLayers)
        call->result.secretValues += layer.secretValues();

    auto resolveText = [&resolver, &call](QString& text) {
        if (!text.contains(QLatin1String("{{")))
            return; // nothing to resolve (VariableResolver::resolve(HttpRequestSpec) skips such fields too)
        const VariableResolution r = resolver.resolve(text);
        text = r.text;
        for (const QString& name : r.unknownVariables) {
            if (!call->result.unknownVariables.contains(name))
                call->result.unknownVariables.append(name);
        }
        call->result.secretValues += r.secretValuesUsed;
    };
    call->auth = request.auth;
    for (QString* field : {&call->auth.token, &call->auth.username, &call->auth.password, &call->auth.apiKeyName,
                           &call->auth.apiKeyValue, &call->auth.jwtKey, &call->auth.jwtHeader, &call->auth.jwtClaims})
        resolveText(*field);
    for (const QString& member : AuthConfig::secretMembers()) {
        if (!call->auth.secret(member).isEmpty())
            call->result.secretValues.append(call->auth.secret(member));
    }
    call->profile = request.profile;
    if (call->profile) {
        AuthProfile& p = *call->profile;
        for (QString* field : {&p.issuer, &p.tokenUrl, &p.clientId, &p.clientSecret, &p.scope, &p.audience, &p.resource,
                               &p.username, &p.password})
            resolveText(*field);
        if (!p.clientSecret.isEmpty())
            call->result.secretValues.append(p.clientSecret);
    }
    call->transport = request.transport;
    for (QString* field : {&call->transport.caFile, &call->transport.clientCertFile, &call->transport.clientKeyFile,
                           &call->transport.pkcs12File, &call->transport.proxyUrl})
        resolveText(*field);
    call->result.secretValues.removeAll(QString());
    call->result.secretValues.removeDuplicates();
    return id;
}

Result<QByteArray> RequestSession::signJwt(const AuthConfig& auth) const
{
    Jwk key;
    if (isHmac(auth.jwtAlgorithm)) {
        if (auth.jwtKey.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("JWT auth: no HMAC secret"));
        key = Jwk::fromSecret(auth.jwtKey.toUtf8());
    } else {
        auto parsed = KeyText::parse(auth.jwtKey.toUtf8());
        if (!parsed)
            return Error(parsed.error().code,
                         QStringLiteral("JWT auth: the signing key: %1").arg(parsed.error().message));
        if (parsed->keys.keys().isEmpty())
            return Error(ErrorCode::JwkInvalid, QStringLiteral("JWT auth: no key in the signing key text"));
        key = parsed->keys.keys().constFirst();
    }
    QJsonObject claims;
    if (!auth.jwtClaims.trimmed().isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(auth.jwtClaims.toUtf8(), &error);
        if (!doc.isObject())
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("JWT auth: the claims are not a JSON object (%1)").arg(error.errorString()));
        claims = doc.object();
    }
    QJsonObject header;
    if (!auth.jwtHeader.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(auth.jwtHeader.toUtf8());
        if (!doc.isObject())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("JWT auth: the extra header is not a JSON object"));
        header = doc.object();
    }
    // RFC 7519 §4.1.6 / §4.1.4: a token signed per request carries when it was made and a short lifetime.
    const qint64 now = nowMs() / 1000;
    if (!claims.contains(QStringLiteral("iat")))
        claims.insert(QStringLiteral("iat"), now);
    if (!claims.contains(QStringLiteral("exp")))
        claims.insert(QStringLiteral("exp"), now + auth.jwtLifetimeSeconds);
    return JwtBuilder::sign(auth.jwtAlgorithm, claims, key, header);
}

void RequestSession::failAuth(quint64 id, const Error& error)
{
    auto call = m_calls.value(id);
    if (!call)
        return;
    call->result.sent = call->resolved.effective();
    call->result.authError = error;
    call->result.response.method = call->result.sent.normalizedMethod();
    call->result.response.url = call->result.sent.url;
    call->result.response.error = error;
    finish(id, call->result);
}

void RequestSession::obtainAuth(quint64 id)
{
    auto call = m_calls.value(id);
    if (!call || call->cancelled)
        return;
    HttpRequestSpec::Auth& wire = call->resolved.auth;
    wire = {};
    const AuthConfig& a = call->auth;
    const QString from = call->request.authSource.isEmpty()
                             ? QString()
                             : QStringLiteral(" (inherited from %1)").arg(call->request.authSource);
    switch (a.type) {
    case AuthConfig::Type::Inherit:
    case AuthConfig::Type::None:
        break;
    case AuthConfig::Type::Bearer:
        wire.kind = HttpRequestSpec::AuthKind::Bearer;
        wire.token = a.token;
        call->result.authNote = QStringLiteral("Bearer token%1").arg(from);
        break;
    case AuthConfig::Type::Basic:
        wire.kind = HttpRequestSpec::AuthKind::Basic;
        wire.username = a.username;
        wire.password = a.password;
        call->result.authNote = QStringLiteral("Basic auth as %1%2").arg(a.username, from);
        break;
    case AuthConfig::Type::ApiKey:
        wire.kind = HttpRequestSpec::AuthKind::ApiKey;
        wire.apiKeyName = a.apiKeyName;
        wire.apiKeyValue = a.apiKeyValue;
        wire.apiKeyInQuery = a.apiKeyInQuery;
        call->result.authNote =
            QStringLiteral("API key %1 in the %2%3")
                .arg(a.apiKeyName, a.apiKeyInQuery ? QStringLiteral("query") : QStringLiteral("header"), from);
        break;
    case AuthConfig::Type::Jwt: {
        auto token = signJwt(a);
        if (!token) {
            failAuth(id, token.error());
            return;
        }
        wire.kind = HttpRequestSpec::AuthKind::Bearer;
        wire.token = QString::fromLatin1(token.value());
        call->result.secretValues.append(wire.token);
        call->result.authNote = QStringLiteral("JWT signed now with %1, valid %2 s%3")
                                    .arg(a.jwtAlgorithm)
                                    .arg(a.jwtLifetimeSeconds)
                                    .arg(from);
        break;
    }
    case AuthConfig::Type::OAuth2: {
        if (!call->profile) {
            failAuth(id, Error(ErrorCode::NotFound, QStringLiteral("OAuth 2.0: no auth profile named \"%1\" in the "
                                                                   "workspace")
                                                        .arg(a.profile)));
            return;
        }
        const AuthProfile& p = *call->profile;
        const QString key = TokenManager::keyFor(p);
        // What an earlier process kept in the keychain; a keychain failure only means fetching anew.
        (void)m_tokenManager.restore(key);
        call->result.tokenProfile = p.name;
        call->result.tokenKey = key;
        if (const auto cached = m_tokenManager.usable(key)) {
            useToken(*call, *cached);
            call->tokenFromCache = true;
            call->result.tokenObtained = QStringLiteral("cached");
            call->result.secretValues.append(cached->accessToken);
            call->result.authNote = cached->expiresAtMs == 0
                                        ? QStringLiteral("token of profile %1 (cached)%2").arg(p.name, from)
                                        : QStringLiteral("token of profile %1 (cached, expires in %2 s)%3")
                                              .arg(p.name)
                                              .arg((cached->expiresAtMs - nowMs()) / 1000)
                                              .arg(from);
            break;
        }
        // A kept refresh token first (RFC 6749 §6); else the profile's own grant, when it needs no user.
        TokenEndpointRequest r;
        const auto kept = m_tokenManager.stored(key);
        const bool refreshing = kept && !kept->refreshToken.isEmpty() && !call->refreshFailed;
        if (refreshing) {
            r = TokenEndpointRequest::refreshToken(kept->refreshToken, p.scope);
        } else if (p.grant == AuthProfile::Grant::ClientCredentials) {
            r = TokenEndpointRequest::clientCredentials(p.scope, p.audience, p.resource);
        } else if (p.grant == AuthProfile::Grant::Password) {
            r = TokenEndpointRequest::password(p.username, p.password, p.scope);
        } else {
            failAuth(id, Error(ErrorCode::NotSupported,
                               QStringLiteral("OAuth 2.0: profile \"%1\" uses the %2 grant, which needs a user; get a "
                                              "token first (tokenscope-cli oauth token --profile \"%1\")")
                                   .arg(p.name, AuthProfile::grantName(p.grant))));
            return;
        }
        if (p.tokenUrl.isEmpty() && !p.issuer.isEmpty()) {
            // An issuer-only profile: the token URL from its metadata, found once per session (a runner's sends
            // share it), as Get new token and `oauth token --issuer` find it (MetadataResolver, RFC 8414 / OIDC).
            if (const AuthServerMetadata* metadata = m_metadata->cached(p.issuer)) {
                OAuthTokenFlow::applyMetadata(*call->profile, *metadata);
            } else {
                discoverEndpoints(id);
                return;
            }
        }
        if (p.tokenUrl.isEmpty()) {
            failAuth(id, Error(ErrorCode::Usage, QStringLiteral("OAuth 2.0 profile %1: no token URL, and no issuer to "
                                                                "discover it from")
                                                     .arg(p.name)));
            return;
        }
        r.tokenUrl = p.tokenUrl;
        r.client.clientId = p.clientId;
        r.client.clientSecret = p.clientSecret;
        r.client.method = p.clientAuth;
        if (p.clientAuth == AuthProfile::ClientAuth::PrivateKeyJwt && !p.clientKeyFile.isEmpty()) {
            QFile keyFile(p.clientKeyFile);
            if (!keyFile.open(QIODevice::ReadOnly)) {
                failAuth(id, Error(ErrorCode::Io, QStringLiteral("OAuth 2.0 profile %1: cannot read the client key "
                                                                 "%2: %3")
                                                      .arg(p.name, p.clientKeyFile, keyFile.errorString())));
                return;
            }
            r.client.privateKey = keyFile.read(1024 * 1024);
            r.client.keyPassphrase = call->request.keyPassphrase;
        }
        if (p.dpop) {
            if (auto bound = m_tokenManager.bindDpop(r, key); !bound) {
                failAuth(id, bound.error());
                return;
            }
        }
        r.verifyTls = call->resolved.verifyTls;
        if (call->resolved.timeoutMs > 0)
            r.timeoutMs = call->resolved.timeoutMs;
        if (auto valid = TokenEndpointClient::validate(r); !valid) {
            failAuth(id, valid.error());
            return;
        }
        call->tokenClient = new TokenEndpointClient(this);
        call->tokenClient->setClock(m_clock);
        call->tokenClient->setOptions(optionsFor(m_baseOptions, call->transport, call->request.keyPassphrase));
        connect(call->tokenClient, &TokenEndpointClient::finished, this,
                [this, id, key, name = p.name, from, grantName = r.grantType, url = r.tokenUrl,
                 refreshing](const Result<TokenGrant>& grant) {
                    auto c = m_calls.value(id);
                    if (!c)
                        return;
                    m_tokenManager.setDpopNonce(TokenManager::originOf(url), c->tokenClient->lastDpopNonce(), key);
                    c->tokenClient->deleteLater();
                    c->tokenClient = nullptr;
                    if (!grant) {
                        m_tokenManager.logFailure(name, grantName, url, grant.error());
                        // A refused refresh token (expired, revoked, rotated elsewhere): once more with the grant.
                        if (refreshing && grant.error().code == ErrorCode::OAuthError) {
                            c->refreshFailed = true;
                            m_tokenManager.forget(name);
                            obtainAuth(id);
                            return;
                        }
                        failAuth(id, Error(grant.error().code,
                                           QStringLiteral("OAuth 2.0 profile %1: %2").arg(name, grant.error().message),
                                           grant.error().claim, grant.error().reason));
                        return;
                    }
                    const ManagedToken token = m_tokenManager.store(key, name, grantName, url, grant.value());
                    useToken(*c, token);
                    c->result.tokenObtained = refreshing ? QStringLiteral("refreshed") : QStringLiteral("fetched");
                    c->result.secretValues.append(token.accessToken);
                    c->result.authNote =
                        QStringLiteral("token of profile %1 (%2 now%3)%4")
                            .arg(name, refreshing ? QStringLiteral("refreshed") : QStringLiteral("fetched"),
                                 token.expiresAtMs
                                     ? QStringLiteral(", expires in %1 s").arg((token.expiresAtMs - nowMs()) / 1000)
                                     : QString(),
                                 from);
                    send(id);
                });
        Q_EMIT progress(id, QStringLiteral("Fetching a token from %1").arg(r.tokenUrl));
        call->tokenClient->fetch(r);
        return;
    }
    }
    send(id);
}

void RequestSession::discoverEndpoints(quint64 id)
{
    auto call = m_calls.value(id);
    Q_ASSERT(call && call->profile);
    const QString issuer = call->profile->issuer;
    m_metadata->setOptions(optionsFor(m_baseOptions, call->transport, call->request.keyPassphrase));
    Q_EMIT progress(id, QStringLiteral("Discovering the endpoints of %1").arg(issuer));
    call->discoveryId = m_metadata->resolve(
        issuer,
        [this, id, issuer](const Result<AuthServerMetadata>& metadata) {
            auto c = m_calls.value(id);
            if (!c)
                return;
            c->discoveryId = 0;
            if (!metadata) {
                const Error& e = metadata.error();
                failAuth(id, Error(e.code,
                                   QStringLiteral("OAuth 2.0 profile %1: no token URL is typed and the issuer's "
                                                  "metadata cannot be had (OIDC discovery, RFC 8414) from %2: %3")
                                       .arg(c->profile->name, issuer, e.message),
                                   e.claim, e.reason));
                return;
            }
            obtainAuth(id); // now with the metadata cached
        },
        call->resolved.verifyTls, call->resolved.timeoutMs > 0 ? call->resolved.timeoutMs : 15000);
}

void RequestSession::useToken(Call& call, const ManagedToken& token)
{
    HttpRequestSpec::Auth& wire = call.resolved.auth;
    // RFC 9449 §7.1: a token issued as token_type DPoP goes out as "Authorization: DPoP" with a proof; one issued as
    // Bearer (a server without DPoP answers so, §5) stays a Bearer token.
    const bool dpop =
        call.profile && call.profile->dpop && token.tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
    call.dpopToken = dpop ? token.accessToken : QString();
    wire.kind = dpop ? HttpRequestSpec::AuthKind::None : HttpRequestSpec::AuthKind::Bearer;
    wire.token = dpop ? QString() : token.accessToken;
}

Result<HttpRequestSpec> RequestSession::withDpop(const Call& call)
{
    HttpRequestSpec spec = call.resolved;
    if (call.dpopToken.isEmpty())
        return spec;
    auto key = m_tokenManager.dpopKey(TokenManager::keyFor(*call.profile));
    if (!key)
        return key.error();
    const QString nonce = m_tokenManager.dpopNonce(TokenManager::originOf(spec.effective().url));
    if (auto bound = OAuthActions::applyDpop(spec, key.value(), call.dpopToken, nonce, m_clock); !bound)
        return bound.error();
    return spec;
}

void RequestSession::send(quint64 id)
{
    auto call = m_calls.value(id);
    if (!call)
        return;
    auto spec = withDpop(*call);
    if (!spec) {
        failAuth(id, spec.error());
        return;
    }
    m_client->setOptions(optionsFor(m_baseOptions, call->transport, call->request.keyPassphrase));
    call->result.sent = spec->effective();
    call->result.sentToken.clear();
    call->result.sentTokenType.clear();
    if (call->resolved.auth.kind == HttpRequestSpec::AuthKind::Bearer) {
        call->result.sentToken = call->resolved.auth.token.toUtf8();
        call->result.sentTokenType = QStringLiteral("Bearer");
    } else if (!call->dpopToken.isEmpty()) {
        call->result.sentToken = call->dpopToken.toUtf8();
        call->result.sentTokenType = QStringLiteral("DPoP");
    }
    // The redacted text costs ~7 k instructions a request; the runner does not listen.
    if (isSignalConnected(QMetaMethod::fromSignal(&RequestSession::progress)))
        Q_EMIT progress(id, QStringLiteral("Sending %1 %2")
                                .arg(call->result.sent.normalizedMethod(),
                                     call->result.sent.redacted(call->result.secretValues).url));
    call->clientId = m_client->send(spec.value());
    m_clientIds.insert(call->clientId, id);
}

void RequestSession::onResponse(quint64 id, const HttpClientResponse& response)
{
    auto call = m_calls.value(id);
    if (!call)
        return;
    if (!call->dpopToken.isEmpty()) {
        const QString origin = TokenManager::originOf(call->result.sent.url);
        m_tokenManager.setDpopNonce(origin, TokenEndpointClient::dpopNonceOf(response),
                                    call->profile ? TokenManager::keyFor(*call->profile) : QString());
        // RFC 9449 §9: a resource server that wants a nonce answers 401 use_dpop_nonce with one; once, with it.
        if (!call->nonceRetried && !TokenEndpointClient::dpopNonceToRetry(response).isEmpty()) {
            call->nonceRetried = true;
            send(id);
            return;
        }
    }
    // One retry with a fresh token when the API refused a cached OAuth token as invalid (RFC 6750 §3.1): it may
    // have been revoked or rotated before its expiry.
    if (response.received && response.status == 401 && call->tokenFromCache && !call->retried &&
        saysInvalidToken(response)) {
        call->retried = true;
        call->tokenFromCache = false;
        call->result.retriedWithFreshToken = true;
        m_tokenManager.invalidate(TokenManager::keyFor(*call->profile));
        obtainAuth(id);
        return;
    }
    call->result.response = response;
    if (m_recorder)
        m_recorder(call->result);
    call->result.diagnosis = diagnose(call->result.sent, response);
    finish(id, call->result);
}

std::optional<Diagnosis> RequestSession::diagnose(const HttpRequestSpec& sent, const HttpClientResponse& response) const
{
    if (!response.received || (response.status != 401 && response.status != 403))
        return std::nullopt;
    DiagnosisInput input = UnauthorizedDiagnosis::inputFor(sent, response);
    input.keys = m_keys;
    input.expectedIssuer = m_issuer;
    input.expectedAudience = m_audience;
    input.allowedAlgorithms = m_algorithms;
    input.clock = m_clock;
    return UnauthorizedDiagnosis::diagnose(input);
}

void RequestSession::finish(quint64 id, SessionResult result)
{
    m_calls.remove(id);
    Q_EMIT finished(id, result);
}

void RequestSession::cancel(quint64 id)
{
    auto call = m_calls.value(id);
    if (!call)
        return;
    if (call->tokenClient) {
        call->tokenClient->cancel();
        return; // its finished() reports the cancellation
    }
    if (call->clientId != 0) {
        m_client->cancel(call->clientId); // finished() follows with ERR_CANCELLED
        return;
    }
    if (call->discoveryId != 0) // its answer is not waited for; the cancellation is reported below
        m_metadata->cancel(std::exchange(call->discoveryId, 0));
    // Not sent yet (the auth step is queued): it ends here, recorded like any cancelled request.
    call->cancelled = true;
    QTimer::singleShot(0, this, [this, id] {
        auto c = m_calls.value(id);
        if (!c)
            return;
        c->result.sent = c->resolved.effective();
        HttpClientResponse response;
        response.method = c->result.sent.normalizedMethod();
        response.url = c->result.sent.url;
        response.error = Error(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        c->result.response = response;
        if (m_recorder)
            m_recorder(c->result);
        finish(id, c->result);
    });
}

void RequestSession::forgetTokens(const QString& profileName)
{
    m_tokenManager.forget(profileName);
}

SessionResult RequestSession::runAndWait(RequestSession& session, const SessionRequest& request)
{
    SessionResult out;
    bool done = false;
    QEventLoop loop;
    quint64 wanted = 0;
    const auto connection =
        QObject::connect(&session, &RequestSession::finished, &loop, [&](quint64 id, const SessionResult& result) {
            if (id != wanted)
                return;
            out = result;
            done = true;
            loop.quit();
        });
    // No queued hop before the auth step, as start() makes for callers that connect after it returns: this one is
    // connected already, and an auth step that fails at once simply finishes before the loop would start (issue 11:
    // the hop was a timer event per request of a run).
    wanted = session.prepare(request);
    session.obtainAuth(wanted);
    if (!done)
        loop.exec();
    QObject::disconnect(connection);
    return out;
}
