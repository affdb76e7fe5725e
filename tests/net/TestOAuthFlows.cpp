// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "http/TcpHttpTransport.h"
#include "jose/CompactToken.h"
#include "net/AuthorizationCodeFlow.h"
#include "net/DeviceAuthorizationFlow.h"
#include "net/LoopbackRedirectListener.h"
#include "server/ClientRegistry.h"
#include "support/ServerTestSupport.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <deque>
#include <mutex>

/// The authorization code and device flows' rules without a real authorization server: the authorization
/// response checks (state, RFC 9207 iss, RFC 6749 §4.1.2.1 errors), the authorization request's parameters, the
/// loopback listener's page, and the RFC 8628 polling rules (authorization_pending, slow_down +5 s, access_denied,
/// expired_token, the device code's own expiry, cancel) against a scripted token endpoint, with the scheduler and
/// the clock injected (no sleeping); the legacy implicit grant's fragment checks and, against the embedded provider,
/// its loopback relay page. Against panva's oidc-provider: TestOAuthInterop.
class TestOAuthFlows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void checkResponse_data();
    void checkResponse();
    void authorizationParametersCarryPkceStateNonce();
    void listenerDeliversOnceAndAnswersWithAPage();
    void implicitResponse_data();
    void implicitResponse();
    void implicitAgainstTheEmbeddedProvider_data();
    void implicitAgainstTheEmbeddedProvider();
    void deviceUserCodeSurfacedExactly();
    void devicePendingThenSlowDownThenToken();
    void deviceAccessDenied();
    void deviceExpiredTokenFromServer();
    void deviceExpiresByTheClock();
    void deviceCancelStopsPolling();
    void deviceMissingUserCodeIsInvalid();

private:
    /// A token endpoint and device endpoint answering from queues (thread-safe: the transport's worker answers).
    struct Script
    {
        std::mutex mutex;
        std::deque<QByteArray> device;
        std::deque<QPair<int, QByteArray>> token;
        QList<QByteArray> tokenBodies;
    };
    DeviceAuthorizationRequest deviceRequest() const;
    Result<TokenGrant> runDevice(DeviceAuthorizationFlow& flow, QList<qint64>* delays = nullptr,
                                 const std::function<void(int)>& beforePoll = {});

    std::shared_ptr<Script> m_script;
    std::unique_ptr<TcpHttpTransport> m_server;
    MockClock m_clock{1'700'000'000};
};

void TestOAuthFlows::init()
{
    m_script = std::make_shared<Script>();
    m_server = std::make_unique<TcpHttpTransport>();
    TransportConfig config;
    config.workerThreads = 1;
    auto script = m_script;
    const auto started = m_server->start(config, [script](const HttpRequest& request) {
        const std::lock_guard lock(script->mutex);
        if (request.path == "/device" && !script->device.empty()) {
            QByteArray body = script->device.front();
            script->device.pop_front();
            return HttpResponse(200, QByteArrayLiteral("application/json"), body);
        }
        if (request.path == "/token" && !script->token.empty()) {
            script->tokenBodies.append(request.body);
            const auto [status, body] = script->token.front();
            script->token.pop_front();
            return HttpResponse(status, QByteArrayLiteral("application/json"), body);
        }
        return HttpResponse::text(404, QByteArrayLiteral("not scripted\n"));
    });
    QVERIFY(started.ok());
}

void TestOAuthFlows::cleanup()
{
    m_server->stop();
}

void TestOAuthFlows::checkResponse_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("issRequired");
    QTest::addColumn<QString>("reason"); // empty: accepted
    QTest::newRow("RFC 6749 §4.1.2 code") << QStringLiteral("code=abc&state=S") << false << QString();
    QTest::newRow("RFC 9207 §2.4 matching iss")
        << QStringLiteral("code=abc&state=S&iss=https%3A%2F%2Fas.example") << true << QString();
    QTest::newRow("RFC 9207 §2.4 other iss")
        << QStringLiteral("code=abc&state=S&iss=https%3A%2F%2Fevil.example") << false << QStringLiteral("iss_mismatch");
    QTest::newRow("RFC 9207 §2.4 iss missing though advertised")
        << QStringLiteral("code=abc&state=S") << true << QStringLiteral("iss_missing");
    QTest::newRow("RFC 6749 §10.12 state mismatch")
        << QStringLiteral("code=abc&state=T") << false << QStringLiteral("state_mismatch");
    QTest::newRow("RFC 6749 §10.12 state missing")
        << QStringLiteral("code=abc") << false << QStringLiteral("state_mismatch");
    QTest::newRow("RFC 6749 §4.1.2.1 access_denied")
        << QStringLiteral("error=access_denied&state=S") << false << QStringLiteral("access_denied");
    QTest::newRow("RFC 6749 §4.1.2 no code") << QStringLiteral("state=S") << false << QStringLiteral("invalid_request");
    QTest::newRow("a forged error with the wrong iss")
        << QStringLiteral("error=access_denied&state=S&iss=x") << false << QStringLiteral("iss_mismatch");
}

