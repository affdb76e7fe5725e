// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/JwtBuilder.h"
#include "server/BearerAuthenticator.h"
#include "server/MockApiServer.h"
#include "server/RequestLogFormatter.h"
#include "support/HttpTestClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;

/// The mock API end to end over loopback: every status and code of the quickstart, RFC 6750 challenges, CORS,
/// the embedded issuer's endpoints and the request log.
class TestMockApiServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void publicEndpoints();
    void authErrors_data();
    void authErrors();
    void validTokens();
    void accessTokenRules_data();
    void accessTokenRules();
    void allowMissingExpAndLeeway();
    void scope();
    void cacheRechecksExpiry();
    void cors();
    void notFoundAndMethodNotAllowed();
    void discovery();
    void tokenEndpoint_data();
    void tokenEndpoint();
    void tokenEndpointIssuesUsableTokens();
    void requestLog();
    void logInjection();
    void expectContinue();
    void mintPresets();
    void badOptions();
    void stillAnswering();

private:
    QByteArray mint(const QJsonObject& overrides, const QJsonObject& header = {}) const;
    std::optional<RawResponse> get(const QByteArray& path, const QByteArray& authorization = {}) const;

    QTemporaryDir m_dir;
    MockClock m_clock{QDateTime::currentSecsSinceEpoch()};
    MockApiServer m_server;
    Jwk m_otherKey;
};

void TestMockApiServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    config.issuerDirectory = m_dir.path();
    config.clock = &m_clock;
    const auto started = m_server.start(config);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QVERIFY(m_server.embeddedIssuer());
    QCOMPARE(m_server.issuer(), QString(m_server.baseUrl() + QLatin1Char('/')));
    const auto other = AsymmetricKey::generateRsa(2048);
    QVERIFY(other.ok());
    m_otherKey = Jwk::fromKey(other.value()).withKid(QStringLiteral("other-kid"));
}

void TestMockApiServer::cleanupTestCase()
{
    m_server.stop();
    QVERIFY(!m_server.isRunning());
}

QByteArray TestMockApiServer::mint(const QJsonObject& overrides, const QJsonObject& header) const
{
    const qint64 now = m_clock.nowSeconds();
    QJsonObject claims{{QStringLiteral("iss"), m_server.issuer()},
                       {QStringLiteral("aud"), m_server.audience()},
                       {QStringLiteral("sub"), QStringLiteral("tester")},
                       {QStringLiteral("iat"), now},
                       {QStringLiteral("exp"), now + 3600}};
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull()) {
            claims.remove(it.key());
        } else {
            claims.insert(it.key(), it.value());
        }
    }
    const auto token =
        JwtBuilder::sign(QStringLiteral("RS256"), claims, m_server.embeddedIssuer()->signingKey(), header);
    return token.ok() ? token.value() : QByteArray();
}

std::optional<RawResponse> TestMockApiServer::get(const QByteArray& path, const QByteArray& authorization) const
{
    Headers headers;
    if (!authorization.isNull()) {
        headers.append({"Authorization", authorization});
    }
    return HttpTestClient::request(m_server.port(), "GET", path, headers);
}

void TestMockApiServer::publicEndpoints()
{
    auto r = get("/api/public");
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r->json().value(QStringLiteral("message")).toString(), MockApiServer::publicMessage());
    r = get("/ping");
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("All good. You don't need to be authenticated to call this"));
}

