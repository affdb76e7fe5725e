// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "jose/CompactToken.h"
#include "jose/DpopProof.h"
#include "net/MetadataResolver.h"
#include "net/OAuthActionClient.h"
#include "net/OAuthActions.h"
#include "net/OAuthTokenFlow.h"
#include "net/RequestSession.h"
#include "server/DpopVerifier.h"
#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "support/ServerTestSupport.h"
#include "workspace/Workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <mutex>

/// The send pipeline against the local mock API: a saved item with inherited auth and layered variables, OAuth
/// tokens fetched once and cached (and fetched again at expiry, or once after an invalid_token refusal), a JWT
/// signed per send, the 401 diagnosis, the history recorder, and auth failures that stop before anything is sent.
class TestRequestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void inheritedProfileTokenIsFetchedOnceAndCached();
    void cachedTokenIsFetchedAgainBeforeExpiry();
    void refusedCachedTokenIsReplacedOnce();
    void bearerFromSecretEnvironmentVariable();
    void noAuthIsDiagnosed();
    void jwtIsSignedPerSend();
    void unknownProfileStopsBeforeSending();
    void unsupportedGrantIsSaid();
    void transportSettingsBecomeClientOptions();
    void dpopProfileSendsProofsAndAnswersNonces();
    void dpopNonceKeptForTheNextRun();
    void issuerOnlyProfileDiscoversOnceForManySends();
    void issuerOnlyProfileRetriesWithAFreshToken();
    void failedDiscoveryIsSaidAndNothingIsSent();
    void userinfoAnswersTheNonceDemandOnce();

private:
    void startServer(quint16 port = 0);
    std::unique_ptr<Workspace> makeWorkspace() const;
    CollectionNode* privateRequest(Workspace& workspace) const;
    /// The provider with DPoP required and server nonces (RFC 9449 §8, §9) on `clock`.
    ServerConfig dpopConfig(const QString& directory, const Clock* clock) const;
    /// The demo workspace with its profile reduced to the issuer of `server` (no token URL typed).
    std::unique_ptr<Workspace> issuerOnlyWorkspace(const MockApiServer& server) const;
    /// The demo workspace with its profile's DPoP flag on, and `env` pointing at `server`.
    std::unique_ptr<Workspace> dpopWorkspace(const MockApiServer& server, Environment& env) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MockApiServer> m_server;
    Environment m_env;
    int m_issuerGeneration = 0;
};

void TestRequestSession::startServer(quint16 port)
{
    m_server = std::make_unique<MockApiServer>();
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.filePath(QString::number(++m_issuerGeneration)));
    config.port = port;
    config.clientSecret = "demo-secret";
    const QString error = ServerTestSupport::startError(*m_server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_env = Environment(QStringLiteral("Local mock API"));
    m_env.setVariable(QStringLiteral("baseUrl"), m_server->baseUrl());
    m_env.setVariable(QStringLiteral("clientSecret"), QStringLiteral("demo-secret"), true);
}

void TestRequestSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    startServer();
}

void TestRequestSession::cleanupTestCase()
{
    m_server->stop();
}

std::unique_ptr<Workspace> TestRequestSession::makeWorkspace() const
{
    auto ws = std::make_unique<Workspace>();
    AuthProfile profile;
    profile.name = QStringLiteral("Local issuer");
    profile.tokenUrl = QStringLiteral("{{baseUrl}}/oauth/token");
    profile.clientId = m_server->embeddedIssuer()->clientId();
    profile.clientSecret = QStringLiteral("{{clientSecret}}");
    profile.audience = m_server->audience();
    profile.scope = QStringLiteral("read:messages");
    ws->authProfiles.append(profile);
    auto collection = CollectionNode::makeCollection(QStringLiteral("Quickstart API"));
    collection->settings().auth.type = AuthConfig::Type::OAuth2;
    collection->settings().auth.profile = profile.name;
    collection->settings().variables.append({QStringLiteral("api"), QStringLiteral("{{baseUrl}}/api"), false, true});
    collection->settings().headers.append({QStringLiteral("X-Trace"), QStringLiteral("collection"), true});
    auto folder = CollectionNode::makeFolder(QStringLiteral("Protected"));
    RequestItem item;
    item.name = QStringLiteral("Private");
    item.request.url = QStringLiteral("{{api}}/private");
    folder->insertChild(0, CollectionNode::makeRequest(item));
    collection->insertChild(0, std::move(folder));
    ws->insertCollection(0, std::move(collection));
    return ws;
}

