// SPDX-License-Identifier: MIT
#include "jose/CompactToken.h"
#include "jose/DpopProof.h"
#include "jose/Jwk.h"
#include "net/AuthServerMetadata.h"
#include "net/AuthorizationCodeFlow.h"
#include "net/DeviceAuthorizationFlow.h"
#include "net/MetadataResolver.h"
#include "net/RequestSession.h"
#include "net/TokenEndpointClient.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

Q_DECLARE_METATYPE(AuthProfile::ClientAuth)

/// The OAuth client against panva's oidc-provider (a certified OpenID provider nobody here wrote, pinned in
/// tests/interop/package.json) started on a loopback port by tests/interop/oauth-provider.mjs: metadata discovery,
/// the client credentials grant with every client authentication that grant allows (client_secret_basic with a
/// secret that needs RFC 6749 §2.3.1 form-encoding, client_secret_post, client_secret_jwt, private_key_jwt) and the
/// server's RFC 6749 §5.2 refusals; the authorization code grant with PKCE (and with PAR) through the loopback
/// redirect listener and a scripted browser (tests/interop/scripted-browser.mjs as $BROWSER, which logs in and
/// consents on the provider's devInteractions pages), refresh with rotation, and the device authorization grant with
/// the user code confirmed over HTTP by the same script. Skipped when node or tests/interop/node_modules is absent.
class TestOAuthInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void discovery();
    void clientCredentials_data();
    void clientCredentials();
    void wrongSecretIsInvalidClient();
    void wrongAssertionKeyIsInvalidClient();
    void unknownScopeIsNotGranted();
    void authorizationCodeWithPkce();
    void refreshRotates();
    void authorizationCodeWithPar();
    void deviceFlow();
    void cliAuthorizationCode();
    void cliDeviceCode();
    void dpopClientCredentials();
    void dpopAuthorizationCodeAndUserinfo();

private:
    BrowserLauncher scriptedBrowser() const;
    AuthorizationCodeRequest codeRequest(const QString& clientId) const;

    TokenEndpointRequest request(const QString& clientId, AuthProfile::ClientAuth method) const;

    QTemporaryDir m_dir;
    QProcess m_provider;
    QString m_issuer;
    QString m_node;
    QString m_tokenUrl;
    QString m_parUrl;
    Jwk m_clientKey;
    QString m_refreshToken; // from authorizationCodeWithPkce, for refreshRotates
};

namespace {
const QString kSecret = QStringLiteral("s3cret:with+chars and spaces %25 0123456789abcdef0123456789");

QJsonObject client(const QString& id, const QString& method)
{
    QJsonObject c{{QStringLiteral("client_id"), id},
                  {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("client_credentials")}},
                  {QStringLiteral("redirect_uris"), QJsonArray()},
                  {QStringLiteral("response_types"), QJsonArray()},
                  {QStringLiteral("scope"), QStringLiteral("api:read")},
                  {QStringLiteral("token_endpoint_auth_method"), method}};
    if (method != QLatin1String("private_key_jwt"))
        c.insert(QStringLiteral("client_secret"), kSecret);
    return c;
}
} // namespace