void TestMockApiServer::authErrors_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authorization"); // null = no header
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const qint64 now = m_clock.nowSeconds();
    const QByteArray valid = mint({});
    QByteArray badSignature = valid;
    badSignature[badSignature.size() - 5] = badSignature[badSignature.size() - 5] == 'A' ? 'B' : 'A';
    const auto otherKeyToken = JwtBuilder::sign(QStringLiteral("RS256"),
                                                QJsonObject{{QStringLiteral("iss"), m_server.issuer()},
                                                            {QStringLiteral("aud"), m_server.audience()},
                                                            {QStringLiteral("exp"), now + 3600}},
                                                m_otherKey);
    const auto hsToken = JwtBuilder::sign(
        QStringLiteral("HS256"),
        QJsonObject{{QStringLiteral("iss"), m_server.issuer()}, {QStringLiteral("aud"), m_server.audience()}},
        Jwk::fromSecret(QByteArray(32, 'k')));
    const QByteArray noneToken = "eyJhbGciOiJub25lIn0." +
                                 QByteArray(R"({"iss":"x","aud":"y"})")
                                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                                 ".";

    // RFC 6750 §3.1 / quickstart codes.
    QTest::newRow("no Authorization") << QByteArray("/api/private") << QByteArray() << 401
                                      << QStringLiteral("authorization_header_missing");
    QTest::newRow("scheme Basic") << QByteArray("/api/private") << QByteArray("Basic dXNlcjpwYXNz") << 401
                                  << QStringLiteral("invalid_header");
    QTest::newRow("Bearer without token")
        << QByteArray("/api/private") << QByteArray("Bearer") << 401 << QStringLiteral("invalid_header");
    QTest::newRow("more than two parts") << QByteArray("/api/private") << QByteArray("Bearer " + valid + " extra")
                                         << 401 << QStringLiteral("invalid_header");
    QTest::newRow("unparseable token") << QByteArray("/api/private") << QByteArray("Bearer not.a.jwt") << 401
                                       << QStringLiteral("invalid_header");
    QTest::newRow("two segments") << QByteArray("/api/private") << QByteArray("Bearer abc.def") << 401
                                  << QStringLiteral("invalid_header");
    QTest::newRow("unknown kid") << QByteArray("/api/private") << QByteArray("Bearer " + otherKeyToken.value()) << 401
                                 << QStringLiteral("invalid_header");
    QTest::newRow("alg HS256 not allowed") << QByteArray("/api/private") << QByteArray("Bearer " + hsToken.value())
                                           << 401 << QStringLiteral("invalid_header");
    QTest::newRow("RFC8725 §3.1 alg none")
        << QByteArray("/api/private") << QByteArray("Bearer " + noneToken) << 401 << QStringLiteral("invalid_header");
    QTest::newRow("bad signature") << QByteArray("/api/private") << QByteArray("Bearer " + badSignature) << 401
                                   << QStringLiteral("invalid_header");
    QTest::newRow("RFC7515 §4.1.11 unknown crit")
        << QByteArray("/api/private")
        << QByteArray("Bearer " + mint({}, QJsonObject{{QStringLiteral("crit"), QJsonArray{QStringLiteral("exp2")}},
                                                       {QStringLiteral("exp2"), 1}}))
        << 401 << QStringLiteral("invalid_header");
    QTest::newRow("RFC7519 §4.1.4 expired")
        << QByteArray("/api/private")
        << QByteArray("Bearer " + mint({{QStringLiteral("exp"), now - 10}, {QStringLiteral("iat"), now - 100}})) << 401
        << QStringLiteral("token_expired");
    QTest::newRow("RFC7519 §4.1.3 wrong aud")
        << QByteArray("/api/private")
        << QByteArray("Bearer " + mint({{QStringLiteral("aud"), QStringLiteral("other")}})) << 401
        << QStringLiteral("invalid_claims");
    QTest::newRow("RFC7519 §4.1.1 wrong iss")
        << QByteArray("/api/private")
        << QByteArray("Bearer " + mint({{QStringLiteral("iss"), QStringLiteral("https://evil/")}})) << 401
        << QStringLiteral("invalid_claims");
    QTest::newRow("RFC7519 §4.1.5 nbf in the future")
        << QByteArray("/api/private") << QByteArray("Bearer " + mint({{QStringLiteral("nbf"), now + 600}})) << 401
        << QStringLiteral("invalid_claims");
    QTest::newRow("missing aud") << QByteArray("/api/private")
                                 << QByteArray("Bearer " + mint({{QStringLiteral("aud"), QJsonValue::Null}})) << 401
                                 << QStringLiteral("invalid_claims");
    QTest::newRow("missing iss") << QByteArray("/api/private")
                                 << QByteArray("Bearer " + mint({{QStringLiteral("iss"), QJsonValue::Null}})) << 401
                                 << QStringLiteral("invalid_claims");
    QTest::newRow("secured/ping without token")
        << QByteArray("/secured/ping") << QByteArray() << 401 << QStringLiteral("authorization_header_missing");
    QTest::newRow("insufficient scope") << QByteArray("/api/private-scoped") << QByteArray("Bearer " + valid) << 403
                                        << QStringLiteral("insufficient_scope");
    QTest::newRow("secured/private/ping insufficient scope")
        << QByteArray("/secured/private/ping") << QByteArray("Bearer " + valid) << 403
        << QStringLiteral("insufficient_scope");
}