CollectionNode* TestRequestSession::privateRequest(Workspace& workspace) const
{
    return workspace.find(QStringLiteral("Quickstart API/Protected/Private"));
}

void TestRequestSession::inheritedProfileTokenIsFetchedOnceAndCached()
{
    auto ws = makeWorkspace();
    const SessionRequest request = SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env);
    QCOMPARE(request.authSource, QStringLiteral("Quickstart API"));
    QCOMPARE(request.label, QStringLiteral("Quickstart API/Protected/Private"));

    RequestSession session;
    QList<HttpClientResponse> recorded;
    QStringList recordedSecrets;
    std::optional<SentTokenFacts> recordedToken;
    session.setHistoryRecorder([&](const SessionResult& r) {
        recorded.append(r.response);
        recordedSecrets = r.secretValues;
        recordedToken = r.sentTokenFacts();
    });
    const SessionResult first = RequestSession::runAndWait(session, request);
    QVERIFY2(!first.authError, qPrintable(first.authError ? first.authError->message : QString()));
    QCOMPARE(first.response.status, 200);
    QVERIFY2(first.authNote.contains(QLatin1String("fetched now")), qPrintable(first.authNote));
    QVERIFY(first.authNote.contains(QLatin1String("inherited from Quickstart API")));
    QCOMPARE(first.sent.url, m_server->baseUrl() + QStringLiteral("/api/private"));
    QCOMPARE(first.sent.headerValue(QStringLiteral("X-Trace")), QStringLiteral("collection"));
    QVERIFY(CompactToken::parse(first.sentToken).payloadObject().ok());
    QCOMPARE(recorded.size(), 1);
    // The client secret and the token are both masked wherever the recorder writes.
    QVERIFY(recordedSecrets.contains(QStringLiteral("demo-secret")));
    QVERIFY(recordedSecrets.contains(QString::fromLatin1(first.sentToken)));
    // The history gets what the Sent token tab shows, the token's facts, not the token.
    QVERIFY(recordedToken);
    QCOMPARE(recordedToken->type, QStringLiteral("Bearer"));
    QVERIFY(!recordedToken->profile.isEmpty());
    QCOMPARE(recordedToken->profile, first.tokenProfile);
    QCOMPARE(recordedToken->obtained, QStringLiteral("fetched"));
    QCOMPARE(recordedToken->authSource, QStringLiteral("Quickstart API"));
    QCOMPARE(recordedToken->fingerprint, SentTokenFacts::fingerprintOf(first.sentToken));
    QVERIFY(recordedToken->jwt);
    QVERIFY(recordedToken->exp > 0);

    const SessionResult second = RequestSession::runAndWait(session, request);
    QCOMPARE(second.response.status, 200);
    QVERIFY2(second.authNote.contains(QLatin1String("cached")), qPrintable(second.authNote));
    QCOMPARE(second.sentToken, first.sentToken);
}

