// SPDX-License-Identifier: MIT
#include "server/MockApiServer.h"

#include "http/TcpHttpTransport.h"
#include "jose/AlgorithmTable.h"
#include "server/BearerAuthenticator.h"
#include "server/DpopVerifier.h"
#include "server/JwksProvider.h"
#include "server/OAuthProvider.h"
#include "server/Router.h"
#include "server/StaticKeySource.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QThread>

namespace {

constexpr qint64 kMaxJwksFileBytes = 4 * 1024 * 1024;

Result<QSslConfiguration> loadTls(const QString& certFile, const QString& keyFile)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        return Error(ErrorCode::TlsFailure, QStringLiteral("No PEM certificate in %1").arg(certFile));
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("Cannot read %1: %2").arg(keyFile, file.errorString()));
    }
    const QByteArray pem = file.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            break;
        }
    }
    if (key.isNull()) {
        return Error(ErrorCode::PemInvalid, QStringLiteral("No usable PEM private key in %1").arg(keyFile));
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

QString hostForUrl(const QHostAddress& host)
{
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4 || host.isNull()) {
        return QStringLiteral("127.0.0.1");
    }
    if (host == QHostAddress::AnyIPv6) {
        return QStringLiteral("[::1]");
    }
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        return QString(QLatin1Char('[') + host.toString() + QLatin1Char(']'));
    }
    return host.toString();
}

} // namespace

MockApiServer::MockApiServer(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<RequestLogEntry>();
}

MockApiServer::~MockApiServer()
{
    stop();
}

QString MockApiServer::publicMessage()
{
    return QStringLiteral("Hello from a public endpoint! You don't need to be authenticated to see this.");
}

QString MockApiServer::privateMessage()
{
    return QStringLiteral("Hello from a private endpoint! You need to be authenticated to see this.");
}

QString MockApiServer::scopedMessage(const QString& scope)
{
    return QStringLiteral("Hello from a private endpoint! You need to be authenticated and have a scope of %1 to "
                          "see this.")
        .arg(scope);
}

bool MockApiServer::isRunning() const
{
    return m_transport && m_transport->isRunning();
}

quint16 MockApiServer::port() const
{
    return m_transport ? m_transport->port() : 0;
}

QString MockApiServer::baseUrl() const
{
    return QStringLiteral("%1://%2:%3")
        .arg(m_config.isTls() ? QStringLiteral("https") : QStringLiteral("http"), hostForUrl(m_config.host))
        .arg(port());
}

QString MockApiServer::issuer() const
{
    return m_issuerUrl;
}

QString MockApiServer::audience() const
{
    return m_audience;
}

const EmbeddedIssuer* MockApiServer::embeddedIssuer() const
{
    return m_issuer.get();
}

Result<void> MockApiServer::setUpKeys()
{
    if (m_config.isEmbedded()) {
        auto issuer = EmbeddedIssuer::openOrCreate(m_config.issuerDirectory, m_config.clientId, m_config.clientSecret);
        if (!issuer) {
            return issuer.error();
        }
        m_issuer = std::make_unique<EmbeddedIssuer>(std::move(issuer).value());
        return Result<void>::success();
    }
    if (!m_config.jwksFile.isEmpty()) {
        QFile file(m_config.jwksFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return Error(ErrorCode::Io,
                         QStringLiteral("Cannot read %1: %2").arg(m_config.jwksFile, file.errorString()));
        }
        const auto jwks = Jwks::fromJson(file.read(kMaxJwksFileBytes));
        if (!jwks) {
            return Error(jwks.error().code, QStringLiteral("%1: %2").arg(m_config.jwksFile, jwks.error().message));
        }
        if (jwks->isEmpty()) {
            return Error(ErrorCode::JwksInvalid, QStringLiteral("%1 has no usable key").arg(m_config.jwksFile));
        }
        m_fileJwks = jwks.value();
        return Result<void>::success();
    }
    JwksProviderOptions options;
    options.url = m_config.jwksUrl;
    options.timeoutMs = m_config.jwksTimeoutMs;
    options.clock = m_config.clock;
    m_jwksProvider = std::make_shared<JwksProvider>(options);
    connect(m_jwksProvider.get(), &JwksProvider::logMessage, this, &MockApiServer::logMessage, Qt::DirectConnection);
    return m_jwksProvider->start();
}