void TestMockApiServer::authErrors()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, code);
    const auto r = get(path, authorization);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(r->code(), code);
    QVERIFY(!r->json().value(QStringLiteral("description")).toString().isEmpty());
    QCOMPARE(r->header("Access-Control-Allow-Origin"), QByteArray("*"));
    const QByteArray challenge = r->header("WWW-Authenticate");
    QVERIFY2(challenge.startsWith("Bearer realm=\"tokenscope\""), challenge.constData());
    if (code == QLatin1String("authorization_header_missing")) {
        // Our acceptance spec asks for error= on every 401, deliberately against RFC 6750 §3.1's SHOULD NOT.
        QVERIFY2(challenge.contains(", error=\"invalid_token\", error_description=\"Authorization header is "
                                    "expected\""),
                 challenge.constData());
    } else if (status == 403) {
        QVERIFY(challenge.contains(", error=\"insufficient_scope\", error_description=\""));
        QVERIFY(challenge.contains("scope=\"read:messages\""));
    } else {
        QVERIFY(challenge.contains(", error=\"invalid_token\", error_description=\""));
    }
}

void TestMockApiServer::validTokens()
{
    const QByteArray token = mint({{QStringLiteral("scope"), QStringLiteral("read:messages")}});
    auto r = get("/api/private", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json().value(QStringLiteral("message")).toString(), MockApiServer::privateMessage());
    r = get("/api/private", "bEaReR   " + token); // RFC 9110 §11.1: the scheme is case-insensitive
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    r = get("/secured/ping", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("All good. You only get this message if you're authenticated"));
    // aud as an array (RFC 7519 §4.1.3).
    r = get("/api/private",
            "Bearer " + mint({{QStringLiteral("aud"), QJsonArray{QStringLiteral("x"), m_server.audience()}}}));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
}

void TestMockApiServer::accessTokenRules_data()
{
    // What the token probe (issue 13) found the mock API accepting; each a stable invalid_claims answer.
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("description");
    const qint64 now = m_clock.nowSeconds();
    const Jwk& key = m_server.embeddedIssuer()->signingKey();
    const QJsonObject claims{{QStringLiteral("iss"), m_server.issuer()},
                             {QStringLiteral("aud"), m_server.audience()},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + 3600}};
    const auto withTyp = [&](const QJsonValue& typ) {
        QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("kid"), key.kid()}};
        if (!typ.isUndefined()) {
            header.insert(QStringLiteral("typ"), typ);
        }
        return JwtBuilder::signCompact(QJsonDocument(header).toJson(QJsonDocument::Compact),
                                       QJsonDocument(claims).toJson(QJsonDocument::Compact), key)
            .value();
    };
    QTest::newRow("RFC9068 §2.2 exp missing")
        << mint({{QStringLiteral("exp"), QJsonValue::Null}}) << 401 << QStringLiteral("missing required \"exp\" claim");
    QTest::newRow("RFC9068 §2.2 iat in the future")
        << mint({{QStringLiteral("iat"), now + 60}}) << 401
        << QStringLiteral("\"iat\" claim timestamp check failed (it should be in the past)");
    QTest::newRow("RFC9449 §4.2 typ dpop+jwt")
        << withTyp(QStringLiteral("dpop+jwt")) << 401
        << QStringLiteral("unexpected \"typ\" header value: expected \"at+jwt\", \"JWT\" or none, found \"dpop+jwt\"");
    QTest::newRow("RFC9068 §2.1 typ at+jwt") << withTyp(QStringLiteral("at+jwt")) << 200 << QString();
    QTest::newRow("typ application/at+jwt") << withTyp(QStringLiteral("application/at+jwt")) << 200 << QString();
    QTest::newRow("typ JWT") << withTyp(QStringLiteral("JWT")) << 200 << QString();
    QTest::newRow("no typ") << withTyp(QJsonValue(QJsonValue::Undefined)) << 200 << QString();
    QTest::newRow("iat now") << mint({}) << 200 << QString();
}