void TestRequestSession::cachedTokenIsFetchedAgainBeforeExpiry()
{
    auto ws = makeWorkspace();
    const SessionRequest request = SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env);
    MockClock clock(SystemClock::instance().nowSeconds());
    RequestSession session;
    session.setClock(&clock);
    const SessionResult first = RequestSession::runAndWait(session, request);
    QCOMPARE(first.response.status, 200);
    const qint64 exp = CompactToken::parse(first.sentToken).payloadObject()->value(QStringLiteral("exp")).toInteger();
    QVERIFY(exp > clock.nowSeconds());
    clock.setSeconds(exp - 31); // just outside the 30 s refresh margin: still cached
    QVERIFY(RequestSession::runAndWait(session, request).authNote.contains(QLatin1String("cached")));
    clock.setSeconds(exp - 29); // inside the margin: fetched again
    const SessionResult third = RequestSession::runAndWait(session, request);
    QVERIFY2(third.authNote.contains(QLatin1String("fetched now")), qPrintable(third.authNote));
}

void TestRequestSession::refusedCachedTokenIsReplacedOnce()
{
    auto ws = makeWorkspace();
    RequestSession session;
    const SessionResult first =
        RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    QCOMPARE(first.response.status, 200);
    // Same address, new issuer key: the cached token is now refused with error="invalid_token".
    const quint16 port = m_server->port();
    m_server->stop();
    startServer(port);
    const SessionResult second =
        RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    QVERIFY(second.retriedWithFreshToken);
    QCOMPARE(second.response.status, 200);
    QVERIFY(second.sentToken != first.sentToken);
}

void TestRequestSession::bearerFromSecretEnvironmentVariable()
{
    const auto minted = m_server->embeddedIssuer()->mint(
        m_server->embeddedIssuer()->preset(MintPreset::Valid, m_server->audience(), QStringLiteral("read:messages")));
    QVERIFY(minted.ok());
    Environment env = m_env;
    env.setVariable(QStringLiteral("token"), QString::fromLatin1(minted.value()), true);
    SessionRequest request;
    request.request.url = QStringLiteral("{{baseUrl}}/api/private-scoped");
    request.auth.type = AuthConfig::Type::Bearer;
    request.auth.token = QStringLiteral("{{token}}");
    request.variableLayers = {env};
    RequestSession session;
    const SessionResult result = RequestSession::runAndWait(session, request);
    QCOMPARE(result.response.status, 200);
    QCOMPARE(result.sentToken, minted.value());
    QVERIFY(result.secretValues.contains(QString::fromLatin1(minted.value())));
    QVERIFY(!result.diagnosis);
}

void TestRequestSession::noAuthIsDiagnosed()
{
    SessionRequest request;
    request.request.url = QStringLiteral("{{baseUrl}}/api/private");
    request.auth.type = AuthConfig::Type::None;
    request.variableLayers = {m_env};
    request.overrides = {{QStringLiteral("unused"), QStringLiteral("x"), false, true}};
    RequestSession session;
    const SessionResult result = RequestSession::runAndWait(session, request);
    QCOMPARE(result.response.status, 401);
    QVERIFY(result.diagnosis);
    QCOMPARE(result.diagnosis->cause, Diagnosis::Cause::NoTokenSent);
}

void TestRequestSession::jwtIsSignedPerSend()
{
    MockClock clock(1'700'000'000);
    SessionRequest request;
    request.request.url = QStringLiteral("{{baseUrl}}/api/private");
    request.auth.type = AuthConfig::Type::Jwt;
    request.auth.jwtAlgorithm = QStringLiteral("HS256");
    request.auth.jwtKey = QStringLiteral("{{hmac}}");
    request.auth.jwtClaims = QStringLiteral(R"({"sub": "{{user}}", "aud": "api"})");
    request.auth.jwtLifetimeSeconds = 120;
    Environment env = m_env;
    env.setVariable(QStringLiteral("hmac"), QStringLiteral("a-shared-secret-of-enough-length!!"), true);
    env.setVariable(QStringLiteral("user"), QStringLiteral("alice"));
    request.variableLayers = {env};
    RequestSession session;
    session.setClock(&clock);
    const SessionResult result = RequestSession::runAndWait(session, request);
    QVERIFY(!result.authError);
    // The mock API only accepts its issuer's RS256 tokens: the HS256 token is sent and refused.
    QCOMPARE(result.response.status, 401);
    const CompactToken token = CompactToken::parse(result.sentToken);
    const QJsonObject claims = token.payloadObject().value();
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), 1'700'000'000);
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), 1'700'000'120);
    QVERIFY(result.secretValues.contains(QStringLiteral("a-shared-secret-of-enough-length!!")));
    QVERIFY(result.authNote.contains(QLatin1String("HS256")));

    request.auth.jwtClaims = QStringLiteral("{not json");
    const SessionResult bad = RequestSession::runAndWait(session, request);
    QVERIFY(bad.authError);
    QCOMPARE(bad.authError->code, ErrorCode::JsonInvalid);
    QVERIFY(!bad.response.received);
}