void TestOAuthFlows::checkResponse()
{
    QFETCH(QString, query);
    QFETCH(bool, issRequired);
    QFETCH(QString, reason);
    const auto code = AuthorizationCodeFlow::checkResponse(QUrlQuery(query), QStringLiteral("S"),
                                                           QStringLiteral("https://as.example"), issRequired);
    if (reason.isEmpty()) {
        QVERIFY2(code.ok(), qPrintable(code.ok() ? QString() : code.error().toString()));
        QCOMPARE(code.value(), QStringLiteral("abc"));
        return;
    }
    QVERIFY(!code.ok());
    QCOMPARE(code.error().code, ErrorCode::OAuthError);
    QCOMPARE(code.error().reason, reason);
}

void TestOAuthFlows::authorizationParametersCarryPkceStateNonce()
{
    AuthorizationCodeRequest r;
    r.token.client.clientId = QStringLiteral("my app");
    r.scope = QStringLiteral("openid  profile");
    const QUrlQuery q = AuthorizationCodeFlow::authorizationParameters(
        r, QStringLiteral("http://127.0.0.1:8123/callback"), QStringLiteral("st+1"), QStringLiteral("n"),
        QStringLiteral("chal"));
    QCOMPARE(q.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), QStringLiteral("my app"));
    QCOMPARE(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:8123/callback"));
    QCOMPARE(q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), QStringLiteral("openid profile"));
    QCOMPARE(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded), QStringLiteral("st%2B1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("nonce")), QStringLiteral("n"));
    QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge")), QStringLiteral("chal"));
    QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    const QUrlQuery off = AuthorizationCodeFlow::authorizationParameters(r, QStringLiteral("x"), QStringLiteral("s"),
                                                                         QStringLiteral("n"), {});
    QVERIFY(!off.hasQueryItem(QStringLiteral("code_challenge")));
    QVERIFY(!off.hasQueryItem(QStringLiteral("code_challenge_method")));
}