void TestMockApiServer::accessTokenRules()
{
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QString, description);
    const auto r = get("/api/private", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    if (status == 401) {
        QCOMPARE(r->code(), QStringLiteral("invalid_claims"));
        QCOMPARE(r->json().value(QStringLiteral("description")).toString(), description);
        QVERIFY(r->header("WWW-Authenticate").contains(", error=\"invalid_token\""));
    }
}

void TestMockApiServer::allowMissingExpAndLeeway()
{
    // `serve --allow-missing-exp --leeway 120`: the quickstart's leniency about exp, and iat within the leeway.
    MockApiServer lenient;
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    config.issuerDirectory = m_dir.path(); // the same embedded issuer key
    config.clock = &m_clock;
    config.allowMissingExp = true;
    config.leewaySeconds = 120;
    const auto started = lenient.start(config);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    const qint64 now = m_clock.nowSeconds();
    const auto status = [&](const QJsonObject& overrides) {
        QJsonObject claims{{QStringLiteral("iss"), lenient.issuer()},
                           {QStringLiteral("aud"), lenient.audience()},
                           {QStringLiteral("iat"), now},
                           {QStringLiteral("exp"), now + 3600}};
        for (auto it = overrides.begin(); it != overrides.end(); ++it) {
            it.value().isNull() ? void(claims.remove(it.key())) : void(claims.insert(it.key(), it.value()));
        }
        const auto token =
            JwtBuilder::sign(QStringLiteral("RS256"), claims, lenient.embeddedIssuer()->signingKey()).value();
        Headers headers{{"Authorization", "Bearer " + token}};
        const auto r = HttpTestClient::request(lenient.port(), "GET", "/api/private", headers);
        return r ? r->status : -1;
    };
    QCOMPARE(status({{QStringLiteral("exp"), QJsonValue::Null}}), 200);
    QCOMPARE(status({{QStringLiteral("iat"), now + 120}}), 200);
    QCOMPARE(status({{QStringLiteral("iat"), now + 121}}), 401);
    QCOMPARE(status({{QStringLiteral("exp"), now - 121}}), 401); // exp is still checked when present
    lenient.stop();
}

void TestMockApiServer::scope()
{
    auto r = get("/api/private-scoped",
                 "Bearer " + mint({{QStringLiteral("scope"), QStringLiteral("openid read:messages profile")}}));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json().value(QStringLiteral("message")).toString(),
             MockApiServer::scopedMessage(QStringLiteral("read:messages")));
    r = get("/secured/private/ping", "Bearer " + mint({{QStringLiteral("scope"), QStringLiteral("read:messages")}}));
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("All good. You're authenticated and the access token has the appropriate scope"));
    // A prefix of the scope is not the scope.
    r = get("/api/private-scoped", "Bearer " + mint({{QStringLiteral("scope"), QStringLiteral("read:messagesX")}}));
    QVERIFY(r);
    QCOMPARE(r->status, 403);
    // "scp" as an array (Entra ID, Okta).
    r = get("/api/private-scoped",
            "Bearer " + mint({{QStringLiteral("scp"), QJsonArray{QStringLiteral("read:messages")}}}));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
}

