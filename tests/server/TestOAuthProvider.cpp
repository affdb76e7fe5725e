// SPDX-License-Identifier: MIT
// The embedded OpenID provider over loopback with a frozen clock: authorization code + PKCE with the login and consent
// page, PAR, refresh rotation and reuse detection, the device grant, introspection, revocation, userinfo, discovery
// and DPoP (RFC 9449) at the token endpoint and the mock API, each RFC error path on its own.
#include "core/Base64Url.h"
#include "core/MockClock.h"
#include "jose/DpopProof.h"
#include "jose/JwtVerifier.h"
#include "jose/Pkce.h"
#include "server/ClientRegistry.h"
#include "server/GrantStore.h"
#include "server/MockApiServer.h"
#include "server/OAuthProtocol.h"
#include "server/UserDirectory.h"
#include "support/HttpTestClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using Headers = QList<QPair<QByteArray, QByteArray>>;
using Form = QList<QPair<QString, QString>>;

namespace {

const QString kPublic = QStringLiteral("tokenscope-public");
const QString kDemo = QStringLiteral("tokenscope-demo");
const QByteArray kSecret = "demo-secret";

QByteArray encodeForm(const Form& form)
{
    QByteArray out;
    for (const auto& [name, value] : form) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QByteArray basic(const QString& id, const QByteArray& secret)
{
    return "Basic " + QByteArray(id.toUtf8() + ':' + secret).toBase64();
}

QUrlQuery locationQuery(const RawResponse& r)
{
    return QUrlQuery(QUrl(QString::fromUtf8(r.header("Location"))));
}

QString hidden(const QByteArray& html, const QString& name)
{
    const QRegularExpression re(QStringLiteral("name=\"%1\" value=\"([^\"]*)\"").arg(name));
    return re.match(QString::fromUtf8(html)).captured(1);
}

QByteArray cookieOf(const RawResponse& r)
{
    return r.header("Set-Cookie").split(';').first();
}

} // namespace

class TestOAuthProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void discovery();
    void redirectUriRules_data();
    void redirectUriRules();
    void authorizeErrors_data();
    void authorizeErrors();
    void loginPageAndCodeFlow();
    void implicitGrant();
    void loginPageRefusals();
    void loginPageEscapes();
    void tokenCodeErrors_data();
    void tokenCodeErrors();
    void codeReuseRevokesTokens();
    void codeExpires();
    void tokenEndpointErrors_data();
    void tokenEndpointErrors();
    void refreshRotationAndReuse();
    void pushedAuthorizationRequest();
    void deviceGrant();
    void deviceGrantDeniedAndExpired();
    void introspectionAndRevocation();
    void userInfo();
    void dpopBoundTokens();
    void dpopErrors();
    void dpopRequiredAndOff();
    void autoApprove();
    void badFiles();
    void grantStorePurgesExpired();

private:
    ServerConfig config() const;
    std::optional<RawResponse> post(const QByteArray& path, const Form& form, Headers headers = {},
                                    const MockApiServer* server = nullptr) const;
    std::optional<RawResponse> get(const QByteArray& path, Headers headers = {},
                                   const MockApiServer* server = nullptr) const;
    /// /authorize as the public client with PKCE S256 → the login page → alice approves → the code.
    QString authorizeAsAlice(const QString& verifier, const QString& scope = QStringLiteral("openid profile email"),
                             const QString& nonce = QStringLiteral("n-0S6_WzA2Mj"));
    QJsonObject exchange(const QString& code, const QString& verifier, Headers headers = {});
    QByteArray proof(const QString& method, const QString& path, const QByteArray& accessToken = {},
                     const Jwk* key = nullptr, const MockApiServer* server = nullptr) const;

    QTemporaryDir m_dir;
    MockClock m_clock{QDateTime::currentSecsSinceEpoch()};
    MockApiServer m_server;
    Jwk m_dpopKey;
    QString m_redirect;
};

ServerConfig TestOAuthProvider::config() const
{
    ServerConfig c;
    c.port = 0;
    c.workerThreads = 1;
    c.issuerDirectory = m_dir.path();
    c.clientSecret = kSecret;
    c.clock = &m_clock;
    c.logRequests = false;
    return c;
}

void TestOAuthProvider::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString clients = m_dir.filePath(QStringLiteral("clients.json"));
    QFile file(clients);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray clientsJson = R"({"clients": [
        {"client_id": "evil", "client_name": "<script>alert(1)</script>", "redirect_uris": ["https://app.example/cb"]},
        {"client_id": "machine", "client_secret": "m", "grant_types": ["client_credentials"]},
        {"client_id": "web", "client_secret": "w", "redirect_uris": ["https://app.example/cb"]}]})";
    file.write(clientsJson);
    file.close();
    ServerConfig c = config();
    c.clientsFile = clients;
    const auto started = m_server.start(c);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    m_dpopKey = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    m_redirect = QStringLiteral("http://127.0.0.1:49152/callback");
}

void TestOAuthProvider::cleanupTestCase()
{
    m_server.stop();
}

std::optional<RawResponse> TestOAuthProvider::post(const QByteArray& path, const Form& form, Headers headers,
                                                   const MockApiServer* server) const
{
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return HttpTestClient::request((server ? server : &m_server)->port(), "POST", path, headers, encodeForm(form));
}

std::optional<RawResponse> TestOAuthProvider::get(const QByteArray& path, Headers headers,
                                                  const MockApiServer* server) const
{
    return HttpTestClient::request((server ? server : &m_server)->port(), "GET", path, headers);
}

QByteArray TestOAuthProvider::proof(const QString& method, const QString& path, const QByteArray& accessToken,
                                    const Jwk* key, const MockApiServer* server) const
{
    DpopProofOptions o;
    o.htm = method;
    o.htu = (server ? server : &m_server)->baseUrl() + path;
    o.accessToken = accessToken;
    o.clock = &m_clock;
    return DpopProof::create(key ? *key : m_dpopKey, o).value();
}

QString TestOAuthProvider::authorizeAsAlice(const QString& verifier, const QString& scope, const QString& nonce)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), kPublic);
    q.addQueryItem(QStringLiteral("redirect_uri"), m_redirect);
    q.addQueryItem(QStringLiteral("scope"), scope);
    q.addQueryItem(QStringLiteral("state"), QStringLiteral("af0ifjsldkj"));
    q.addQueryItem(QStringLiteral("nonce"), nonce);
    q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(Pkce::challenge(verifier.toLatin1())));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    const auto page = get("/authorize?" + q.toString(QUrl::FullyEncoded).toLatin1());
    if (!page || page->status != 200) {
        return {};
    }
    const auto done = post("/authorize",
                           {{QStringLiteral("transaction"), hidden(page->body, QStringLiteral("transaction"))},
                            {QStringLiteral("csrf"), hidden(page->body, QStringLiteral("csrf"))},
                            {QStringLiteral("username"), QStringLiteral("alice")},
                            {QStringLiteral("password"), QStringLiteral("alice")},
                            {QStringLiteral("decision"), QStringLiteral("approve")}},
                           {{"Cookie", cookieOf(*page)}});
    if (!done || done->status != 302) {
        return {};
    }
    return locationQuery(*done).queryItemValue(QStringLiteral("code"));
}