Result<void> MockApiServer::start(const ServerConfig& config)
{
    if (isRunning()) {
        return Error(ErrorCode::Usage, QStringLiteral("The server is already running"));
    }
    // Options first: one clear error before anything is bound or created.
    if (config.algorithms.isEmpty()) {
        return Error(ErrorCode::Usage, QStringLiteral("At least one algorithm must be allowed"));
    }
    for (const QString& alg : config.algorithms) {
        const AlgorithmInfo* info = AlgorithmTable::find(alg);
        if (!info || info->isNone()) {
            return Error(ErrorCode::Usage, QStringLiteral("Algorithm %1 cannot be allowed").arg(alg));
        }
    }
    if (!config.jwksUrl.isEmpty() && !config.jwksFile.isEmpty()) {
        return Error(ErrorCode::Usage, QStringLiteral("Give --jwks-url or --jwks-file, not both"));
    }
    if (!config.isEmbedded() && (config.issuer.isEmpty() || config.audience.isEmpty())) {
        return Error(ErrorCode::Usage, QStringLiteral("An external issuer needs --issuer and --audience"));
    }
    if (!config.jwksUrl.isEmpty() &&
        (!config.jwksUrl.isValid() ||
         (config.jwksUrl.scheme() != QLatin1String("https") && config.jwksUrl.scheme() != QLatin1String("http")))) {
        return Error(ErrorCode::Usage, QStringLiteral("--jwks-url must be an http(s) URL"));
    }
    if (config.isTls() && (config.tlsCertFile.isEmpty() || config.tlsKeyFile.isEmpty())) {
        return Error(ErrorCode::Usage, QStringLiteral("HTTPS needs both --tls-cert and --tls-key"));
    }
    if (config.leewaySeconds < 0) {
        return Error(ErrorCode::Usage, QStringLiteral("The leeway cannot be negative"));
    }
    m_config = config;

    TransportConfig transport;
    transport.address = config.host;
    transport.port = config.port;
    transport.workerThreads = config.workerThreads;
    transport.limits = config.limits;
    if (config.isTls()) {
        auto tls = loadTls(config.tlsCertFile, config.tlsKeyFile);
        if (!tls) {
            return tls.error();
        }
        transport.tls = tls.value();
    }
    if (auto keys = setUpKeys(); !keys) {
        stop();
        return keys;
    }

    // RFC 9110 §10.1.1: a protected route refuses a request with Expect: 100-continue and bad credentials
    // before its body (the 401 at once instead of 100 Continue).
    transport.continueCheck = [this](const HttpRequest& head) { return checkHead(head); };
    m_transport = std::make_unique<TcpHttpTransport>();
    const auto started = m_transport->start(
        transport, [this](const HttpRequest& r) { return handle(r); },
        [this](const HttpProtocolError& e) { protocolError(e); });
    if (!started) {
        stop();
        return started;
    }

    // The issuer URL may name the ephemeral port, so the API is wired after binding; until m_ready requests
    // get 503.
    m_issuerUrl = config.issuer.isEmpty() ? QString(baseUrl() + QLatin1Char('/')) : config.issuer;
    m_audience = config.audience.isEmpty() ? QLatin1String(ServerConfig::kDefaultAudience) : config.audience;
    std::shared_ptr<KeySource> keys;
    m_dpop = std::make_shared<const DpopVerifier>(config.dpopMode, baseUrl(), config.clock, config.dpopNonce);
    if (m_issuer) {
        m_issuer->setIssuerUrl(m_issuerUrl);
        keys = std::make_shared<StaticKeySource>(m_issuer->publicJwks());
        QStringList scopes = config.allowedScopes;
        if (!config.requiredScope.isEmpty() && !scopes.contains(config.requiredScope)) {
            scopes.prepend(config.requiredScope);
        }
        m_provider = std::make_unique<OAuthProvider>();
        if (auto configured = m_provider->configure(config, m_issuer.get(), m_audience, scopes, m_dpop); !configured) {
            stop();
            return configured;
        }
    } else if (m_jwksProvider) {
        keys = m_jwksProvider;
    } else {
        Q_ASSERT_X(m_fileJwks.has_value(), "MockApiServer::start", "setUpKeys() validates the JWKS file first");
        keys = std::make_shared<StaticKeySource>(*m_fileJwks);
    }
    BearerPolicy policy;
    policy.issuer = m_issuerUrl;
    policy.audiences = {m_audience};
    policy.algorithms = config.algorithms;
    policy.leewaySeconds = config.leewaySeconds;
    policy.requireExp = !config.allowMissingExp;
    policy.cacheCapacity = config.tokenCacheCapacity;
    policy.describeSteps = config.logRequests;
    policy.keepTokenDetails = config.logTokenDetails;
    policy.clock = config.clock;
    policy.dpop = m_dpop;
    if (m_provider) {
        const OAuthProvider* provider = m_provider.get();
        policy.isRevoked = [provider](const QJsonObject& claims) { return provider->isRevoked(claims); };
    }
    m_authenticator = std::make_unique<BearerAuthenticator>(keys, policy);
    buildRoutes();
    m_ready.store(true, std::memory_order_release);
    return Result<void>::success();
}