void TestMockApiServer::cacheRechecksExpiry()
{
    const qint64 now = m_clock.nowSeconds();
    const QByteArray token = mint({{QStringLiteral("exp"), now + 60}});
    QSignalSpy spy(&m_server, &MockApiServer::requestLogged);
    auto r = get("/api/private", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    r = get("/api/private", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QTRY_COMPARE(spy.size(), 2);
    QVERIFY(!spy.at(0).at(0).value<RequestLogEntry>().cacheHit);
    QVERIFY(spy.at(1).at(0).value<RequestLogEntry>().cacheHit);
    m_clock.advanceSeconds(61); // the cached token expires: checked on the hit, no sleeping
    r = get("/api/private", "Bearer " + token);
    m_clock.setSeconds(now);
    QVERIFY(r);
    QCOMPARE(r->status, 401);
    QCOMPARE(r->code(), QStringLiteral("token_expired"));
}

void TestMockApiServer::cors()
{
    // Preflight on every route.
    for (const QByteArray path : {"/api/public", "/api/private", "/api/private-scoped", "/ping", "/secured/ping",
                                  "/secured/private/ping", "/oauth/token", "/.well-known/jwks.json"}) {
        const auto r = HttpTestClient::request(m_server.port(), "OPTIONS", path,
                                               {{"Origin", "https://app.example"},
                                                {"Access-Control-Request-Method", "GET"},
                                                {"Access-Control-Request-Headers", "authorization"}});
        QVERIFY(r);
        QCOMPARE(r->status, 204);
        QCOMPARE(r->header("Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(r->header("Access-Control-Allow-Headers"), QByteArray("Content-Type, Authorization"));
        QVERIFY(r->header("Access-Control-Allow-Methods").contains("OPTIONS"));
        QVERIFY(r->hasHeader("Access-Control-Max-Age"));
    }
    const auto r = HttpTestClient::request(m_server.port(), "OPTIONS", "/oauth/token");
    QVERIFY(r);
    QCOMPARE(r->header("Allow"), QByteArray("POST, OPTIONS"));
}

void TestMockApiServer::notFoundAndMethodNotAllowed()
{
    auto r = get("/nope");
    QVERIFY(r);
    QCOMPARE(r->status, 404);
    QCOMPARE(r->code(), QStringLiteral("not_found"));
    QCOMPARE(r->header("Access-Control-Allow-Origin"), QByteArray("*")); // CORS on 404s too
    r = HttpTestClient::request(m_server.port(), "POST", "/api/public");
    QVERIFY(r);
    QCOMPARE(r->status, 405);
    QCOMPARE(r->header("Allow"), QByteArray("GET, HEAD, OPTIONS"));
    QCOMPARE(r->code(), QStringLiteral("method_not_allowed"));
    r = HttpTestClient::request(m_server.port(), "HEAD", "/api/public");
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QVERIFY(r->body.isEmpty());
    // Percent-encoding is not decoded for routing.
    r = get("/api%2Fpublic");
    QVERIFY(r);
    QCOMPARE(r->status, 404);
}

void TestMockApiServer::discovery()
{
    auto r = get("/.well-known/jwks.json");
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    const auto jwks = Jwks::fromJson(r->body);
    QVERIFY(jwks.ok());
    QCOMPARE(jwks->keys().size(), 1);
    QVERIFY(!jwks->keys().first().isPrivate());
    QCOMPARE(jwks->keys().first().kid(), m_server.embeddedIssuer()->kid());
    QVERIFY(!r->body.contains("\"d\""));
    r = get("/.well-known/openid-configuration");
    QVERIFY(r);
    const QJsonObject o = r->json();
    QCOMPARE(o.value(QStringLiteral("issuer")).toString(), m_server.issuer());
    QCOMPARE(o.value(QStringLiteral("jwks_uri")).toString(),
             QString(m_server.baseUrl() + QStringLiteral("/.well-known/jwks.json")));
    QCOMPARE(o.value(QStringLiteral("token_endpoint")).toString(),
             QString(m_server.baseUrl() + QStringLiteral("/oauth/token")));
}

void TestMockApiServer::tokenEndpoint_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("scope");

    const QByteArray id = EmbeddedIssuer::kDefaultClientId;
    const QByteArray secret = m_server.embeddedIssuer()->clientSecret();
    const QByteArray basic = "Basic " + QByteArray(id + ':' + secret).toBase64();
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("RFC6749 §4.4.2 Basic") << form << QByteArray("grant_type=client_credentials") << basic << 200
                                          << QString() << QStringLiteral("read:messages write:messages");
    QTest::newRow("RFC6749 §2.3.1 body credentials")
        << form
        << QByteArray("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret +
                      "&scope=read%3Amessages")
        << QByteArray() << 200 << QString() << QStringLiteral("read:messages");
    QTest::newRow("Auth0 JSON body") << QByteArray("application/json")
                                     << QByteArray("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + id +
                                                   "\",\"client_secret\":\"" + secret + "\",\"audience\":\"" +
                                                   QByteArray(ServerConfig::kDefaultAudience) + "\"}")
                                     << QByteArray() << 200 << QString()
                                     << QStringLiteral("read:messages write:messages");
    QTest::newRow("RFC6749 §5.2 invalid_client Basic") << form << QByteArray("grant_type=client_credentials")
                                                       << QByteArray("Basic " + QByteArray(id + ":wrong").toBase64())
                                                       << 401 << QStringLiteral("invalid_client") << QString();
    QTest::newRow("RFC6749 §5.2 invalid_client body")
        << form << QByteArray("grant_type=client_credentials&client_id=" + id + "&client_secret=wrong") << QByteArray()
        << 401 << QStringLiteral("invalid_client") << QString();
    QTest::newRow("RFC6749 §5.2 no client auth") << form << QByteArray("grant_type=client_credentials") << QByteArray()
                                                 << 401 << QStringLiteral("invalid_client") << QString();
    QTest::newRow("RFC6749 §5.2 missing grant_type")
        << form << QByteArray("scope=x") << basic << 400 << QStringLiteral("invalid_request") << QString();
    QTest::newRow("RFC6749 §5.2 unsupported_grant_type")
        << form << QByteArray("grant_type=password&username=a&password=b") << basic << 400
        << QStringLiteral("unsupported_grant_type") << QString();
    QTest::newRow("RFC6749 §5.2 invalid_scope") << form << QByteArray("grant_type=client_credentials&scope=admin")
                                                << basic << 400 << QStringLiteral("invalid_scope") << QString();
    QTest::newRow("RFC6749 §3.2 repeated parameter")
        << form << QByteArray("grant_type=client_credentials&grant_type=client_credentials") << basic << 400
        << QStringLiteral("invalid_request") << QString();
    QTest::newRow("RFC6749 §2.3 two auth methods")
        << form << QByteArray("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret) << basic
        << 400 << QStringLiteral("invalid_request") << QString();
    QTest::newRow("unknown audience") << form << QByteArray("grant_type=client_credentials&audience=https%3A%2F%2Fx")
                                      << basic << 400 << QStringLiteral("invalid_request") << QString();
    QTest::newRow("wrong content type") << QByteArray("text/plain") << QByteArray("grant_type=client_credentials")
                                        << basic << 400 << QStringLiteral("invalid_request") << QString();
}

void TestMockApiServer::tokenEndpoint()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, scope);
    Headers headers{{"Content-Type", contentType}};
    if (!authorization.isEmpty()) {
        headers.append({"Authorization", authorization});
    }
    const auto r = HttpTestClient::request(m_server.port(), "POST", "/oauth/token", headers, body);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(r->header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject o = r->json();
    if (status == 200) {
        QCOMPARE(o.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(o.value(QStringLiteral("expires_in")).toInt(), 3600);
        QCOMPARE(o.value(QStringLiteral("scope")).toString(), scope);
        QVERIFY(!o.value(QStringLiteral("access_token")).toString().isEmpty());
    } else {
        QCOMPARE(o.value(QStringLiteral("error")).toString(), error);
        QVERIFY(!o.value(QStringLiteral("error_description")).toString().isEmpty());
        // RFC 6749 §5.2: every invalid_client (401) carries the Basic challenge (required when the client used Basic;
        // sent for body credentials too, so a client learns which scheme to use).
        QCOMPARE(r->hasHeader("WWW-Authenticate"), status == 401);
    }
}

void TestMockApiServer::tokenEndpointIssuesUsableTokens()
{
    const QByteArray basic = "Basic " + QByteArray(QByteArray(EmbeddedIssuer::kDefaultClientId) + ':' +
                                                   m_server.embeddedIssuer()->clientSecret())
                                            .toBase64();
    auto r = HttpTestClient::request(m_server.port(), "POST", "/oauth/token",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", basic}},
                                     "grant_type=client_credentials&scope=read:messages");
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    const QByteArray token = r->json().value(QStringLiteral("access_token")).toString().toLatin1();
    r = get("/api/private-scoped", "Bearer " + token);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    r = HttpTestClient::request(m_server.port(), "POST", "/oauth/token",
                                {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", basic}},
                                "grant_type=client_credentials&scope=write:messages");
    QVERIFY(r);
    r = get("/api/private-scoped", "Bearer " + r->json().value(QStringLiteral("access_token")).toString().toLatin1());
    QVERIFY(r);
    QCOMPARE(r->status, 403);
}

void TestMockApiServer::requestLog()
{
    QSignalSpy spy(&m_server, &MockApiServer::requestLogged);
    const QByteArray token = mint({{QStringLiteral("aud"), QStringLiteral("nope")}});
    const auto r = get("/api/private?x=1", "Bearer " + token);
    QVERIFY(r);
    QTRY_COMPARE(spy.size(), 1);
    const auto entry = spy.at(0).at(0).value<RequestLogEntry>();
    QCOMPARE(entry.method, QStringLiteral("GET"));
    QCOMPARE(entry.path, QStringLiteral("/api/private"));
    QCOMPARE(entry.status, 401);
    QCOMPARE(entry.code, QStringLiteral("invalid_claims"));
    QVERIFY(entry.latencyUs >= 0);
    QVERIFY(!entry.tokenPreview.isEmpty());
    QVERIFY(!token.contains(entry.tokenPreview.toLatin1()) || entry.tokenPreview.size() < 20);
    QVERIFY(!entry.steps.isEmpty());
    bool audFailed = false;
    for (const VerificationStep& step : entry.steps) {
        audFailed = audFailed || (step.id == QLatin1String("aud") && step.status == VerificationStep::Status::Failed);
    }
    QVERIFY(audFailed);
    QVERIFY(entry.token.isEmpty()); // the whole token only with logTokenDetails (the GUI's in-memory log)
    RequestLogEntry withToken = entry;
    withToken.token = token; // and even then never printed
    for (LogFormat format : {LogFormat::Text, LogFormat::Json}) {
        QVERIFY(!RequestLogFormatter::format(withToken, format).contains(QString::fromLatin1(token.split('.').at(2))));
        const QString line = RequestLogFormatter::format(entry, format);
        QVERIFY(line.contains(QStringLiteral("/api/private")));
        QVERIFY(line.contains(QStringLiteral("invalid_claims")));
        QVERIFY(line.contains(QStringLiteral("401")));
        QVERIFY(!line.contains(QString::fromLatin1(token.split('.').at(1)))); // never the token
        QVERIFY(!line.contains(QString::fromLatin1(token.split('.').at(2))));
    }

    // A request the transport rejects is logged too.
    spy.clear();
    HttpTestClient client;
    QVERIFY(client.connectTo(m_server.port()));
    client.send("BLAH\r\n\r\n");
    QVERIFY(client.readResponse());
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<RequestLogEntry>().status, 400);
}

void TestMockApiServer::mintPresets()
{
    const EmbeddedIssuer* issuer = m_server.embeddedIssuer();
    const QString aud = m_server.audience();
    const QString scope = QStringLiteral("read:messages");
    const struct
    {
        MintPreset preset;
        int status;
        const char* code;
    } cases[] = {{MintPreset::Valid, 200, ""},
                 {MintPreset::Expired, 401, "token_expired"},
                 {MintPreset::WrongAudience, 401, "invalid_claims"},
                 {MintPreset::MissingScope, 403, "insufficient_scope"}};
    for (const auto& c : cases) {
        const auto token = issuer->mint(issuer->preset(c.preset, aud, scope), &m_clock);
        QVERIFY(token.ok());
        const auto r = get("/api/private-scoped", "Bearer " + token.value());
        QVERIFY(r);
        QCOMPARE(r->status, c.status);
        QCOMPARE(r->code(), QString::fromLatin1(c.code));
    }
}

void TestMockApiServer::badOptions()
{
    MockApiServer server;
    ServerConfig config;
    config.port = 0;
    config.issuerDirectory = m_dir.path();
    config.algorithms = {QStringLiteral("none")};
    auto started = server.start(config);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code, ErrorCode::Usage);

    config.algorithms = {QStringLiteral("RS256")};
    config.jwksFile = QStringLiteral("/nonexistent/jwks.json");
    started = server.start(config);
    QVERIFY(!started.ok()); // external mode without issuer/audience
    config.issuer = QStringLiteral("https://issuer/");
    config.audience = QStringLiteral("api");
    started = server.start(config);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code, ErrorCode::Io);

    config = ServerConfig();
    config.issuerDirectory = m_dir.path();
    config.port = m_server.port(); // in use
    started = server.start(config);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code, ErrorCode::Io);
    QVERIFY(!server.isRunning());
}

void TestMockApiServer::logInjection()
{
    // Issue 15 #5: an "alg" with CR, LF and ESC reached the 401 description and the text log raw, so a client could
    // forge log lines and send terminal escape sequences. Now the message and every text-log field are escaped.
    QSignalSpy spy(&m_server, &MockApiServer::requestLogged);
    const QByteArray header =
        QJsonDocument(QJsonObject{{QStringLiteral("alg"),
                                   QStringLiteral("RS256\r\n2026-01-01T00:00:00.000Z GET /admin 200 \x1b[2J")}})
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const auto r = get("/api/private", "Bearer " + header + ".e30.c2ln");
    QVERIFY(r);
    QCOMPARE(r->status, 401);
    const QString description = r->json().value(QStringLiteral("description")).toString();
    QVERIFY2(description.contains(QStringLiteral("RS256\\x0d\\x0a2026")), qPrintable(description));
    QVERIFY(description.contains(QStringLiteral("\\x1b[2J")));
    QTRY_COMPARE(spy.size(), 1);
    const auto entry = spy.at(0).at(0).value<RequestLogEntry>();
    RequestLogEntry hostile = entry;
    hostile.path = QStringLiteral("/api/private\r\nforged");
    hostile.method = QStringLiteral("G\x1bET");
    for (const RequestLogEntry& e : {entry, hostile}) {
        const QString line = RequestLogFormatter::format(e, LogFormat::Text);
        for (QChar c : line) {
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(line));
        }
    }
    QVERIFY(
        RequestLogFormatter::format(hostile, LogFormat::Text).contains(QStringLiteral("/api/private\\x0d\\x0aforged")));
}