QJsonObject TestOAuthProvider::exchange(const QString& code, const QString& verifier, Headers headers)
{
    const auto r = post("/oauth/token",
                        {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                         {QStringLiteral("client_id"), kPublic},
                         {QStringLiteral("code"), code},
                         {QStringLiteral("redirect_uri"), m_redirect},
                         {QStringLiteral("code_verifier"), verifier}},
                        headers);
    return r ? r->json() : QJsonObject();
}

void TestOAuthProvider::discovery()
{
    const auto openid = get("/.well-known/openid-configuration");
    const auto oauth = get("/.well-known/oauth-authorization-server");
    QVERIFY(openid && oauth);
    QCOMPARE(openid->status, 200);
    QCOMPARE(openid->body, oauth->body);
    const QJsonObject m = openid->json();
    const QString base = m_server.baseUrl();
    QCOMPARE(m.value(QStringLiteral("issuer")).toString(), m_server.issuer());
    QCOMPARE(m.value(QStringLiteral("authorization_endpoint")).toString(), base + QStringLiteral("/authorize"));
    QCOMPARE(m.value(QStringLiteral("token_endpoint")).toString(), base + QStringLiteral("/oauth/token"));
    QCOMPARE(m.value(QStringLiteral("pushed_authorization_request_endpoint")).toString(),
             base + QStringLiteral("/par"));
    QCOMPARE(m.value(QStringLiteral("device_authorization_endpoint")).toString(),
             base + QStringLiteral("/device_authorization"));
    QCOMPARE(m.value(QStringLiteral("introspection_endpoint")).toString(), base + QStringLiteral("/introspect"));
    QCOMPARE(m.value(QStringLiteral("revocation_endpoint")).toString(), base + QStringLiteral("/revoke"));
    QCOMPARE(m.value(QStringLiteral("userinfo_endpoint")).toString(), base + QStringLiteral("/userinfo"));
    QCOMPARE(m.value(QStringLiteral("jwks_uri")).toString(), base + QStringLiteral("/.well-known/jwks.json"));
    QCOMPARE(m.value(QStringLiteral("code_challenge_methods_supported")).toArray(),
             (QJsonArray{QStringLiteral("S256"), QStringLiteral("plain")}));
    const QJsonArray grants = m.value(QStringLiteral("grant_types_supported")).toArray();
    for (const char* g : {"authorization_code", "refresh_token", "client_credentials",
                          "urn:ietf:params:oauth:grant-type:device_code"}) {
        QVERIFY2(grants.contains(QLatin1String(g)), g);
    }
    QVERIFY(
        m.value(QStringLiteral("token_endpoint_auth_methods_supported")).toArray().contains(QStringLiteral("none")));
    QVERIFY(m.value(QStringLiteral("dpop_signing_alg_values_supported")).toArray().contains(QStringLiteral("ES256")));
    QVERIFY(!m.value(QStringLiteral("dpop_signing_alg_values_supported")).toArray().contains(QStringLiteral("HS256")));
    QCOMPARE(m.value(QStringLiteral("authorization_response_iss_parameter_supported")).toBool(), true);
    QVERIFY(m.value(QStringLiteral("scopes_supported")).toArray().contains(QStringLiteral("openid")));
}

void TestOAuthProvider::redirectUriRules_data()
{
    QTest::addColumn<QString>("registered");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<bool>("matches");
    const QString loop = QStringLiteral("http://127.0.0.1/callback");
    QTest::newRow("RFC 8252 7.3 any port") << loop << "http://127.0.0.1:51004/callback" << true;
    QTest::newRow("exact") << loop << loop << true;
    QTest::newRow("IPv6 loopback port") << "http://[::1]/callback"
                                        << "http://[::1]:8080/callback" << true;
    QTest::newRow("other path") << loop << "http://127.0.0.1:51004/other" << false;
    QTest::newRow("query added") << loop << "http://127.0.0.1:51004/callback?x=1" << false;
    QTest::newRow("other loopback host") << loop << "http://localhost:51004/callback" << false;
    QTest::newRow("https not loopback rule") << "https://app.example/cb"
                                             << "https://app.example:8443/cb" << false;
    QTest::newRow("case of path") << "https://app.example/cb"
                                  << "https://app.example/CB" << false;
    QTest::newRow("not loopback host") << "http://127.0.0.1/callback"
                                       << "http://127.0.0.2.example:1/callback" << false;
}

void TestOAuthProvider::redirectUriRules()
{
    QFETCH(QString, registered);
    QFETCH(QString, requested);
    QFETCH(bool, matches);
    QCOMPARE(ClientRegistry::redirectUriMatches(registered, requested), matches);
}

void TestOAuthProvider::authorizeErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error"); // in the redirect; empty for an HTML error page
    const QString good = QStringLiteral("client_id=tokenscope-public&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F"
                                        "callback&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                        "&code_challenge_method=S256");
    QTest::newRow("unknown client: page") << "response_type=code&client_id=nobody&redirect_uri=x" << 400 << "";
    QTest::newRow("unregistered redirect: page")
        << "response_type=code&client_id=tokenscope-public&redirect_uri=https%3A%2F%2Fevil.example%2Fcb" << 400 << "";
    QTest::newRow("missing redirect with several registered: page")
        << "response_type=code&client_id=tokenscope-public" << 400 << "";
    QTest::newRow("missing response_type") << good << 302 << "invalid_request";
    QTest::newRow("response_type id_token")
        << QString(QLatin1String("response_type=id_token&") + good) << 302 << "unsupported_response_type";
    QTest::newRow("unknown scope") << QString(QLatin1String("response_type=code&scope=openid%20admin&") + good) << 302
                                   << "invalid_scope";
    QTest::newRow("public client without PKCE")
        << "response_type=code&client_id=tokenscope-public&state=s1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F"
           "callback"
        << 302 << "invalid_request";
    QTest::newRow("PKCE method S512")
        << "response_type=code&client_id=tokenscope-public&state=s1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F"
           "callback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S512"
        << 302 << "invalid_request";
    QTest::newRow("PKCE challenge too short")
        << "response_type=code&client_id=tokenscope-public&state=s1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F"
           "callback&code_challenge=short&code_challenge_method=plain"
        << 302 << "invalid_request";
    QTest::newRow("client without the code grant") << "response_type=code&client_id=machine&state=s1" << 400 << "";
    QTest::newRow("prompt=none without a session")
        << QString(QLatin1String("response_type=code&prompt=none&") + good) << 302 << "login_required";
    QTest::newRow("repeated parameter: page")
        << QString(QLatin1String("response_type=code&response_type=code&") + good) << 400 << "";
    QTest::newRow("valid: login page") << QString(QLatin1String("response_type=code&scope=openid&") + good) << 200
                                       << "";
}

void TestOAuthProvider::authorizeErrors()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, error);
    const auto r = get("/authorize?" + query.toLatin1());
    QVERIFY(r);
    QCOMPARE(r->status, status);
    if (status == 302) {
        const QUrlQuery q = locationQuery(*r);
        QVERIFY(r->header("Location").startsWith("http://127.0.0.1:5000/callback?"));
        QCOMPARE(q.queryItemValue(QStringLiteral("error")), error);
        QCOMPARE(q.queryItemValue(QStringLiteral("state")), QStringLiteral("s1"));
        QCOMPARE(q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), m_server.issuer()); // RFC 9207
    } else {
        QVERIFY(r->header("Content-Type").startsWith("text/html"));
        QVERIFY(!r->hasHeader("Location"));
    }
}