void TestRequestSession::unknownProfileStopsBeforeSending()
{
    SessionRequest request;
    request.request.url = QStringLiteral("{{baseUrl}}/api/private");
    request.auth.type = AuthConfig::Type::OAuth2;
    request.auth.profile = QStringLiteral("nobody");
    request.variableLayers = {m_env};
    RequestSession session;
    int recorded = 0;
    session.setHistoryRecorder([&](const SessionResult&) { ++recorded; });
    const SessionResult result = RequestSession::runAndWait(session, request);
    QVERIFY(result.authError);
    QCOMPARE(result.authError->code, ErrorCode::NotFound);
    QVERIFY(!result.response.received);
    QCOMPARE(recorded, 0);
}

void TestRequestSession::unsupportedGrantIsSaid()
{
    auto ws = makeWorkspace();
    ws->authProfiles[0].grant = AuthProfile::Grant::DeviceCode;
    const SessionResult result = [&] {
        RequestSession session;
        return RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    }();
    QVERIFY(result.authError);
    QCOMPARE(result.authError->code, ErrorCode::NotSupported);
    QVERIFY(result.authError->message.contains(QLatin1String("device_code")));
}

void TestRequestSession::transportSettingsBecomeClientOptions()
{
    TransportSettings t;
    t.caFile = QStringLiteral("/etc/ca.pem");
    t.pkcs12File = QStringLiteral("/home/me/client.p12");
    t.proxyMode = TransportSettings::ProxyMode::Manual;
    t.proxyUrl = QStringLiteral("socks5://user:pw@proxy.example:1081");
    const HttpClientOptions o = RequestSession::optionsFor({}, t, "pass");
    QCOMPARE(o.tls.caFile, t.caFile);
    QCOMPARE(o.tls.pkcs12File, t.pkcs12File);
    QCOMPARE(o.tls.keyPassphrase, QByteArray("pass"));
    QCOMPARE(o.proxy.mode, ProxyOptions::Mode::Manual);
    QVERIFY(o.proxy.socks5);
    QCOMPARE(o.proxy.host, QStringLiteral("proxy.example"));
    QCOMPARE(o.proxy.port, quint16(1081));
    QCOMPARE(o.proxy.user, QStringLiteral("user"));
    t.proxyUrl = QStringLiteral("localhost:3128");
    const HttpClientOptions plain = RequestSession::optionsFor({}, t, {});
    QVERIFY(!plain.proxy.socks5);
    QCOMPARE(plain.proxy.port, quint16(3128));
    t.proxyMode = TransportSettings::ProxyMode::None;
    QCOMPARE(RequestSession::optionsFor({}, t, {}).proxy.mode, ProxyOptions::Mode::None);
}

ServerConfig TestRequestSession::dpopConfig(const QString& directory, const Clock* clock) const
{
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.filePath(directory));
    config.clientSecret = "demo-secret";
    config.dpopMode = DpopMode::Required;
    config.dpopNonce = true;
    config.clock = clock;
    return config;
}