void TestOAuthInterop::initTestCase()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QDir dir(QStringLiteral(TOKENSCOPE_INTEROP_DIR));
    if (node.isEmpty())
        QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
    if (!dir.exists(QStringLiteral("node_modules/oidc-provider/package.json")))
        QSKIP("tests/interop/node_modules is absent: run `npm ci` in tests/interop (scripts/install-deps.sh does)");
    m_node = node;
    QVERIFY(m_dir.isValid());
    auto generated = AsymmetricKey::generateCurve(Curve::P256);
    QVERIFY(generated.ok());
    m_clientKey = Jwk::fromKey(generated.value());
    QJsonObject keyClient = client(QStringLiteral("cc-private-key-jwt"), QStringLiteral("private_key_jwt"));
    keyClient.insert(QStringLiteral("jwks"),
                     QJsonObject{{QStringLiteral("keys"), QJsonArray{m_clientKey.publicJwk().toJson()}}});
    const QJsonObject config{
        {QStringLiteral("clients"),
         QJsonArray{
             client(QStringLiteral("cc-basic"), QStringLiteral("client_secret_basic")),
             client(QStringLiteral("cc-post"), QStringLiteral("client_secret_post")),
             client(QStringLiteral("cc-secret-jwt"), QStringLiteral("client_secret_jwt")), keyClient,
             // RFC 8252 native clients: a loopback redirect URI matches any port (§7.3).
             QJsonObject{{QStringLiteral("client_id"), QStringLiteral("code-public")},
                         {QStringLiteral("application_type"), QStringLiteral("native")},
                         {QStringLiteral("grant_types"),
                          QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
                         {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://127.0.0.1/callback")}},
                         {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
                         {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")}},
             QJsonObject{{QStringLiteral("client_id"), QStringLiteral("code-par")},
                         {QStringLiteral("client_secret"), kSecret},
                         {QStringLiteral("application_type"), QStringLiteral("native")},
                         {QStringLiteral("require_pushed_authorization_requests"), true},
                         {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("authorization_code")}},
                         {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://127.0.0.1/callback")}},
                         {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
                         {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_basic")}},
             QJsonObject{{QStringLiteral("client_id"), QStringLiteral("device-public")},
                         {QStringLiteral("application_type"), QStringLiteral("native")},
                         {QStringLiteral("grant_types"),
                          QJsonArray{QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"),
                                     QStringLiteral("refresh_token")}},
                         {QStringLiteral("redirect_uris"), QJsonArray()},
                         {QStringLiteral("response_types"), QJsonArray()},
                         {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")}}}}};
    QFile file(m_dir.filePath(QStringLiteral("provider.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(config).toJson());
    file.close();
    m_provider.setWorkingDirectory(dir.absolutePath());
    m_provider.setProcessChannelMode(QProcess::SeparateChannels);
    m_provider.start(node, {dir.absoluteFilePath(QStringLiteral("oauth-provider.mjs")), file.fileName()});
    QVERIFY2(m_provider.waitForStarted(10000), qPrintable(m_provider.errorString()));
    // Waiting for a child process's readiness line, not sleeping: the loop ends as soon as it is printed.
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains('\n') && timer.elapsed() < 60000 && m_provider.state() == QProcess::Running) {
        m_provider.waitForReadyRead(1000);
        out += m_provider.readAllStandardOutput();
    }
    QVERIFY2(out.startsWith("READY "), QByteArray(out + m_provider.readAllStandardError()).constData());
    m_issuer = QString::fromLatin1(out.mid(6).trimmed());
}

void TestOAuthInterop::cleanupTestCase()
{
    if (m_provider.state() == QProcess::Running) {
        m_provider.closeWriteChannel(); // the script exits on stdin EOF
        if (!m_provider.waitForFinished(10000))
            m_provider.kill();
    }
}

TokenEndpointRequest TestOAuthInterop::request(const QString& clientId, AuthProfile::ClientAuth method) const
{
    TokenEndpointRequest r = TokenEndpointRequest::clientCredentials(QStringLiteral("api:read"));
    r.tokenUrl = m_tokenUrl;
    r.client.clientId = clientId;
    r.client.method = method;
    if (method == AuthProfile::ClientAuth::PrivateKeyJwt)
        r.client.privateKey = QJsonDocument(m_clientKey.toJson(true)).toJson();
    else
        r.client.clientSecret = kSecret;
    return r;
}

void TestOAuthInterop::discovery()
{
    const auto metadata = MetadataResolver::resolveAndWait(m_issuer);
    QVERIFY2(metadata.ok(), qPrintable(metadata.ok() ? QString() : metadata.error().toString()));
    QCOMPARE(metadata->issuer, m_issuer);
    QCOMPARE(metadata->tokenEndpoint, QString(m_issuer + QStringLiteral("/token")));
    QCOMPARE(metadata->deviceAuthorizationEndpoint, QString(m_issuer + QStringLiteral("/device/auth")));
    QVERIFY(metadata->authorizationResponseIssParameterSupported);
    QVERIFY(metadata->tokenEndpointAuthMethods.contains(QStringLiteral("private_key_jwt")));
    m_tokenUrl = metadata->tokenEndpoint;
    m_parUrl = metadata->pushedAuthorizationRequestEndpoint;
    QVERIFY(!m_parUrl.isEmpty());
    // A trailing slash is another issuer (RFC 8414 §3.3): refused, not used.
    const auto other = MetadataResolver::resolveAndWait(m_issuer + QLatin1Char('/'));
    QVERIFY(!other.ok());
}

void TestOAuthInterop::clientCredentials_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<AuthProfile::ClientAuth>("method");
    QTest::newRow("client_secret_basic") << QStringLiteral("cc-basic") << AuthProfile::ClientAuth::Basic;
    QTest::newRow("client_secret_post") << QStringLiteral("cc-post") << AuthProfile::ClientAuth::Post;
    QTest::newRow("client_secret_jwt") << QStringLiteral("cc-secret-jwt") << AuthProfile::ClientAuth::ClientSecretJwt;
    QTest::newRow("private_key_jwt") << QStringLiteral("cc-private-key-jwt") << AuthProfile::ClientAuth::PrivateKeyJwt;
}

void TestOAuthInterop::clientCredentials()
{
    QFETCH(QString, clientId);
    QFETCH(AuthProfile::ClientAuth, method);
    QVERIFY(!m_tokenUrl.isEmpty());
    const auto grant = TokenEndpointClient::fetchAndWait(request(clientId, method));
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QVERIFY(grant->isBearer());
    QVERIFY(!grant->accessToken.isEmpty());
    QCOMPARE(grant->scope, QStringLiteral("api:read"));
    QVERIFY(grant->expiresIn > 0);
}

void TestOAuthInterop::wrongSecretIsInvalidClient()
{
    TokenEndpointRequest r = request(QStringLiteral("cc-basic"), AuthProfile::ClientAuth::Basic);
    r.client.clientSecret = QStringLiteral("wrong");
    const auto grant = TokenEndpointClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::OAuthError);
    QCOMPARE(grant.error().reason, QStringLiteral("invalid_client"));
    QVERIFY2(grant.error().message.contains(QLatin1String("HTTP 401")), qPrintable(grant.error().message));
}

void TestOAuthInterop::wrongAssertionKeyIsInvalidClient()
{
    TokenEndpointRequest r = request(QStringLiteral("cc-private-key-jwt"), AuthProfile::ClientAuth::PrivateKeyJwt);
    auto other = AsymmetricKey::generateCurve(Curve::P256);
    QVERIFY(other.ok());
    r.client.privateKey = QJsonDocument(Jwk::fromKey(other.value()).toJson(true)).toJson();
    const auto grant = TokenEndpointClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().reason, QStringLiteral("invalid_client"));
}

void TestOAuthInterop::unknownScopeIsNotGranted()
{
    // oidc-provider drops a scope the client may not have instead of refusing (RFC 6749 §3.3 allows both): the
    // answer's scope says what was granted, and the client reports that, not what it asked for.
    TokenEndpointRequest r = request(QStringLiteral("cc-post"), AuthProfile::ClientAuth::Post);
    r.parameters = TokenEndpointRequest::clientCredentials(QStringLiteral("api:read admin")).parameters;
    const auto grant = TokenEndpointClient::fetchAndWait(r);
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QCOMPARE(grant->scope, QStringLiteral("api:read"));
}

BrowserLauncher TestOAuthInterop::scriptedBrowser() const
{
    const QString script =
        QDir(QStringLiteral(TOKENSCOPE_INTEROP_DIR)).absoluteFilePath(QStringLiteral("scripted-browser.mjs"));
    return BrowserLauncher::command(QStringLiteral("\"%1\" \"%2\"").arg(m_node, script));
}

AuthorizationCodeRequest TestOAuthInterop::codeRequest(const QString& clientId) const
{
    AuthorizationCodeRequest r;
    r.authorizeUrl = m_issuer + QStringLiteral("/auth");
    r.parUrl = m_parUrl;
    r.issuer = m_issuer;
    r.issRequired = true; // oidc-provider advertises RFC 9207
    r.token.tokenUrl = m_tokenUrl;
    r.token.client.clientId = clientId;
    r.token.client.method = AuthProfile::ClientAuth::None;
    r.scope = QStringLiteral("openid offline_access");
    r.timeoutMs = 60'000; // a bound for a broken script, not a timing assertion
    return r;
}

void TestOAuthInterop::authorizationCodeWithPkce()
{
    QVERIFY(!m_tokenUrl.isEmpty());
    QUrl opened;
    AuthorizationCodeFlow flow(scriptedBrowser());
    connect(&flow, &AuthorizationCodeFlow::authorizationUrl, this, [&opened](const QUrl& url) { opened = url; });
    Result<AuthorizationCodeResult> result(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    connect(&flow, &AuthorizationCodeFlow::finished, &loop, [&](const Result<AuthorizationCodeResult>& r) {
        result = r;
        loop.quit();
    });
    flow.start(codeRequest(QStringLiteral("code-public")));
    loop.exec();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    const QUrlQuery query(opened);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QVERIFY(result->redirectUri.startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(!result->redirectUri.startsWith(QLatin1String("http://127.0.0.1:0/")));
    QVERIFY(!result->grant.accessToken.isEmpty());
    QVERIFY(!result->grant.refreshToken.isEmpty());
    // The id_token carries the nonce this flow sent (OIDC Core §3.1.3.7 item 11).
    const auto claims = CompactToken::parse(result->grant.idToken.toLatin1()).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QStringLiteral("nonce")).toString(), result->nonce);
    QCOMPARE(claims->value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims->value(QStringLiteral("aud")).toString(), QStringLiteral("code-public"));
    m_refreshToken = result->grant.refreshToken;
}

void TestOAuthInterop::refreshRotates()
{
    QVERIFY(!m_refreshToken.isEmpty());
    TokenEndpointRequest r = TokenEndpointRequest::refreshToken(m_refreshToken);
    r.tokenUrl = m_tokenUrl;
    r.client.clientId = QStringLiteral("code-public");
    r.client.method = AuthProfile::ClientAuth::None;
    const auto refreshed = TokenEndpointClient::fetchAndWait(r);
    QVERIFY2(refreshed.ok(), qPrintable(refreshed.ok() ? QString() : refreshed.error().toString()));
    QVERIFY(!refreshed->accessToken.isEmpty());
    QVERIFY(!refreshed->refreshToken.isEmpty());
    QVERIFY(refreshed->refreshToken != m_refreshToken); // rotated (RFC 9700 §4.14.2)
    // The old one is spent: the server refuses it with invalid_grant.
    const auto reused = TokenEndpointClient::fetchAndWait(r);
    QVERIFY(!reused.ok());
    QCOMPARE(reused.error().code, ErrorCode::OAuthError);
    QCOMPARE(reused.error().reason, QStringLiteral("invalid_grant"));
}

void TestOAuthInterop::authorizationCodeWithPar()
{
    QVERIFY(!m_tokenUrl.isEmpty());
    AuthorizationCodeRequest r = codeRequest(QStringLiteral("code-par"));
    r.token.client.method = AuthProfile::ClientAuth::Basic;
    r.token.client.clientSecret = kSecret;
    r.scope = QStringLiteral("openid");
    // Without PAR this client is refused (require_pushed_authorization_requests), so success shows PAR was used.
    r.usePar = true;
    QUrl opened;
    AuthorizationCodeFlow flow(scriptedBrowser());
    connect(&flow, &AuthorizationCodeFlow::authorizationUrl, this, [&opened](const QUrl& url) { opened = url; });
    Result<AuthorizationCodeResult> result(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    connect(&flow, &AuthorizationCodeFlow::finished, &loop, [&](const Result<AuthorizationCodeResult>& res) {
        result = res;
        loop.quit();
    });
    flow.start(r);
    loop.exec();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    const QUrlQuery query(opened);
    QVERIFY(query.queryItemValue(QStringLiteral("request_uri"))
                .startsWith(QLatin1String("urn:ietf:params:oauth:request_uri:")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code_challenge"))); // pushed, not in the front channel
    QVERIFY(!result->grant.idToken.isEmpty());
}

void TestOAuthInterop::deviceFlow()
{
    QVERIFY(!m_tokenUrl.isEmpty());
    DeviceAuthorizationRequest r;
    r.deviceAuthorizationUrl = m_issuer + QStringLiteral("/device/auth");
    r.token.tokenUrl = m_tokenUrl;
    r.token.client.clientId = QStringLiteral("device-public");
    r.token.client.method = AuthProfile::ClientAuth::None;
    r.scope = QStringLiteral("openid offline_access");
    DeviceAuthorizationFlow flow;
    DeviceAuthorization shown;
    int scheduled = 0;
    bool confirmed = false;
    // The first poll goes out before the user confirmed (authorization_pending); the user confirms before the second.
    flow.setScheduler([&](qint64 delayMs, std::function<void()> callback) {
        QCOMPARE(delayMs, shown.intervalSeconds * 1000);
        if (++scheduled == 2) {
            QProcess browser;
            browser.start(
                m_node,
                {QDir(QStringLiteral(TOKENSCOPE_INTEROP_DIR)).absoluteFilePath(QStringLiteral("scripted-browser.mjs")),
                 shown.verificationUriComplete});
            confirmed = browser.waitForFinished(60000) && browser.exitCode() == 0;
        }
        QTimer::singleShot(0, &flow, std::move(callback));
    });
    connect(&flow, &DeviceAuthorizationFlow::userCodeReady, this,
            [&shown](const DeviceAuthorization& a) { shown = a; });
    Result<TokenGrant> result(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    connect(&flow, &DeviceAuthorizationFlow::finished, &loop, [&](const Result<TokenGrant>& res) {
        result = res;
        loop.quit();
    });
    flow.start(r);
    loop.exec();
    QVERIFY(confirmed);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    QCOMPARE(flow.pollCount(), 2);
    QVERIFY(shown.verificationUri.startsWith(m_issuer));
    QVERIFY(shown.verificationUriComplete.contains(shown.userCode));
    QCOMPARE(shown.intervalSeconds, 5); // absent in oidc-provider's answer: RFC 8628 §3.2's default
    QVERIFY(!result->accessToken.isEmpty());
    QVERIFY(!result->refreshToken.isEmpty());
}

void TestOAuthInterop::cliAuthorizationCode()
{
    QVERIFY(!m_tokenUrl.isEmpty());
    const QString script =
        QDir(QStringLiteral(TOKENSCOPE_INTEROP_DIR)).absoluteFilePath(QStringLiteral("scripted-browser.mjs"));
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BROWSER"), QStringLiteral("\"%1\" \"%2\"").arg(m_node, script));
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(TOKENSCOPE_CLI),
              {QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--grant"),
               QStringLiteral("authorization_code"), QStringLiteral("--issuer"), m_issuer,
               QStringLiteral("--client-id"), QStringLiteral("code-public"), QStringLiteral("--client-auth"),
               QStringLiteral("none"), QStringLiteral("--scope"), QStringLiteral("openid"), QStringLiteral("--print"),
               QStringLiteral("id_token")});
    QVERIFY(cli.waitForFinished(90000));
    const QByteArray err = cli.readAllStandardError();
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(err.contains(QByteArray("open this URL to authorize: " + m_issuer.toLatin1() + "/auth?")),
             err.constData());
    const auto claims = CompactToken::parse(cli.readAllStandardOutput().trimmed()).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QStringLiteral("aud")).toString(), QStringLiteral("code-public"));
}

void TestOAuthInterop::cliDeviceCode()
{
    QVERIFY(!m_tokenUrl.isEmpty());
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI),
              {QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--grant"),
               QStringLiteral("device_code"), QStringLiteral("--issuer"), m_issuer, QStringLiteral("--client-id"),
               QStringLiteral("device-public"), QStringLiteral("--client-auth"), QStringLiteral("none"),
               QStringLiteral("--scope"), QStringLiteral("openid")});
    QVERIFY(cli.waitForStarted());
    // The codes come on stderr before polling starts; the test plays the user with them.
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains("polling every") && timer.elapsed() < 60000 && cli.state() == QProcess::Running) {
        cli.waitForReadyRead(1000);
        err += cli.readAllStandardError();
    }
    QVERIFY2(err.contains("user_code: "), err.constData());
    QString complete;
    QString userCode;
    for (const QByteArray& line : err.split('\n')) {
        if (line.startsWith("verification_uri_complete: "))
            complete = QString::fromLatin1(line.mid(27));
        if (line.startsWith("user_code: "))
            userCode = QString::fromLatin1(line.mid(11));
    }
    QVERIFY2(err.contains(QByteArray("verification_uri: " + m_issuer.toLatin1() + "/device\n")), err.constData());
    QVERIFY(!userCode.isEmpty());
    QCOMPARE(complete, QString(m_issuer + QStringLiteral("/device?user_code=") + userCode));
    QProcess browser;
    browser.start(
        m_node, {QDir(QStringLiteral(TOKENSCOPE_INTEROP_DIR)).absoluteFilePath(QStringLiteral("scripted-browser.mjs")),
                 complete});
    QVERIFY(browser.waitForFinished(60000));
    QCOMPARE(browser.exitCode(), 0);
    QVERIFY(cli.waitForFinished(60000)); // the next poll, one interval (5 s) later, gets the token
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY(!cli.readAllStandardOutput().trimmed().isEmpty());
}

void TestOAuthInterop::dpopClientCredentials()
{
    // RFC 9449 §5 against oidc-provider with nonces required: the first proof has no nonce, the 400 use_dpop_nonce
    // answer is retried once with the DPoP-Nonce given, and the token comes back as token_type DPoP.
    QVERIFY(!m_tokenUrl.isEmpty());
    TokenEndpointRequest r = request(QStringLiteral("cc-basic"), AuthProfile::ClientAuth::Basic);
    TokenManager manager;
    r.dpopKey = manager.dpopKey(QStringLiteral("interop")).value();
    QString nonce;
    const auto grant = TokenEndpointClient::fetchAndWait(r, {}, nullptr, &nonce);
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QCOMPARE(grant->tokenType, QStringLiteral("DPoP"));
    QVERIFY(!nonce.isEmpty());
    // Without the retry the same request is refused: the retry is what made it work.
    r.dpopNonce.clear();
    auto spec = TokenEndpointClient::buildRequest(r, QDateTime::currentSecsSinceEpoch());
    QVERIFY(spec.ok());
    const HttpClientResponse refused = HttpClient::sendAndWait(spec.value());
    QCOMPARE(refused.status, 400);
    QVERIFY(!TokenEndpointClient::dpopNonceToRetry(refused).isEmpty());
}

void TestOAuthInterop::dpopAuthorizationCodeAndUserinfo()
{
    // The code flow's token request carries the profile's DPoP proof; the token then goes to oidc-provider's
    // userinfo as "Authorization: DPoP" with an ath proof, through RequestSession, which answers the resource
    // server's 401 use_dpop_nonce (§9) once.
    QVERIFY(!m_tokenUrl.isEmpty());
    AuthProfile profile;
    profile.name = QStringLiteral("oidc-provider DPoP");
    profile.grant = AuthProfile::Grant::AuthorizationCode;
    profile.tokenUrl = m_tokenUrl;
    profile.clientId = QStringLiteral("code-public");
    profile.clientAuth = AuthProfile::ClientAuth::None;
    profile.scope = QStringLiteral("openid offline_access");
    profile.dpop = true;
    RequestSession session;
    const QString key = TokenManager::keyFor(profile);
    AuthorizationCodeRequest code = codeRequest(profile.clientId);
    code.token.dpopKey = session.tokenManager().dpopKey(key).value();
    AuthorizationCodeFlow flow(scriptedBrowser());
    Result<AuthorizationCodeResult> result(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    connect(&flow, &AuthorizationCodeFlow::finished, &loop, [&](const Result<AuthorizationCodeResult>& r) {
        result = r;
        loop.quit();
    });
    flow.start(code);
    loop.exec();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    QCOMPARE(result->grant.tokenType, QStringLiteral("DPoP"));
    session.tokenManager().store(key, profile.name, QStringLiteral("authorization_code"), m_tokenUrl, result->grant);

    SessionRequest userinfo;
    userinfo.request.url = m_issuer + QStringLiteral("/me");
    userinfo.auth.type = AuthConfig::Type::OAuth2;
    userinfo.auth.profile = profile.name;
    userinfo.profile = profile;
    const SessionResult sent = RequestSession::runAndWait(session, userinfo);
    QVERIFY2(!sent.authError, qPrintable(sent.authError ? sent.authError->message : QString()));
    QCOMPARE(sent.response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(sent.response.body).object().value(QStringLiteral("sub")).toString(),
             QStringLiteral("alice"));
    QVERIFY(sent.sent.headerValue(QStringLiteral("Authorization")).startsWith(QLatin1String("DPoP ")));
    const QJsonObject proof =
        CompactToken::parse(sent.sent.headerValue(QStringLiteral("DPoP")).toLatin1()).payloadObject().value();
    QCOMPARE(proof.value(QStringLiteral("ath")).toString(),
             DpopProof::accessTokenHash(result->grant.accessToken.toLatin1()));
    QVERIFY(!proof.value(QStringLiteral("nonce")).toString().isEmpty()); // the nonce of the retry
}

QTEST_GUILESS_MAIN(TestOAuthInterop)
#include "TestOAuthInterop.moc"