void TestOAuthFlows::listenerDeliversOnceAndAnswersWithAPage()
{
    LoopbackRedirectListener listener;
    QVERIFY(listener.start().ok());
    const QString uri = listener.redirectUri();
    QVERIFY(uri.startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(uri.endsWith(QLatin1String("/callback")));
    QSignalSpy spy(&listener, &LoopbackRedirectListener::received);
    HttpRequestSpec get;
    get.url = uri + QStringLiteral("?code=c%2B1&state=s");
    const HttpClientResponse first = HttpClient::sendAndWait(get);
    QCOMPARE(first.status, 200);
    QVERIFY(first.body.contains("You can close this window"));
    QVERIFY(!first.body.contains("c+1")); // nothing from the query is echoed
    const HttpClientResponse again = HttpClient::sendAndWait(get);
    QCOMPARE(again.status, 200);
    HttpRequestSpec favicon;
    favicon.url = uri.left(uri.lastIndexOf(QLatin1Char('/'))) + QStringLiteral("/favicon.ico");
    QCOMPARE(HttpClient::sendAndWait(favicon).status, 404);
    QTRY_COMPARE(spy.size(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(spy.size(), 1); // once, however often the page is loaded
    QCOMPARE(spy.at(0).at(0).value<QUrlQuery>().queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded),
             QStringLiteral("c+1"));
}

void TestOAuthFlows::implicitResponse_data()
{
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<QString>("reason"); // empty: accepted
    QTest::newRow("RFC 6749 §4.2.2 token")
        << QStringLiteral("access_token=at%2B1&token_type=Bearer&expires_in=60&scope=a%20b&state=S") << QString();
    QTest::newRow("RFC 6749 §10.12 state mismatch")
        << QStringLiteral("access_token=at&token_type=Bearer&state=T") << QStringLiteral("state_mismatch");
    QTest::newRow("RFC 6749 §4.2.2.1 access_denied")
        << QStringLiteral("error=access_denied&error_description=no&state=S") << QStringLiteral("access_denied");
    QTest::newRow("RFC 9207 §2.4 other iss")
        << QStringLiteral("access_token=at&token_type=Bearer&state=S&iss=x") << QStringLiteral("iss_mismatch");
    QTest::newRow("no access_token") << QStringLiteral("token_type=Bearer&state=S")
                                     << QStringLiteral("invalid_request");
    QTest::newRow("no token_type") << QStringLiteral("access_token=at&state=S") << QStringLiteral("invalid_request");
    QTest::newRow("expires_in not a number")
        << QStringLiteral("access_token=at&token_type=Bearer&expires_in=soon&state=S")
        << QStringLiteral("invalid_request");
    QTest::newRow("expires_in negative") << QStringLiteral("access_token=at&token_type=Bearer&expires_in=-5&state=S")
                                         << QStringLiteral("invalid_request");
}

void TestOAuthFlows::implicitResponse()
{
    QFETCH(QString, fragment);
    QFETCH(QString, reason);
    const auto grant = AuthorizationCodeFlow::checkImplicitResponse(QUrlQuery(fragment), QStringLiteral("S"),
                                                                    QStringLiteral("https://as.example"), false);
    if (!reason.isEmpty()) {
        QVERIFY(!grant.ok());
        QCOMPARE(grant.error().code, ErrorCode::OAuthError);
        QCOMPARE(grant.error().reason, reason);
        return;
    }
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QCOMPARE(grant->accessToken, QStringLiteral("at+1"));
    QCOMPARE(grant->tokenType, QStringLiteral("Bearer"));
    QCOMPARE(grant->expiresIn, qint64(60));
    QCOMPARE(grant->scope, QStringLiteral("a b"));
    QVERIFY(grant->refreshToken.isEmpty());
    QCOMPARE(grant->raw.value(QLatin1String("expires_in")).toInteger(), qint64(60));
}

void TestOAuthFlows::implicitAgainstTheEmbeddedProvider_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("forgeState");
    QTest::addColumn<QString>("reason"); // empty: a token
    QTest::newRow("tokenscope-public: token")
        << QString::fromLatin1(ClientRegistry::kPublicClientId) << false << QString();
    QTest::newRow("forged state") << QString::fromLatin1(ClientRegistry::kPublicClientId) << true
                                  << QStringLiteral("state_mismatch");
    QTest::newRow("client without implicit: error in the fragment")
        << QStringLiteral("tokenscope-demo") << false << QStringLiteral("unauthorized_client");
}

void TestOAuthFlows::implicitAgainstTheEmbeddedProvider()
{
    // The legacy implicit grant end to end: the embedded provider (auto-approving alice) redirects with the token in
    // the fragment; a browser without JavaScript does what the listener's relay page does (GET the page, POST the
    // fragment back to its data-fragment-post path), so the page is what a real browser would get.
    QFETCH(QString, clientId);
    QFETCH(bool, forgeState);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MockApiServer provider;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    config.autoApproveUser = QStringLiteral("alice");
    const QString startError = ServerTestSupport::startError(provider, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    QByteArray relayPage;
    int relayStatus = 0;
    QUrl opened;
    const BrowserLauncher browser([&](const QUrl& url) {
        opened = url;
        QTimer::singleShot(0, this, [&, url] {
            HttpRequestSpec authorize;
            authorize.url = url.toString(QUrl::FullyEncoded);
            authorize.followRedirects = false;
            const QUrl location(QString::fromLatin1(HttpClient::sendAndWait(authorize).headerValue("Location")));
            HttpRequestSpec page;
            page.url = location.toString(QUrl::RemoveFragment | QUrl::FullyEncoded);
            relayPage = HttpClient::sendAndWait(page).body;
            QString fragment = location.fragment(QUrl::FullyEncoded);
            if (forgeState)
                fragment.replace(QStringLiteral("state="), QStringLiteral("state=forged"));
            HttpRequestSpec relay;
            relay.method = QStringLiteral("POST");
            relay.url = page.url; // data-fragment-post="/callback", checked below
            relay.bodyKind = HttpRequestSpec::BodyKind::Raw;
            relay.rawType = HttpRequestSpec::RawType::Text;
            relay.rawBody = fragment;
            relay.headers.append(
                {QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"), true});
            relayStatus = HttpClient::sendAndWait(relay).status;
        });
        return Result<void>::success();
    });
    AuthorizationCodeRequest request;
    request.implicit = true;
    request.authorizeUrl = provider.baseUrl() + QStringLiteral("/authorize");
    request.issuer = provider.issuer();
    request.issRequired = true;
    request.token.client.clientId = clientId;
    request.token.client.method = AuthProfile::ClientAuth::None;
    request.scope = QStringLiteral("openid");
    request.timeoutMs = 30'000; // a bound for a broken test, not a timing assertion
    const Result<AuthorizationCodeResult> result = AuthorizationCodeFlow::runAndWait(request, browser);
    provider.stop();
    const QUrlQuery asked(opened);
    QCOMPARE(asked.queryItemValue(QStringLiteral("response_type")), QStringLiteral("token"));
    QVERIFY(!asked.hasQueryItem(QStringLiteral("code_challenge"))); // no token request for a verifier
    QVERIFY(relayPage.contains("data-fragment-post=\"/callback\""));
    QVERIFY(relayPage.contains("location.hash"));
    QCOMPARE(relayStatus, 200);
    if (!reason.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::OAuthError);
        QCOMPARE(result.error().reason, reason);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    QCOMPARE(result->grant.tokenType, QStringLiteral("Bearer"));
    QCOMPARE(result->grant.expiresIn, qint64(3600)); // ProviderContext::accessTokenLifetime
    QCOMPARE(result->grant.scope, QStringLiteral("openid"));
    QVERIFY(result->grant.refreshToken.isEmpty());
    QVERIFY(!relayPage.contains(result->grant.accessToken.toLatin1()));
    const auto claims = CompactToken::parse(result->grant.accessToken.toLatin1()).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

DeviceAuthorizationRequest TestOAuthFlows::deviceRequest() const
{
    DeviceAuthorizationRequest r;
    r.deviceAuthorizationUrl = QStringLiteral("http://127.0.0.1:%1/device").arg(m_server->port());
    r.token.tokenUrl = QStringLiteral("http://127.0.0.1:%1/token").arg(m_server->port());
    r.token.client.clientId = QStringLiteral("tv");
    r.token.client.method = AuthProfile::ClientAuth::None;
    r.scope = QStringLiteral("openid");
    return r;
}

Result<TokenGrant> TestOAuthFlows::runDevice(DeviceAuthorizationFlow& flow, QList<qint64>* delays,
                                             const std::function<void(int)>& beforePoll)
{
    flow.setClock(&m_clock);
    int polls = 0;
    flow.setScheduler([&, delays](qint64 delayMs, std::function<void()> callback) {
        if (delays)
            delays->append(delayMs);
        m_clock.setSeconds(m_clock.nowSeconds() + delayMs / 1000); // time passes only in the mock clock
        if (beforePoll)
            beforePoll(++polls);
        QTimer::singleShot(0, &flow, std::move(callback));
    });
    Result<TokenGrant> out(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    connect(&flow, &DeviceAuthorizationFlow::finished, &loop, [&](const Result<TokenGrant>& r) {
        out = r;
        loop.quit();
    });
    flow.start(deviceRequest());
    loop.exec();
    return out;
}

namespace {
const QByteArray kDevice =
    R"({"device_code":"dc1","user_code":"WDJB-MJHT","verification_uri":"https://as.example/device",
    "verification_uri_complete":"https://as.example/device?user_code=WDJB-MJHT","expires_in":1800,"interval":5})";
QPair<int, QByteArray> oauthError(const char* code)
{
    return {400, QByteArray(R"({"error":")") + code + R"("})"};
}
} // namespace

void TestOAuthFlows::deviceUserCodeSurfacedExactly()
{
    m_script->device.push_back(kDevice);
    m_script->token.push_back({200, R"({"access_token":"at","token_type":"Bearer"})"});
    DeviceAuthorizationFlow flow;
    DeviceAuthorization shown;
    connect(&flow, &DeviceAuthorizationFlow::userCodeReady, this,
            [&shown](const DeviceAuthorization& a) { shown = a; });
    const auto grant = runDevice(flow);
    QVERIFY(grant.ok());
    // RFC 8628 §3.3: shown as sent, not reformatted.
    QCOMPARE(shown.userCode, QStringLiteral("WDJB-MJHT"));
    QCOMPARE(shown.verificationUri, QStringLiteral("https://as.example/device"));
    QCOMPARE(shown.verificationUriComplete, QStringLiteral("https://as.example/device?user_code=WDJB-MJHT"));
    QCOMPARE(shown.expiresIn, 1800);
    // RFC 8628 §3.4: the poll carries the device code and the grant type.
    QCOMPARE(m_script->tokenBodies.size(), 1);
    QVERIFY2(m_script->tokenBodies.at(0).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"),
             m_script->tokenBodies.at(0).constData());
    QVERIFY(m_script->tokenBodies.at(0).contains("device_code=dc1"));
}

void TestOAuthFlows::devicePendingThenSlowDownThenToken()
{
    m_script->device.push_back(kDevice);
    m_script->token.push_back(oauthError("authorization_pending"));
    m_script->token.push_back(oauthError("slow_down"));
    m_script->token.push_back(oauthError("authorization_pending"));
    m_script->token.push_back({200, R"({"access_token":"at","token_type":"Bearer","refresh_token":"rt"})"});
    DeviceAuthorizationFlow flow;
    QList<qint64> delays;
    const auto grant = runDevice(flow, &delays);
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QCOMPARE(grant->refreshToken, QStringLiteral("rt"));
    QCOMPARE(flow.pollCount(), 4);
    // interval 5 s; after slow_down 5 + 5 = 10 s for every later poll (RFC 8628 §3.5).
    QCOMPARE(delays, (QList<qint64>{5000, 5000, 10000, 10000}));
}

void TestOAuthFlows::deviceAccessDenied()
{
    m_script->device.push_back(kDevice);
    m_script->token.push_back(oauthError("authorization_pending"));
    m_script->token.push_back(oauthError("access_denied"));
    DeviceAuthorizationFlow flow;
    const auto grant = runDevice(flow);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::OAuthError);
    QCOMPARE(grant.error().reason, QStringLiteral("access_denied"));
    QCOMPARE(flow.pollCount(), 2);
}

void TestOAuthFlows::deviceExpiredTokenFromServer()
{
    m_script->device.push_back(kDevice);
    m_script->token.push_back(oauthError("expired_token"));
    DeviceAuthorizationFlow flow;
    const auto grant = runDevice(flow);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().reason, QStringLiteral("expired_token"));
}

void TestOAuthFlows::deviceExpiresByTheClock()
{
    m_script->device.push_back(
        R"({"device_code":"d","user_code":"U","verification_uri":"https://as.example/d","expires_in":12,"interval":5})");
    for (int i = 0; i < 5; ++i)
        m_script->token.push_back(oauthError("authorization_pending"));
    DeviceAuthorizationFlow flow;
    const auto grant = runDevice(flow);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().reason, QStringLiteral("expired_token"));
    QCOMPARE(flow.pollCount(), 2); // at +5 s and +10 s; at +15 s the code had expired (12 s), no third poll
}

void TestOAuthFlows::deviceCancelStopsPolling()
{
    m_script->device.push_back(kDevice);
    for (int i = 0; i < 5; ++i)
        m_script->token.push_back(oauthError("authorization_pending"));
    DeviceAuthorizationFlow flow;
    const auto grant = runDevice(flow, nullptr, [&flow](int poll) {
        if (poll == 2)
            flow.cancel();
    });
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::Cancelled);
    QCOMPARE(flow.pollCount(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(flow.pollCount(), 1); // the scheduled poll did not run after the cancel
}

void TestOAuthFlows::deviceMissingUserCodeIsInvalid()
{
    m_script->device.push_back(R"({"device_code":"d","verification_uri":"https://as.example/d","expires_in":60})");
    DeviceAuthorizationFlow flow;
    const auto grant = runDevice(flow);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::JsonInvalid);
    QCOMPARE(grant.error().claim, QStringLiteral("user_code"));
}

QTEST_GUILESS_MAIN(TestOAuthFlows)
#include "TestOAuthFlows.moc"