std::unique_ptr<Workspace> TestRequestSession::dpopWorkspace(const MockApiServer& server, Environment& env) const
{
    env.setVariable(QStringLiteral("baseUrl"), server.baseUrl());
    env.setVariable(QStringLiteral("clientSecret"), QStringLiteral("demo-secret"), true);
    auto ws = makeWorkspace();
    ws->authProfiles.first().audience = server.audience();
    ws->authProfiles.first().dpop = true;
    return ws;
}

void TestRequestSession::dpopProfileSendsProofsAndAnswersNonces()
{
    // Our provider with DPoP required and server nonces (RFC 9449 §8, §9), on the session's frozen clock.
    MockClock clock(SystemClock::instance().nowSeconds());
    MockApiServer server;
    ServerConfig config = dpopConfig(QStringLiteral("dpop"), &clock);
    const QString error = ServerTestSupport::startError(server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Environment env(QStringLiteral("DPoP"));
    auto ws = dpopWorkspace(server, env);
    CollectionNode* node = privateRequest(*ws);
    node->request().request.url = QStringLiteral("{{api}}/private?page=1#top");
    const SessionRequest request = SessionRequest::fromItem(*ws, *node, &env);

    RequestSession session;
    session.setClock(&clock);
    // The token request is refused with use_dpop_nonce (400) and retried once with the nonce; the API then gets
    // the token endpoint's nonce (same origin) and accepts.
    const SessionResult first = RequestSession::runAndWait(session, request);
    QVERIFY2(!first.authError, qPrintable(first.authError ? first.authError->message : QString()));
    QCOMPARE(first.response.status, 200);
    const QString authorization = first.sent.headerValue(QStringLiteral("Authorization"));
    QVERIFY2(authorization.startsWith(QLatin1String("DPoP ")), qPrintable(authorization));
    QCOMPARE(authorization.mid(5).toLatin1(), first.sentToken);
    const QString jkt = CompactToken::parse(first.sentToken)
                            .payloadObject()
                            ->value(QStringLiteral("cnf"))
                            .toObject()
                            .value(QStringLiteral("jkt"))
                            .toString();
    // The token is bound (cnf.jkt, §6.1) to the key the proofs are signed with.
    const CompactToken proofToken = CompactToken::parse(first.sent.headerValue(QStringLiteral("DPoP")).toLatin1());
    QCOMPARE(proofToken.header.value(QStringLiteral("typ")).toString(), QStringLiteral("dpop+jwt"));
    QCOMPARE(jkt, Jwk::fromJson(proofToken.header.value(QStringLiteral("jwk")).toObject())->thumbprint());
    const QJsonObject proof = proofToken.payloadObject().value();
    QCOMPARE(proof.value(QStringLiteral("htm")).toString(), QStringLiteral("GET"));
    QCOMPARE(proof.value(QStringLiteral("htu")).toString(), server.baseUrl() + QStringLiteral("/api/private")); // §4.2
    QCOMPARE(proof.value(QStringLiteral("ath")).toString(), DpopProof::accessTokenHash(first.sentToken));
    const QString firstNonce = proof.value(QStringLiteral("nonce")).toString();
    QVERIFY(!firstNonce.isEmpty());

    // Two nonce lifetimes later the kept nonce is stale: the API answers 401 use_dpop_nonce with a new one, and the
    // request is sent once more with it (the cached token stays).
    clock.advanceSeconds(2 * DpopVerifier::kNonceLifetimeSeconds);
    const SessionResult second = RequestSession::runAndWait(session, request);
    QCOMPARE(second.response.status, 200);
    QVERIFY2(second.authNote.contains(QLatin1String("cached")), qPrintable(second.authNote));
    const QJsonObject secondProof =
        CompactToken::parse(second.sent.headerValue(QStringLiteral("DPoP")).toLatin1()).payloadObject().value();
    QVERIFY(!secondProof.value(QStringLiteral("nonce")).toString().isEmpty());
    QVERIFY(secondProof.value(QStringLiteral("nonce")).toString() != firstNonce);
    server.stop();
}

void TestRequestSession::dpopNonceKeptForTheNextRun()
{
    // Two sessions on one secret store are two `tokenscope-cli request --auth-profile` runs on one keychain: the
    // second one's token request carries the nonce the first was given and is not refused with use_dpop_nonce.
    MockClock clock(SystemClock::instance().nowSeconds());
    MockApiServer server;
    ServerConfig config = dpopConfig(QStringLiteral("dpop-runs"), &clock);
    std::mutex mutex;
    QList<int> tokenStatuses; // what /oauth/token answered, in order
    connect(
        &server, &MockApiServer::requestLogged, this,
        [&](const RequestLogEntry& entry) {
            if (entry.path == QLatin1String("/oauth/token")) {
                const std::lock_guard lock(mutex);
                tokenStatuses.append(entry.status);
            }
        },
        Qt::DirectConnection);
    const QString error = ServerTestSupport::startError(server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto statuses = [&] {
        const std::lock_guard lock(mutex);
        return tokenStatuses;
    };
    Environment env(QStringLiteral("DPoP"));
    auto ws = dpopWorkspace(server, env);
    const SessionRequest request = SessionRequest::fromItem(*ws, *privateRequest(*ws), &env);
    const auto store = std::make_shared<MemorySecretStore>();
    const QString prefix = QStringLiteral("tokenscope/workspace/runs/oauth/");
    QString key;
    {
        RequestSession first;
        first.setClock(&clock);
        first.tokenManager().setSecretStore(store, prefix);
        QCOMPARE(RequestSession::runAndWait(first, request).response.status, 200);
        QCOMPARE(first.tokenManager().keys().size(), 1);
        key = first.tokenManager().keys().first();
    }
    QTRY_COMPARE(statuses(), (QList<int>{400, 200})); // the first run paid the round trip (RFC 9449 §8)
    RequestSession second;
    second.setClock(&clock);
    second.tokenManager().setSecretStore(store, prefix);
    QVERIFY(second.tokenManager().restore(key).ok());
    second.tokenManager().invalidate(key); // the kept token is gone (expired, refused): a new one is fetched
    const SessionResult again = RequestSession::runAndWait(second, request);
    QCOMPARE(again.response.status, 200);
    QVERIFY2(!again.authNote.contains(QLatin1String("cached")), qPrintable(again.authNote));
    QTRY_COMPARE(statuses(), (QList<int>{400, 200, 200})); // no second use_dpop_nonce
    server.stop();
}

std::unique_ptr<Workspace> TestRequestSession::issuerOnlyWorkspace(const MockApiServer& server) const
{
    auto ws = makeWorkspace();
    AuthProfile& profile = ws->authProfiles.first();
    profile.tokenUrl.clear();
    profile.issuer = server.issuer();
    return ws;
}

void TestRequestSession::issuerOnlyProfileDiscoversOnceForManySends()
{
    // A profile with only an issuer and no token kept: the token URL comes from the issuer's metadata, found once
    // per session however many sends (here started together, as a runner's parallel requests are) ask for it.
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.filePath(QStringLiteral("issuer-only")));
    config.clientSecret = "demo-secret";
    std::atomic<int> discoveries = 0;
    std::atomic<int> tokenRequests = 0;
    connect(
        &server, &MockApiServer::requestLogged, this,
        [&](const RequestLogEntry& entry) {
            if (entry.path.startsWith(QLatin1String("/.well-known/")))
                ++discoveries;
            else if (entry.path == QLatin1String("/oauth/token"))
                ++tokenRequests;
        },
        Qt::DirectConnection);
    const QString error = ServerTestSupport::startError(server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Environment env(QStringLiteral("issuer only"));
    env.setVariable(QStringLiteral("baseUrl"), server.baseUrl());
    env.setVariable(QStringLiteral("clientSecret"), QStringLiteral("demo-secret"), true);
    auto ws = issuerOnlyWorkspace(server);
    ws->authProfiles.first().audience = server.audience();
    const SessionRequest request = SessionRequest::fromItem(*ws, *privateRequest(*ws), &env);
    QVERIFY(request.profile && request.profile->tokenUrl.isEmpty());

    RequestSession session;
    QHash<quint64, SessionResult> results;
    connect(&session, &RequestSession::finished, this,
            [&results](quint64 id, const SessionResult& result) { results.insert(id, result); });
    constexpr int kParallel = 8;
    for (int i = 0; i < kParallel; ++i)
        session.start(request);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), kParallel, 15000);
    for (const SessionResult& result : std::as_const(results)) {
        QVERIFY2(!result.authError, qPrintable(result.authError ? result.authError->message : QString()));
        QCOMPARE(result.response.status, 200);
        QCOMPARE(result.tokenObtained, QStringLiteral("fetched"));
    }
    // Later sends that need a token again (forgotten here; expired or refused in life) use the cached metadata.
    for (int i = 0; i < 3; ++i) {
        session.forgetTokens();
        const SessionResult again = RequestSession::runAndWait(session, request);
        QCOMPARE(again.response.status, 200);
        QCOMPARE(again.tokenObtained, QStringLiteral("fetched"));
    }
    QTRY_COMPARE(tokenRequests.load(), kParallel + 3);
    QCOMPARE(discoveries.load(), 1); // OIDC discovery answered at once: RFC 8414's URL was not needed
    QCOMPARE(session.metadataResolver().requestCount(), 1);
    server.stop();
}