void MockApiServer::stop()
{
    m_ready.store(false);
    if (m_transport) {
        m_transport->stop();
    }
    if (m_jwksProvider) {
        m_jwksProvider->stop();
    }
    m_transport.reset();
    m_router.reset();
    m_authenticator.reset();
    m_provider.reset();
    m_dpop.reset();
    m_jwksProvider.reset();
    m_fileJwks.reset();
    m_issuer.reset();
}

void MockApiServer::buildRoutes()
{
    m_router = std::make_unique<Router>();
    CorsPolicy cors;
    cors.allowOrigin = m_config.corsOrigin.toUtf8();
    m_router->setCorsPolicy(cors);
    const QString scope = m_config.requiredScope;
    const BearerAuthenticator* auth = m_authenticator.get();

    auto json = [](const QString& message) {
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("message"), message}});
    };
    auto protectedRoute = [auth](const QString& requiredScope, HttpResponse ok) {
        return [auth, requiredScope, ok](const HttpRequest& request, RequestContext& context) {
            const BearerOutcome outcome = auth->authenticate(request, requiredScope, context);
            return outcome.authorized ? ok : auth->errorResponse(outcome, requiredScope);
        };
    };
    // The credentials are in the head: a request that will get 401/403 is refused before its body.
    auto credentialsCheck = [auth](const QString& requiredScope) {
        return [auth, requiredScope](const HttpRequest& head, RequestContext& context) -> std::optional<HttpResponse> {
            if (head.hasHeader("DPoP")) {
                return std::nullopt; // checking the proof here would spend its jti before the request is answered
            }
            const BearerOutcome outcome = auth->authenticate(head, requiredScope, context);
            if (outcome.authorized) {
                return std::nullopt;
            }
            return auth->errorResponse(outcome, requiredScope);
        };
    };
    auto fixed = [](HttpResponse response) {
        return [response](const HttpRequest&, RequestContext&) { return response; };
    };

    // Auth0 API quickstart.
    m_router->addRoute("GET", "/api/public", fixed(json(publicMessage())));
    m_router->addRoute("GET", "/api/private", protectedRoute(QString(), json(privateMessage())),
                       credentialsCheck(QString()));
    m_router->addRoute("GET", "/api/private-scoped", protectedRoute(scope, json(scopedMessage(scope))),
                       credentialsCheck(scope));
    // The seed tutorial's routes, plain text.
    m_router->addRoute("GET", "/ping",
                       fixed(HttpResponse::text(200, "All good. You don't need to be authenticated to call this")));
    m_router->addRoute(
        "GET", "/secured/ping",
        protectedRoute(QString(),
                       HttpResponse::text(200, "All good. You only get this message if you're authenticated")),
        credentialsCheck(QString()));
    m_router->addRoute(
        "GET", "/secured/private/ping",
        protectedRoute(
            scope,
            HttpResponse::text(200, "All good. You're authenticated and the access token has the appropriate scope")),
        credentialsCheck(scope));

    if (m_issuer) {
        HttpResponse jwks = HttpResponse::json(200, m_issuer->jwksDocument());
        jwks.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=600"));
        m_router->addRoute("GET", "/.well-known/jwks.json", fixed(jwks));
        m_provider->addRoutes(*m_router, m_authenticator.get());
    }
}

HttpResponse MockApiServer::handle(const HttpRequest& request)
{
    if (!m_ready.load(std::memory_order_acquire)) {
        return HttpResponse::jsonError(503, QStringLiteral("starting"), QStringLiteral("The server is starting"));
    }
    QElapsedTimer timer;
    timer.start();
    RequestContext context;
    HttpResponse response = m_router->route(request, context);
    if (m_config.logRequests) {
        logRequest(request, response, context, timer.nsecsElapsed() / 1000);
    }
    return response;
}