void TestMockApiServer::expectContinue()
{
    // RFC 9110 §10.1.1: a protected route that will answer 401 says so before the body, with the quickstart's
    // JSON error and the challenge, instead of "100 Continue"; the body is never sent here.
    QSignalSpy spy(&m_server, &MockApiServer::requestLogged);
    const QByteArray head = "GET /api/private HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n";
    const QList<QPair<QByteArray, QByteArray>> refusals = {
        {QByteArray(), "invalid_token"},
        {"Authorization: Bearer not.a.token\r\n", "invalid_token"},
        {"Authorization: Bearer " + mint({{QStringLiteral("aud"), QStringLiteral("someone-else")}}) + "\r\n",
         "invalid_token"},
    };
    for (const auto& [authorization, error] : refusals) {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_server.port()));
        client.send(head + authorization + "\r\n");
        const auto r = client.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QVERIFY2(!r->code().isEmpty(), r->body.constData());
        QVERIFY(!r->json().value(QStringLiteral("description")).toString().isEmpty());
        QVERIFY(r->header("WWW-Authenticate").startsWith("Bearer realm=\"tokenscope\""));
        QVERIFY(r->header("WWW-Authenticate").contains(QByteArray("error=\"" + error + '"')));
        QVERIFY(r->hasHeader("Access-Control-Allow-Origin"));
        QVERIFY(client.waitForClosed());
    }
    QTRY_COMPARE(spy.size(), refusals.size());
    QCOMPARE(spy.at(0).at(0).value<RequestLogEntry>().status, 401);

    // A valid token: 100 Continue, then the body, then 200.
    HttpTestClient client;
    QVERIFY(client.connectTo(m_server.port()));
    client.send(head + "Authorization: Bearer " + mint({}) + "\r\n\r\n");
    auto r = client.readResponse();
    QVERIFY(r);
    QCOMPARE(r->statusLine, QByteArray("HTTP/1.1 100 Continue"));
    client.send("0123456789");
    r = client.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json().value(QStringLiteral("message")).toString(), MockApiServer::privateMessage());

    // An unknown path does not need the body either.
    HttpTestClient missing;
    QVERIFY(missing.connectTo(m_server.port()));
    missing.send("POST /nowhere HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n");
    r = missing.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 404);
}

void TestMockApiServer::stillAnswering()
{
    const auto r = get("/api/private", "Bearer " + mint({}));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
}

QTEST_GUILESS_MAIN(TestMockApiServer)
#include "TestMockApiServer.moc"