void TestOAuthProvider::loginPageAndCodeFlow()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QString code = authorizeAsAlice(verifier);
    QVERIFY(!code.isEmpty());
    const QJsonObject tokens = exchange(code, verifier);
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    const QByteArray accessToken = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    const QByteArray idToken = tokens.value(QStringLiteral("id_token")).toString().toLatin1();
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(!tokens.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QCOMPARE(tokens.value(QStringLiteral("scope")).toString(), QStringLiteral("openid profile email"));

    // The id_token as a relying party checks it (OIDC Core §3.1.3.7).
    VerifyOptions options;
    options.allowedAlgorithms = {QStringLiteral("RS256")};
    options.claims.issuers = {m_server.issuer()};
    options.claims.audiences = {kPublic};
    options.claims.requiredClaims = {QStringLiteral("sub"), QStringLiteral("exp"), QStringLiteral("iat")};
    options.claims.clock = &m_clock;
    const VerificationResult id = JwtVerifier(m_server.embeddedIssuer()->publicJwks(), options).verify(idToken);
    QVERIFY2(id.valid, qPrintable(id.error ? id.error->toString() : QString()));
    QCOMPARE(id.claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(id.claims.value(QStringLiteral("nonce")).toString(), QStringLiteral("n-0S6_WzA2Mj"));
    QCOMPARE(id.claims.value(QStringLiteral("azp")).toString(), kPublic);
    QCOMPARE(id.claims.value(QStringLiteral("auth_time")).toInteger(), m_clock.nowSeconds());
    QCOMPARE(id.claims.value(QStringLiteral("email")).toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(id.claims.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Example"));
    // at_hash / c_hash: left half of SHA-256, base64url (OIDC Core §3.1.3.6, §3.3.2.11); 16 bytes → 22 chars.
    const QString atHash = id.claims.value(QStringLiteral("at_hash")).toString();
    QCOMPARE(atHash.size(), 22);
    QCOMPARE(atHash, DpopProof::accessTokenHash(accessToken).left(21) + atHash.right(1)); // same SHA-256 prefix
    QCOMPARE(Base64Url::decode(atHash.toLatin1()).value(),
             Base64Url::decode(DpopProof::accessTokenHash(accessToken).toLatin1()).value().left(16));
    QCOMPARE(Base64Url::decode(id.claims.value(QStringLiteral("c_hash")).toString().toLatin1()).value(),
             Base64Url::decode(DpopProof::accessTokenHash(code.toLatin1()).toLatin1()).value().left(16));

    // The access token works at the API and at /userinfo.
    auto api = get("/api/private", {{"Authorization", "Bearer " + accessToken}});
    QVERIFY(api);
    QCOMPARE(api->status, 200);
}

void TestOAuthProvider::implicitGrant()
{
    // RFC 6749 §4.2 (legacy): tokenscope-public may use it, without PKCE; the answer is in the fragment.
    const QByteArray query = "/authorize?response_type=token&client_id=tokenscope-public&state=st%2B1&scope=openid"
                             "%20profile&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback";
    const auto page = get(query);
    QVERIFY(page);
    QCOMPARE(page->status, 200);
    const Form login{{QStringLiteral("transaction"), hidden(page->body, QStringLiteral("transaction"))},
                     {QStringLiteral("csrf"), hidden(page->body, QStringLiteral("csrf"))},
                     {QStringLiteral("username"), QStringLiteral("alice")},
                     {QStringLiteral("password"), QStringLiteral("alice")},
                     {QStringLiteral("decision"), QStringLiteral("approve")}};
    const auto done = post("/authorize", login, {{"Cookie", cookieOf(*page)}});
    QVERIFY(done);
    QCOMPARE(done->status, 302);
    const QUrl location(QString::fromUtf8(done->header("Location")));
    QVERIFY2(!location.hasQuery(), done->header("Location").constData());
    QCOMPARE(location.toString(QUrl::RemoveFragment), QStringLiteral("http://127.0.0.1:5000/callback"));
    const QUrlQuery fragment(location.fragment(QUrl::FullyEncoded));
    const auto value = [&fragment](const char* name) {
        return fragment.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    QCOMPARE(value("token_type"), QStringLiteral("Bearer"));
    QCOMPARE(value("expires_in"), QStringLiteral("3600"));
    QCOMPARE(value("scope"), QStringLiteral("openid profile"));
    QCOMPARE(value("state"), QStringLiteral("st+1"));
    QCOMPARE(value("iss"), m_server.issuer());                        // RFC 9207
    QVERIFY(!fragment.hasQueryItem(QStringLiteral("refresh_token"))); // RFC 6749 §4.2.2: MUST NOT
    QVERIFY(!fragment.hasQueryItem(QStringLiteral("id_token")));      // not asked for (response_type=token)
    QVERIFY(!fragment.hasQueryItem(QStringLiteral("code")));
    const QByteArray accessToken = value("access_token").toLatin1();
    const auto claims = CompactToken::parse(accessToken).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims->value(QLatin1String("client_id")).toString(), kPublic);
    const auto api = get("/api/private", {{"Authorization", "Bearer " + accessToken}});
    QVERIFY(api);
    QCOMPARE(api->status, 200);

    // Denied: the error in the fragment too (§4.2.2.1).
    const auto again = get(query);
    Form deny = login;
    deny[0].second = hidden(again->body, QStringLiteral("transaction"));
    deny[1].second = hidden(again->body, QStringLiteral("csrf"));
    deny[4].second = QStringLiteral("deny");
    const auto denied = post("/authorize", deny, {{"Cookie", cookieOf(*again)}});
    QVERIFY(denied);
    QCOMPARE(denied->status, 302);
    const QUrl deniedAt(QString::fromUtf8(denied->header("Location")));
    QVERIFY(!deniedAt.hasQuery());
    QCOMPARE(QUrlQuery(deniedAt.fragment(QUrl::FullyEncoded)).queryItemValue(QStringLiteral("error")),
             QStringLiteral("access_denied"));

    // A client whose grant_types lack "implicit": unauthorized_client, in the fragment.
    const auto refused =
        get("/authorize?response_type=token&client_id=web&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb");
    QVERIFY(refused);
    QCOMPARE(refused->status, 302);
    QVERIFY2(refused->header("Location").startsWith("https://app.example/cb#error=unauthorized_client&"),
             refused->header("Location").constData());

    // Discovery says so (RFC 8414 §2).
    const QJsonObject metadata = get("/.well-known/openid-configuration")->json();
    QVERIFY(metadata.value(QLatin1String("response_types_supported")).toArray().contains(QStringLiteral("token")));
    QVERIFY(metadata.value(QLatin1String("grant_types_supported")).toArray().contains(QStringLiteral("implicit")));
}

void TestOAuthProvider::loginPageRefusals()
{
    const auto page = get("/authorize?response_type=code&client_id=tokenscope-public&redirect_uri=http%3A%2F%2F127.0.0."
                          "1%3A5000%2Fcallback&state=s2&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                          "&code_challenge_method=S256");
    QVERIFY(page);
    QCOMPARE(page->status, 200);
    QVERIFY(page->header("Content-Security-Policy").contains("default-src 'none'"));
    QCOMPARE(page->header("X-Frame-Options"), QByteArray("DENY"));
    QVERIFY(page->header("Set-Cookie").contains("SameSite=Strict"));
    const QString transaction = hidden(page->body, QStringLiteral("transaction"));
    const QString csrf = hidden(page->body, QStringLiteral("csrf"));
    QVERIFY(!transaction.isEmpty() && !csrf.isEmpty());
    auto form = [&](const QString& csrfValue, const QString& password, const QString& decision) {
        return Form{{QStringLiteral("transaction"), transaction},
                    {QStringLiteral("csrf"), csrfValue},
                    {QStringLiteral("username"), QStringLiteral("alice")},
                    {QStringLiteral("password"), password},
                    {QStringLiteral("decision"), decision}};
    };
    // CSRF: a form without the cookie, or with another value, is refused.
    auto r = post("/authorize", form(csrf, QStringLiteral("alice"), QStringLiteral("approve")));
    QCOMPARE(r->status, 403);
    r = post("/authorize", form(QStringLiteral("guess"), QStringLiteral("alice"), QStringLiteral("approve")),
             {{"Cookie", "tokenscope_csrf=guess"}});
    QCOMPARE(r->status, 403);
    // Wrong password: the page again, with the message, no code.
    r = post("/authorize", form(csrf, QStringLiteral("wrong"), QStringLiteral("approve")),
             {{"Cookie", cookieOf(*page)}});
    QCOMPARE(r->status, 401);
    QVERIFY(r->body.contains("Wrong username or password."));
    QVERIFY(!r->hasHeader("Location"));
    // Deny: access_denied back to the client with state and iss.
    r = post("/authorize", form(csrf, QString(), QStringLiteral("deny")), {{"Cookie", cookieOf(*page)}});
    QCOMPARE(r->status, 302);
    QCOMPARE(locationQuery(*r).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(locationQuery(*r).queryItemValue(QStringLiteral("state")), QStringLiteral("s2"));
    // The transaction is finished: the same form again is an expired sign-in.
    r = post("/authorize", form(csrf, QStringLiteral("alice"), QStringLiteral("approve")),
             {{"Cookie", cookieOf(*page)}});
    QCOMPARE(r->status, 400);
}

void TestOAuthProvider::loginPageEscapes()
{
    const auto page = get("/authorize?response_type=code&client_id=evil&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
                          "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    QVERIFY(page);
    QCOMPARE(page->status, 200);
    QVERIFY(!page->body.contains("<script>"));
    QVERIFY(page->body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    QCOMPARE(OAuthProtocol::htmlEscape(QStringLiteral("a\"b'c&<d>\x01")),
             QStringLiteral("a&quot;b&#39;c&amp;&lt;d&gt;"));
}

void TestOAuthProvider::tokenCodeErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong verifier") << "code_verifier" << QString(50, QLatin1Char('a')) << "invalid_grant";
    QTest::newRow("missing verifier") << "code_verifier"
                                      << ""
                                      << "invalid_grant";
    QTest::newRow("other redirect port") << "redirect_uri"
                                         << "http://127.0.0.1:49153/callback"
                                         << "invalid_grant";
    QTest::newRow("unknown code") << "code"
                                  << "bm90LWEtY29kZQ"
                                  << "invalid_grant";
    QTest::newRow("other client") << "client_id"
                                  << "evil"
                                  << "invalid_grant";
    QTest::newRow("missing code") << "code"
                                  << ""
                                  << "invalid_request";
}

void TestOAuthProvider::tokenCodeErrors()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, error);
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QString code = authorizeAsAlice(verifier);
    QVERIFY(!code.isEmpty());
    Form form{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
              {QStringLiteral("client_id"), kPublic},
              {QStringLiteral("code"), code},
              {QStringLiteral("redirect_uri"), m_redirect},
              {QStringLiteral("code_verifier"), verifier}};
    for (auto& [name, v] : form) {
        if (name == field) {
            v = value;
        }
    }
    form.removeIf([](const auto& p) { return p.second.isEmpty(); });
    const auto r = post("/oauth/token", form);
    QVERIFY(r);
    QCOMPARE(r->status, 400);
    QCOMPARE(r->json().value(QStringLiteral("error")).toString(), error);
    QCOMPARE(r->header("Cache-Control"), QByteArray("no-store"));
}

void TestOAuthProvider::codeReuseRevokesTokens()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QString code = authorizeAsAlice(verifier);
    const QJsonObject first = exchange(code, verifier);
    const QByteArray accessToken = first.value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(!accessToken.isEmpty());
    QCOMPARE(get("/api/private", {{"Authorization", "Bearer " + accessToken}})->status, 200);
    // RFC 6749 §4.1.2: a second use is refused and what the first issued is revoked.
    const QJsonObject second = exchange(code, verifier);
    QCOMPARE(second.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    const auto api = get("/api/private", {{"Authorization", "Bearer " + accessToken}});
    QCOMPARE(api->status, 401);
    QVERIFY(api->json().value(QStringLiteral("description")).toString().contains(QStringLiteral("revoked")));
    const auto refresh = post(
        "/oauth/token", {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("client_id"), kPublic},
                         {QStringLiteral("refresh_token"), first.value(QStringLiteral("refresh_token")).toString()}});
    QCOMPARE(refresh->json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestOAuthProvider::codeExpires()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QString code = authorizeAsAlice(verifier);
    m_clock.advanceSeconds(60); // the code lives 60 s
    const QJsonObject r = exchange(code, verifier);
    m_clock.advanceSeconds(-60);
    QCOMPARE(r.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QVERIFY(r.value(QStringLiteral("error_description")).toString().contains(QStringLiteral("expired")));
}

void TestOAuthProvider::tokenEndpointErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray demo = basic(kDemo, kSecret);
    QTest::newRow("missing grant_type") << QByteArray("scope=x") << demo << 400 << "invalid_request";
    QTest::newRow("password grant") << QByteArray("grant_type=password&username=a&password=b") << demo << 400
                                    << "unsupported_grant_type";
    QTest::newRow("wrong secret") << QByteArray("grant_type=client_credentials") << basic(kDemo, "wrong") << 401
                                  << "invalid_client";
    QTest::newRow("unknown client") << QByteArray("grant_type=client_credentials&client_id=x&client_secret=y")
                                    << QByteArray() << 401 << "invalid_client";
    QTest::newRow("public client, client credentials")
        << QByteArray("grant_type=client_credentials&client_id=tokenscope-public") << QByteArray() << 401
        << "invalid_client";
    QTest::newRow("confidential without secret")
        << QByteArray("grant_type=authorization_code&code=x&client_id=tokenscope-demo") << QByteArray() << 401
        << "invalid_client";
    QTest::newRow("public client with a secret")
        << QByteArray("grant_type=authorization_code&code=x&client_id=tokenscope-public&client_secret=s")
        << QByteArray() << 401 << "invalid_client";
    QTest::newRow("grant not registered") << QByteArray("grant_type=authorization_code&code=x")
                                          << basic(QStringLiteral("machine"), "m") << 400 << "unauthorized_client";
    QTest::newRow("device grant not registered") << QByteArray("grant_type=client_credentials")
                                                 << basic(QStringLiteral("web"), "w") << 400 << "unauthorized_client";
    QTest::newRow("two auth methods") << QByteArray("grant_type=client_credentials&client_secret=x") << demo << 400
                                      << "invalid_request";
    QTest::newRow("repeated parameter") << QByteArray("grant_type=client_credentials&scope=a&scope=b") << demo << 400
                                        << "invalid_request";
    QTest::newRow("unknown scope") << QByteArray("grant_type=client_credentials&scope=admin") << demo << 400
                                   << "invalid_scope";
    QTest::newRow("device code unknown")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=x&client_id="
                      "tokenscope-public")
        << QByteArray() << 400 << "invalid_grant";
    QTest::newRow("client credentials ok") << QByteArray("grant_type=client_credentials") << demo << 200 << "";
}

void TestOAuthProvider::tokenEndpointErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    Headers headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!authorization.isEmpty()) {
        headers.append({"Authorization", authorization});
    }
    const auto r = HttpTestClient::request(m_server.port(), "POST", "/oauth/token", headers, body);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(r->json().value(QStringLiteral("error")).toString(), error);
    if (status == 401) {
        // RFC 6749 §5.2: invalid_client with 401 carries WWW-Authenticate.
        QVERIFY(r->header("WWW-Authenticate").startsWith("Basic realm="));
    }
}

void TestOAuthProvider::refreshRotationAndReuse()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QJsonObject tokens = exchange(authorizeAsAlice(verifier, QStringLiteral("openid read:messages")), verifier);
    const QString rt1 = tokens.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!rt1.isEmpty());
    auto refresh = [&](const QString& token, const QString& scope = {}) {
        Form form{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                  {QStringLiteral("client_id"), kPublic},
                  {QStringLiteral("refresh_token"), token}};
        if (!scope.isEmpty()) {
            form.append(qMakePair(QStringLiteral("scope"), scope));
        }
        return post("/oauth/token", form)->json();
    };
    QCOMPARE(refresh(rt1, QStringLiteral("openid admin")).value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_scope"));
    const QJsonObject second = refresh(rt1, QStringLiteral("read:messages")); // narrowing is allowed (RFC 6749 §6)
    const QString rt2 = second.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!rt2.isEmpty());
    QVERIFY(rt2 != rt1);
    QCOMPARE(second.value(QStringLiteral("scope")).toString(), QStringLiteral("read:messages"));
    QVERIFY(!second.contains(QStringLiteral("id_token"))); // no openid in the narrowed scope
    const QByteArray at2 = second.value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(get("/api/private-scoped", {{"Authorization", "Bearer " + at2}})->status, 200);

    // rt1 again: reuse → the family dies: rt2 and the access token issued with it too.
    const QJsonObject reuse = refresh(rt1);
    QCOMPARE(reuse.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QVERIFY(reuse.value(QStringLiteral("error_description")).toString().contains(QStringLiteral("revoked")));
    QCOMPARE(refresh(rt2).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(get("/api/private", {{"Authorization", "Bearer " + at2}})->status, 401);

    // Another client cannot use (or burn) a refresh token.
    const QJsonObject fresh = exchange(authorizeAsAlice(verifier), verifier);
    const QString rt3 = fresh.value(QStringLiteral("refresh_token")).toString();
    const auto stolen =
        post("/oauth/token",
             {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")}, {QStringLiteral("refresh_token"), rt3}},
             {{"Authorization", basic(kDemo, kSecret)}});
    QCOMPARE(stolen->json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QVERIFY(!refresh(rt3).value(QStringLiteral("access_token")).toString().isEmpty());

    // Expiry from the injected clock.
    const QString rt4 =
        exchange(authorizeAsAlice(verifier), verifier).value(QStringLiteral("refresh_token")).toString();
    m_clock.advanceSeconds(14 * 24 * 3600);
    const QJsonObject expired = refresh(rt4);
    m_clock.advanceSeconds(-14 * 24 * 3600);
    QCOMPARE(expired.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestOAuthProvider::pushedAuthorizationRequest()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const Form form{{QStringLiteral("response_type"), QStringLiteral("code")},
                    {QStringLiteral("client_id"), kPublic},
                    {QStringLiteral("redirect_uri"), m_redirect},
                    {QStringLiteral("scope"), QStringLiteral("openid")},
                    {QStringLiteral("state"), QStringLiteral("par-state")},
                    {QStringLiteral("code_challenge"), QString::fromLatin1(Pkce::challenge(verifier.toLatin1()))},
                    {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    const auto pushed = post("/par", form);
    QVERIFY(pushed);
    QCOMPARE(pushed->status, 201); // RFC 9126 §2.2
    const QString uri = pushed->json().value(QStringLiteral("request_uri")).toString();
    QVERIFY(uri.startsWith(QStringLiteral("urn:ietf:params:oauth:request_uri:")));
    QCOMPARE(pushed->json().value(QStringLiteral("expires_in")).toInt(), 60);
    const QByteArray authorize = "/authorize?client_id=tokenscope-public&request_uri=" + QUrl::toPercentEncoding(uri);
    const auto page = get(authorize);
    QCOMPARE(page->status, 200);
    QVERIFY(page->body.contains("127.0.0.1:49152/callback"));
    QCOMPARE(get(authorize)->status, 400); // one-time use (RFC 9126 §7.3)
    // Errors are JSON here.
    Form withUri = form;
    withUri.append(qMakePair(QStringLiteral("request_uri"), uri));
    QCOMPARE(post("/par", withUri)->json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_request"));
    Form noPkce = form;
    noPkce.removeIf([](const auto& p) { return p.first.startsWith(QLatin1String("code_challenge")); });
    QCOMPARE(post("/par", noPkce)->json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    Form confidential = form;
    confidential.removeIf([](const auto& p) { return p.first == QLatin1String("client_id"); });
    QCOMPARE(post("/par", confidential, {{"Authorization", basic(kDemo, "wrong")}})->status, 401);
    // With Basic, a different client_id in the body is a contradiction (RFC 6749 §2.3).
    QCOMPARE(
        post("/par", form, {{"Authorization", basic(kDemo, kSecret)}})->json().value(QLatin1String("error")).toString(),
        QStringLiteral("invalid_request"));
}

void TestOAuthProvider::deviceGrant()
{
    const auto started = post("/device_authorization", {{QStringLiteral("client_id"), kPublic},
                                                        {QStringLiteral("scope"), QStringLiteral("openid")}});
    QVERIFY(started);
    QCOMPARE(started->status, 200);
    const QJsonObject d = started->json();
    const QString deviceCode = d.value(QStringLiteral("device_code")).toString();
    const QString userCode = d.value(QStringLiteral("user_code")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"))
                .match(userCode)
                .hasMatch());
    QCOMPARE(d.value(QStringLiteral("verification_uri")).toString(), m_server.baseUrl() + QStringLiteral("/device"));
    QCOMPARE(d.value(QStringLiteral("verification_uri_complete")).toString(),
             m_server.baseUrl() + QStringLiteral("/device?user_code=") + userCode);
    QCOMPARE(d.value(QStringLiteral("interval")).toInt(), 5);
    QCOMPARE(d.value(QStringLiteral("expires_in")).toInt(), 600);
    auto poll = [&]() {
        return post("/oauth/token",
                    {{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                     {QStringLiteral("client_id"), kPublic},
                     {QStringLiteral("device_code"), deviceCode}})
            ->json();
    };
    QCOMPARE(poll().value(QStringLiteral("error")).toString(), QStringLiteral("authorization_pending"));
    QCOMPARE(poll().value(QStringLiteral("error")).toString(), QStringLiteral("slow_down")); // same second
    m_clock.advanceSeconds(10);                                                              // interval is now 10
    QCOMPARE(poll().value(QStringLiteral("error")).toString(), QStringLiteral("authorization_pending"));

    // The verification page: the code in lower case without the dash is the same code (RFC 8628 §6.1).
    const auto page = get("/device?user_code=" + QUrl::toPercentEncoding(userCode));
    QCOMPARE(page->status, 200);
    QVERIFY(page->body.contains(userCode.toLatin1()));
    const auto approved = post("/device",
                               {{QStringLiteral("transaction"), hidden(page->body, QStringLiteral("transaction"))},
                                {QStringLiteral("csrf"), hidden(page->body, QStringLiteral("csrf"))},
                                {QStringLiteral("user_code"), userCode.toLower().remove(QLatin1Char('-'))},
                                {QStringLiteral("username"), QStringLiteral("bob")},
                                {QStringLiteral("password"), QStringLiteral("bob")},
                                {QStringLiteral("decision"), QStringLiteral("approve")}},
                               {{"Cookie", cookieOf(*page)}});
    QCOMPARE(approved->status, 200);
    QVERIFY(approved->body.contains("Device connected"));
    m_clock.advanceSeconds(10);
    const QJsonObject tokens = poll();
    QVERIFY2(!tokens.value(QStringLiteral("access_token")).toString().isEmpty(),
             tokens.value(QLatin1String("error")).toString().toUtf8());
    QVERIFY(!tokens.value(QStringLiteral("id_token")).toString().isEmpty());
    QCOMPARE(poll().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant")); // handed out once
}

void TestOAuthProvider::deviceGrantDeniedAndExpired()
{
    auto start = [&]() { return post("/device_authorization", {{QStringLiteral("client_id"), kPublic}})->json(); };
    auto poll = [&](const QString& deviceCode) {
        return post("/oauth/token",
                    {{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                     {QStringLiteral("client_id"), kPublic},
                     {QStringLiteral("device_code"), deviceCode}})
            ->json()
            .value(QStringLiteral("error"))
            .toString();
    };
    const QJsonObject denied = start();
    const auto page = get("/device");
    QVERIFY(hidden(page->body, QStringLiteral("csrf")).size() > 20);
    const auto r = post("/device",
                        {{QStringLiteral("transaction"), hidden(page->body, QStringLiteral("transaction"))},
                         {QStringLiteral("csrf"), hidden(page->body, QStringLiteral("csrf"))},
                         {QStringLiteral("user_code"), denied.value(QStringLiteral("user_code")).toString()},
                         {QStringLiteral("decision"), QStringLiteral("deny")}},
                        {{"Cookie", cookieOf(*page)}});
    QVERIFY(r->body.contains("Device denied"));
    QCOMPARE(poll(denied.value(QStringLiteral("device_code")).toString()), QStringLiteral("access_denied"));
    // An unknown code on the page is said so; a form without the CSRF cookie is refused.
    const auto page2 = get("/device");
    const auto unknown = post("/device",
                              {{QStringLiteral("transaction"), hidden(page2->body, QStringLiteral("transaction"))},
                               {QStringLiteral("csrf"), hidden(page2->body, QStringLiteral("csrf"))},
                               {QStringLiteral("user_code"), QStringLiteral("BBBB-BBBB")},
                               {QStringLiteral("decision"), QStringLiteral("approve")}},
                              {{"Cookie", cookieOf(*page2)}});
    QCOMPARE(unknown->status, 400);
    QVERIFY(unknown->body.contains("Unknown or expired code."));
    const auto page3 = get("/device");
    QCOMPARE(post("/device", {{QStringLiteral("transaction"), hidden(page3->body, QStringLiteral("transaction"))},
                              {QStringLiteral("csrf"), hidden(page3->body, QStringLiteral("csrf"))}})
                 ->status,
             403);

    const QJsonObject expiring = start();
    m_clock.advanceSeconds(600);
    const QString error = poll(expiring.value(QStringLiteral("device_code")).toString());
    m_clock.advanceSeconds(-600);
    QCOMPARE(error, QStringLiteral("expired_token"));
    // Another client's device code is unknown to this one.
    const QJsonObject other = start();
    const auto r2 =
        post("/oauth/token",
             {{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
              {QStringLiteral("device_code"), other.value(QStringLiteral("device_code")).toString()}},
             {{"Authorization", basic(kDemo, kSecret)}});
    QCOMPARE(r2->json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestOAuthProvider::introspectionAndRevocation()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QJsonObject tokens = exchange(authorizeAsAlice(verifier), verifier);
    const QString at = tokens.value(QStringLiteral("access_token")).toString();
    const QString rt = tokens.value(QStringLiteral("refresh_token")).toString();
    const Headers demo{{"Authorization", basic(kDemo, kSecret)}};
    auto introspect = [&](const QString& token) {
        return post("/introspect", {{QStringLiteral("token"), token}}, demo)->json();
    };
    // RFC 7662 §2.1: client authentication is required; a public client cannot introspect.
    QCOMPARE(post("/introspect", {{QStringLiteral("token"), at}})->status, 401);
    QCOMPARE(post("/introspect", {{QStringLiteral("token"), at}, {QStringLiteral("client_id"), kPublic}})->status, 401);
    QCOMPARE(post("/introspect", {}, demo)->json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_request"));
    QJsonObject i = introspect(at);
    QCOMPARE(i.value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(i.value(QStringLiteral("client_id")).toString(), kPublic);
    QCOMPARE(i.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(i.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(i.value(QStringLiteral("scope")).toString(), QStringLiteral("openid profile email"));
    QCOMPARE(introspect(rt).value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(introspect(QStringLiteral("garbage")), (QJsonObject{{QStringLiteral("active"), false}}));

    // Expired access token: inactive (clock).
    m_clock.advanceSeconds(3600);
    QCOMPARE(introspect(at).value(QStringLiteral("active")).toBool(), false);
    m_clock.advanceSeconds(-3600);

    // RFC 7009: another client may not revoke it; the owner (public, by client_id) may; unknown tokens are 200.
    auto revoke = [&](const Form& form, const Headers& headers = {}) { return post("/revoke", form, headers); };
    QCOMPARE(revoke({{QStringLiteral("token"), at}}, demo)->json().value(QStringLiteral("error")).toString(),
             QStringLiteral("unauthorized_client"));
    QCOMPARE(
        revoke({{QStringLiteral("token"), QStringLiteral("unknown")}, {QStringLiteral("client_id"), kPublic}})->status,
        200);
    QCOMPARE(revoke({{QStringLiteral("client_id"), kPublic}})->json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_request"));
    QCOMPARE(revoke({{QStringLiteral("token"), at},
                     {QStringLiteral("token_type_hint"), QStringLiteral("refresh_token")}, // only a hint
                     {QStringLiteral("client_id"), kPublic}})
                 ->status,
             200);
    QCOMPARE(introspect(at).value(QStringLiteral("active")).toBool(), false);
    QCOMPARE(introspect(rt).value(QStringLiteral("active")).toBool(), true); // only that access token
    QCOMPARE(get("/userinfo", {{"Authorization", "Bearer " + at.toLatin1()}})->status, 401);
    QCOMPARE(revoke({{QStringLiteral("token"), rt}, {QStringLiteral("client_id"), kPublic}})->status, 200);
    QCOMPARE(introspect(rt).value(QStringLiteral("active")).toBool(), false);
}

void TestOAuthProvider::userInfo()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QJsonObject tokens = exchange(authorizeAsAlice(verifier, QStringLiteral("openid email")), verifier);
    const QByteArray at = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    const auto r = get("/userinfo", {{"Authorization", "Bearer " + at}});
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json(), (QJsonObject{{QStringLiteral("sub"), QStringLiteral("alice")},
                                     {QStringLiteral("email"), QStringLiteral("alice@example.com")},
                                     {QStringLiteral("email_verified"), true}}));
    QCOMPARE(post("/userinfo", {}, {{"Authorization", "Bearer " + at}})->status, 200);
    const auto none = get("/userinfo");
    QCOMPARE(none->status, 401);
    QVERIFY(none->header("WWW-Authenticate").startsWith("Bearer"));
    // A client-credentials token has no openid scope.
    const auto cc = post("/oauth/token", {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}},
                         {{"Authorization", basic(kDemo, kSecret)}});
    const auto scoped =
        get("/userinfo",
            {{"Authorization", "Bearer " + cc->json().value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(scoped->status, 403);
    QVERIFY(scoped->header("WWW-Authenticate").contains(QLatin1String("insufficient_scope")));
}

void TestOAuthProvider::dpopBoundTokens()
{
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const QString code = authorizeAsAlice(verifier);
    const QJsonObject tokens =
        exchange(code, verifier, {{"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"))}});
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("DPoP")); // RFC 9449 §5
    const QByteArray at = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    const QJsonObject claims = CompactToken::parse(at).payloadObject().value();
    QCOMPARE(claims.value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")).toString(),
             m_dpopKey.thumbprint()); // RFC 9449 §6.1, RFC 7638

    // The API: DPoP scheme + a proof with ath works once; the same proof again is a replay.
    const QByteArray p = proof(QStringLiteral("GET"), QStringLiteral("/api/private"), at);
    auto r = get("/api/private", {{"Authorization", "DPoP " + at}, {"DPoP", p}});
    QCOMPARE(r->status, 200);
    r = get("/api/private", {{"Authorization", "DPoP " + at}, {"DPoP", p}});
    QCOMPARE(r->status, 401);
    QCOMPARE(r->code(), QStringLiteral("invalid_dpop_proof"));
    QVERIFY(r->header("WWW-Authenticate").startsWith("DPoP algs=\""));
    QVERIFY(r->header("WWW-Authenticate").contains("error=\"invalid_dpop_proof\""));
    // RFC 9449 §7.2: a bound token sent as Bearer is refused.
    r = get("/api/private", {{"Authorization", "Bearer " + at}});
    QCOMPARE(r->status, 401);
    QCOMPARE(r->code(), QStringLiteral("invalid_token"));
    // A proof made with another key, or for another URL, or without ath.
    const Jwk other = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + at},
                                  {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/api/private"), at, &other)}})
                 ->code(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + at},
                                  {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/api/public"), at)}})
                 ->code(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + at},
                                  {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/api/private"))}})
                 ->code(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + at}})->code(), QStringLiteral("invalid_dpop_proof"));
    // /userinfo accepts the bound token with a proof.
    r = get("/userinfo",
            {{"Authorization", "DPoP " + at}, {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/userinfo"), at)}});
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json().value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    // Introspection says how it is bound.
    const QJsonObject i = post("/introspect", {{QStringLiteral("token"), QString::fromLatin1(at)}},
                               {{"Authorization", basic(kDemo, kSecret)}})
                              ->json();
    QCOMPARE(i.value(QStringLiteral("token_type")).toString(), QStringLiteral("DPoP"));
    QCOMPARE(i.value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")).toString(), m_dpopKey.thumbprint());

    // The public client's refresh token is bound to the key (RFC 9449 §5): another key, or none, cannot use it.
    const QString rt = tokens.value(QStringLiteral("refresh_token")).toString();
    auto refresh = [&](const Headers& headers) {
        return post("/oauth/token",
                    {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                     {QStringLiteral("client_id"), kPublic},
                     {QStringLiteral("refresh_token"), rt}},
                    headers)
            ->json();
    };
    QCOMPARE(refresh({{"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"), {}, &other)}})
                 .value(QLatin1String("error"))
                 .toString(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(refresh({}).value(QLatin1String("error")).toString(), QStringLiteral("invalid_dpop_proof"));
    const QJsonObject rotated = refresh({{"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"))}});
    QCOMPARE(rotated.value(QStringLiteral("token_type")).toString(), QStringLiteral("DPoP"));
    // Bearer tokens still work in "allowed" mode.
    const auto cc = post("/oauth/token", {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}},
                         {{"Authorization", basic(kDemo, kSecret)}});
    QCOMPARE(cc->json().value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(get("/api/private",
                 {{"Authorization", "Bearer " + cc->json().value(QLatin1String("access_token")).toString().toLatin1()}})
                 ->status,
             200);
    // An unbound token with the DPoP scheme is not DPoP-bound.
    const QByteArray bearer = cc->json().value(QLatin1String("access_token")).toString().toLatin1();
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + bearer},
                                  {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/api/private"), bearer)}})
                 ->code(),
             QStringLiteral("invalid_token"));
}

void TestOAuthProvider::dpopErrors()
{
    const Headers demo{{"Authorization", basic(kDemo, kSecret)}};
    const Form cc{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    auto withProof = [&](const QByteArray& p) {
        Headers h = demo;
        h.append({"DPoP", p});
        return post("/oauth/token", cc, h);
    };
    QCOMPARE(withProof("not-a-jwt")->json().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(withProof(proof(QStringLiteral("GET"), QStringLiteral("/oauth/token")))
                 ->json()
                 .value(QLatin1String("error"))
                 .toString(),
             QStringLiteral("invalid_dpop_proof"));
    QCOMPARE(withProof(proof(QStringLiteral("POST"), QStringLiteral("/par")))
                 ->json()
                 .value(QLatin1String("error"))
                 .toString(),
             QStringLiteral("invalid_dpop_proof"));
    const QByteArray old = proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"));
    m_clock.advanceSeconds(301);
    const QString tooOld = withProof(old)->json().value(QLatin1String("error_description")).toString();
    m_clock.advanceSeconds(-301);
    QVERIFY2(tooOld.contains(QStringLiteral("too old")), qPrintable(tooOld));
    Headers two = demo;
    two.append({"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"))});
    two.append({"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"))});
    QCOMPARE(post("/oauth/token", cc, two)->json().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_dpop_proof"));
    const auto ok = withProof(proof(QStringLiteral("POST"), QStringLiteral("/oauth/token")));
    QCOMPARE(ok->json().value(QLatin1String("token_type")).toString(), QStringLiteral("DPoP"));
}

void TestOAuthProvider::dpopRequiredAndOff()
{
    MockApiServer required;
    ServerConfig c = config();
    c.dpopMode = DpopMode::Required;
    QVERIFY(required.start(c).ok());
    const Headers demo{{"Authorization", basic(kDemo, kSecret)}};
    const Form cc{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    QCOMPARE(post("/oauth/token", cc, demo, &required)->json().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_dpop_proof"));
    Headers h = demo;
    h.append({"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"), {}, nullptr, &required)});
    const QByteArray at =
        post("/oauth/token", cc, h, &required)->json().value(QLatin1String("access_token")).toString().toLatin1();
    QVERIFY(!at.isEmpty());
    auto r = get("/api/private", {{"Authorization", "Bearer " + at}}, &required);
    QCOMPARE(r->status, 401);
    QVERIFY(r->header("WWW-Authenticate").startsWith("DPoP "));
    const QByteArray bearerToken = required.embeddedIssuer()
                                       ->mint(required.embeddedIssuer()->preset(MintPreset::Valid, required.audience(),
                                                                                QStringLiteral("read:messages")))
                                       .value();
    QCOMPARE(get("/api/private", {{"Authorization", "Bearer " + bearerToken}}, &required)->status, 401);
    r = get("/api/private",
            {{"Authorization", "DPoP " + at},
             {"DPoP", proof(QStringLiteral("GET"), QStringLiteral("/api/private"), at, nullptr, &required)}},
            &required);
    QCOMPARE(r->status, 200);
    required.stop();

    MockApiServer off;
    c.dpopMode = DpopMode::Off;
    QVERIFY(off.start(c).ok());
    h = demo;
    h.append({"DPoP", proof(QStringLiteral("POST"), QStringLiteral("/oauth/token"), {}, nullptr, &off)});
    const QJsonObject t = post("/oauth/token", cc, h, &off)->json();
    QCOMPARE(t.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer")); // the header is ignored
    const QByteArray offToken = t.value(QLatin1String("access_token")).toString().toLatin1();
    QCOMPARE(get("/api/private", {{"Authorization", "DPoP " + offToken}}, &off)->code(),
             QStringLiteral("invalid_header"));
    QCOMPARE(get("/.well-known/openid-configuration", {}, &off)
                 ->json()
                 .contains(QLatin1String("dpop_signing_alg_values_supported")),
             false);
}

void TestOAuthProvider::autoApprove()
{
    MockApiServer server;
    ServerConfig c = config();
    c.autoApproveUser = QStringLiteral("bob");
    QVERIFY(server.start(c).ok());
    const QString verifier = QString::fromLatin1(Pkce::newVerifier().value());
    const auto r = get("/authorize?response_type=code&client_id=tokenscope-public&state=x&scope=openid&redirect_uri="
                       "http%3A%2F%2F%5B%3A%3A1%5D%3A4000%2Fcallback&code_challenge_method=plain&code_challenge=" +
                           verifier.toLatin1(),
                       {}, &server);
    QCOMPARE(r->status, 302); // no page
    QVERIFY(r->header("Location").startsWith("http://[::1]:4000/callback?code="));
    const QString code = locationQuery(*r).queryItemValue(QStringLiteral("code"));
    const auto tokens = post("/oauth/token",
                             {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                              {QStringLiteral("client_id"), kPublic},
                              {QStringLiteral("code"), code},
                              {QStringLiteral("redirect_uri"), QStringLiteral("http://[::1]:4000/callback")},
                              {QStringLiteral("code_verifier"), verifier}},
                             {}, &server);
    const QByteArray id = tokens->json().value(QLatin1String("id_token")).toString().toLatin1();
    QCOMPARE(CompactToken::parse(id).payloadObject()->value(QLatin1String("sub")).toString(), QStringLiteral("bob"));
    const QJsonObject device =
        post("/device_authorization", {{QStringLiteral("client_id"), kPublic}}, {}, &server)->json();
    const auto page =
        get("/device?user_code=" + device.value(QLatin1String("user_code")).toString().toLatin1(), {}, &server);
    QVERIFY(page->body.contains("Device connected"));
    server.stop();

    c.autoApproveUser = QStringLiteral("mallory");
    const auto refused = server.start(c);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Usage);
}

void TestOAuthProvider::badFiles()
{
    QTemporaryDir dir;
    int n = 0;
    auto write = [&](const QByteArray& text) {
        QFile f(dir.filePath(QStringLiteral("f%1.json").arg(++n)));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(text);
        }
        return f.fileName();
    };
    auto clientsError = [&](const QByteArray& text) {
        ClientRegistry registry;
        const auto loaded = registry.loadFile(write(text));
        return loaded.ok() ? ErrorCode::None : loaded.error().code;
    };
    auto usersError = [&](const QByteArray& text) {
        const auto loaded = UserDirectory::fromFile(write(text));
        return loaded.ok() ? ErrorCode::None : loaded.error().code;
    };
    ClientRegistry registry;
    QCOMPARE(registry.loadFile(dir.filePath(QStringLiteral("missing.json"))).error().code, ErrorCode::Io);
    const QByteArray notJson = "{";
    const QByteArray noId = R"({"clients":[{"client_secret":"x"}]})";
    // RFC 6749 §4.4: client credentials for confidential clients only.
    const QByteArray publicMachine = R"({"clients":[{"client_id":"p","grant_types":["client_credentials"]}]})";
    const QByteArray fragment = R"({"clients":[{"client_id":"p","redirect_uris":["https://a.example/cb#frag"]}]})";
    const QByteArray unknownGrant = R"({"clients":[{"client_id":"p","grant_types":["password"]}]})";
    const QByteArray good = R"({"clients":[{"client_id":"p","redirect_uris":["https://a.example/cb"]}]})";
    QCOMPARE(clientsError(notJson), ErrorCode::JsonInvalid);
    QCOMPARE(clientsError(noId), ErrorCode::Usage);
    QCOMPARE(clientsError(publicMachine), ErrorCode::Usage);
    QCOMPARE(clientsError(fragment), ErrorCode::Usage);
    QCOMPARE(clientsError(unknownGrant), ErrorCode::Usage);
    QCOMPARE(clientsError(good), ErrorCode::None);

    const QByteArray noUsers = R"({"users":[]})";
    const QByteArray twice = R"({"users":[{"username":"a","password":"b"},{"username":"a","password":"c"}]})";
    const QByteArray noPassword = R"({"users":[{"username":"a"}]})";
    const QByteArray carol = R"({"users":[{"username":"carol","password":"pw","claims":{"email":"c@x"}}]})";
    QCOMPARE(usersError(noUsers), ErrorCode::Usage);
    QCOMPARE(usersError(twice), ErrorCode::Usage);
    QCOMPARE(usersError(noPassword), ErrorCode::Usage);
    const auto users = UserDirectory::fromFile(write(carol));
    QVERIFY(users.ok());
    QVERIFY(users->authenticate(QStringLiteral("carol"), QStringLiteral("pw")));
    QVERIFY(!users->authenticate(QStringLiteral("carol"), QStringLiteral("pW")));
    QVERIFY(!users->find(QStringLiteral("alice")));
}

void TestOAuthProvider::grantStorePurgesExpired()
{
    GrantStore store;
    CodeGrant expiring;
    expiring.expiresAt = 100;
    CodeGrant living;
    living.expiresAt = 10000;
    const QString old = store.addCode(expiring);
    const QString fresh = store.addCode(living);
    RefreshGrant unused;
    QCOMPARE(store.redeemRefreshToken(QStringLiteral("none"), 200, &unused), GrantStore::Redeem::Unknown); // now=200
    CodeGrant out;
    for (int i = 0; i < 1024; ++i) {
        store.addTransaction(LoginTransaction{std::nullopt, QString(), QStringLiteral("c"), 300});
    }
    // The expired code is gone (unknown, no longer "expired"); the living one is kept.
    QCOMPARE(store.redeemCode(old, 200, &out), GrantStore::Redeem::Unknown);
    QCOMPARE(store.redeemCode(fresh, 200, &out), GrantStore::Redeem::Ok);
}

QTEST_GUILESS_MAIN(TestOAuthProvider)
#include "TestOAuthProvider.moc"