std::optional<HttpResponse> MockApiServer::checkHead(const HttpRequest& head)
{
    if (!m_ready.load(std::memory_order_acquire)) {
        return std::nullopt; // the complete request gets the 503
    }
    QElapsedTimer timer;
    timer.start();
    RequestContext context;
    std::optional<HttpResponse> response = m_router->checkHead(head, context);
    if (response && m_config.logRequests) {
        logRequest(head, *response, context, timer.nsecsElapsed() / 1000);
    }
    return response;
}

void MockApiServer::logRequest(const HttpRequest& request, const HttpResponse& response, const RequestContext& context,
                               qint64 latencyUs)
{
    RequestLogEntry entry;
    entry.timestampMs = QDateTime::currentMSecsSinceEpoch();
    entry.method = QString::fromLatin1(request.method);
    entry.path = QString::fromLatin1(request.path);
    entry.status = response.status;
    entry.code = context.errorCode;
    entry.description = context.errorDescription;
    entry.latencyUs = latencyUs;
    entry.peer = request.peerAddress.toString();
    entry.tokenPreview = context.tokenPreview;
    entry.cacheHit = context.cacheHit;
    entry.subject = context.subject;
    entry.steps = context.steps;
    entry.tokenHeaderJson = context.tokenHeaderJson;
    entry.tokenPayloadJson = context.tokenPayloadJson;
    entry.token = context.token;
    Q_EMIT requestLogged(entry);
}

void MockApiServer::protocolError(const HttpProtocolError& error)
{
    if (!m_config.logRequests) {
        return;
    }
    RequestLogEntry entry;
    entry.timestampMs = error.timestampMs;
    entry.method = QStringLiteral("-");
    entry.path = QStringLiteral("-");
    entry.status = error.status;
    entry.code = QStringLiteral("protocol_error");
    entry.description = QString::fromLatin1(error.reason);
    entry.peer = error.peerAddress.toString();
    Q_EMIT requestLogged(entry);
}

QStringList MockApiServer::startupBanner() const
{
    QStringList lines;
    const QString base = baseUrl();
    lines << QStringLiteral("Tokenscope mock API on %1").arg(base);
    const bool loopback = m_config.host.isLoopback();
    if (!loopback) {
        lines << QStringLiteral("WARNING: listening on %1, not loopback: anyone who can reach this address can call "
                                "the API%2.")
                     .arg(m_config.host.toString(),
                          m_issuer ? QStringLiteral(" and mint tokens with the client credentials below") : QString());
    }
    lines << QStringLiteral("Issuer: %1  Audience: %2  Required scope: %3  Algorithms: %4")
                 .arg(m_issuerUrl, m_audience, m_config.requiredScope, m_config.algorithms.join(QLatin1Char(',')));
    if (!m_issuer) {
        lines << QStringLiteral("Keys: %1")
                     .arg(m_config.jwksUrl.isEmpty() ? m_config.jwksFile : m_config.jwksUrl.toString());
        lines << QStringLiteral("Call the API:");
        lines << QStringLiteral("  curl -s %1/api/private -H \"Authorization: Bearer $TOKEN\"").arg(base);
        return lines;
    }
    lines << QStringLiteral("Embedded issuer key: %1 (kid %2)").arg(m_issuer->keyPath(), m_issuer->kid());
    lines << QStringLiteral("Client credentials: client_id=%1 client_secret=%2")
                 .arg(m_issuer->clientId(), QString::fromUtf8(m_issuer->clientSecret()));
    lines << QStringLiteral("Get a token:");
    lines << QStringLiteral("  TOKEN=$(curl -s %1/oauth/token -u '%2:%3' -d grant_type=client_credentials "
                            "-d audience=%4 | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')")
                 .arg(base, m_issuer->clientId(), QString::fromUtf8(m_issuer->clientSecret()), m_audience);
    lines << QStringLiteral("Call the API:");
    lines << QStringLiteral("  curl -s %1/api/private -H \"Authorization: Bearer $TOKEN\"").arg(base);
    const ProviderContext& pc = m_provider->context();
    lines << QStringLiteral("OpenID provider: %1/.well-known/openid-configuration  public client: %2  users: %3  "
                            "DPoP: %4%5")
                 .arg(base, QLatin1String(ClientRegistry::kPublicClientId), pc.users.usernames().join(QLatin1Char(',')),
                      m_config.dpopMode == DpopMode::Off
                          ? QStringLiteral("off")
                          : (m_config.dpopMode == DpopMode::Required ? QStringLiteral("required")
                                                                     : QStringLiteral("allowed")),
                      pc.autoApproveUser.isEmpty() ? QString()
                                                   : QStringLiteral("  auto-approve: %1").arg(pc.autoApproveUser));
    return lines;
}