void TestRequestSession::issuerOnlyProfileRetriesWithAFreshToken()
{
    // The reported case: a token fetched by Get new token is kept for an issuer-only profile, nothing was discovered
    // in this session yet, and the API refuses the token (invalid_token): the retry discovers the token URL and
    // fetches a fresh token instead of failing with "no token URL".
    auto ws = issuerOnlyWorkspace(*m_server);
    RequestSession first;
    const SessionResult fetched =
        RequestSession::runAndWait(first, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    QVERIFY2(!fetched.authError, qPrintable(fetched.authError ? fetched.authError->message : QString()));
    QCOMPARE(fetched.response.status, 200);
    const auto kept = first.tokenManager().stored(fetched.tokenKey);
    QVERIFY(kept.has_value());
    // Same address, new issuer key: the kept token is now refused with error="invalid_token".
    const quint16 port = m_server->port();
    m_server->stop();
    startServer(port);
    RequestSession session; // another session, as the GUI's Send after Get new token
    TokenGrant grant;
    grant.accessToken = kept->accessToken;
    grant.tokenType = kept->tokenType;
    session.tokenManager().store(fetched.tokenKey, fetched.tokenProfile, QStringLiteral("client_credentials"),
                                 QString(), grant);
    const SessionResult second =
        RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    QVERIFY2(!second.authError, qPrintable(second.authError ? second.authError->message : QString()));
    QVERIFY(second.retriedWithFreshToken);
    QCOMPARE(second.response.status, 200);
    QCOMPARE(second.tokenObtained, QStringLiteral("fetched"));
    QVERIFY(second.sentToken != fetched.sentToken);
    QCOMPARE(session.metadataResolver().requestCount(), 1);
}

void TestRequestSession::failedDiscoveryIsSaidAndNothingIsSent()
{
    // An issuer whose metadata is at neither well-known URL (both answer 404): the send stops with the issuer named.
    auto ws = makeWorkspace();
    ws->authProfiles.first().tokenUrl.clear();
    const QString issuer = m_server->baseUrl() + QStringLiteral("/no-such-issuer");
    ws->authProfiles.first().issuer = issuer;
    RequestSession session;
    const SessionResult result =
        RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &m_env));
    QVERIFY(result.authError.has_value());
    QCOMPARE(result.authError->code, ErrorCode::HttpStatus);
    QVERIFY2(result.authError->message.contains(QLatin1String("no token URL is typed")) &&
                 result.authError->message.contains(issuer) &&
                 result.authError->message.contains(QLatin1String("oauth-authorization-server")),
             qPrintable(result.authError->message));
    QVERIFY(!result.response.received);
    QCOMPARE(session.metadataResolver().requestCount(), 2); // OIDC discovery, then RFC 8414
}

void TestRequestSession::userinfoAnswersTheNonceDemandOnce()
{
    // RFC 9449 §9 at userinfo: the provider with nonces on answers a proof with a stale nonce 401
    // `DPoP error="use_dpop_nonce"` and a DPoP-Nonce; the action sends once more with it. The token lacks the openid
    // scope, so getting past the nonce shows as insufficient_scope (RFC 6750 §3.1) instead of use_dpop_nonce.
    MockClock clock(SystemClock::instance().nowSeconds());
    MockApiServer server;
    ServerConfig config = dpopConfig(QStringLiteral("dpop-userinfo"), &clock);
    std::atomic<int> userinfoRequests = 0;
    connect(
        &server, &MockApiServer::requestLogged, this,
        [&](const RequestLogEntry& entry) {
            if (entry.path == QLatin1String("/userinfo"))
                ++userinfoRequests;
        },
        Qt::DirectConnection);
    const QString error = ServerTestSupport::startError(server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Environment env(QStringLiteral("DPoP"));
    auto ws = dpopWorkspace(server, env);
    RequestSession session;
    session.setClock(&clock);
    const SessionResult sent =
        RequestSession::runAndWait(session, SessionRequest::fromItem(*ws, *privateRequest(*ws), &env));
    QCOMPARE(sent.response.status, 200);
    TokenManager& tokens = session.tokenManager();
    const QString origin = TokenManager::originOf(server.baseUrl());
    const QString stale = QStringLiteral("stale-nonce");
    tokens.setDpopNonce(origin, stale);
    const auto key = tokens.dpopKey(sent.tokenKey);
    QVERIFY(key.ok());

    // The GUI's asynchronous action, with the userinfo URL typed in the profile (no issuer to discover it from).
    AuthProfile profile = OAuthTokenFlow::resolved(ws->authProfiles.first(), {env});
    profile.userinfoUrl = server.baseUrl() + QStringLiteral("/userinfo");
    OAuthActionClient actions;
    std::optional<Result<OAuthActionOutcome>> answer;
    connect(&actions, &OAuthActionClient::finished, this,
            [&answer](const Result<OAuthActionOutcome>& result) { answer = result; });
    actions.start(OAuthAction::Userinfo, profile, QString::fromLatin1(sent.sentToken), QString(), key.value(), &tokens,
                  sent.tokenKey);
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 15000);
    QVERIFY(!answer->ok());
    QCOMPARE(answer->error().reason, QStringLiteral("insufficient_scope"));
    QTRY_COMPARE(userinfoRequests.load(), 2);
    // The server's new nonce is kept for the next proof to that origin (a Send's too).
    const QString fresh = tokens.dpopNonce(origin);
    QVERIFY(!fresh.isEmpty() && fresh != stale);

    // The CLI's synchronous call does the same.
    OAuthActionRequest request;
    request.url = profile.userinfoUrl;
    request.token = QString::fromLatin1(sent.sentToken);
    request.dpopKey = key.value();
    request.dpopNonce = stale;
    QString lastNonce;
    const auto claims = OAuthActions::userinfo(request, {}, &lastNonce);
    QVERIFY(!claims.ok());
    QCOMPARE(claims.error().reason, QStringLiteral("insufficient_scope"));
    QCOMPARE(lastNonce, fresh);
    QTRY_COMPARE(userinfoRequests.load(), 4);
    server.stop();
}

QTEST_GUILESS_MAIN(TestRequestSession)
#include "TestRequestSession.moc"
