// SPDX-License-Identifier: MIT
#include "jose/CompactToken.h"
#include "net/ClientCredentialsClient.h"
#include "server/MockApiServer.h"
#include "support/LoopbackHttpServer.h"
#include "support/ServerTestSupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

/// The client credentials grant (RFC 6749 §4.4) against the embedded issuer's token endpoint of the local mock
/// API: success, wrong secret, wrong scope, wrong audience, an endpoint that is not one, no server, cancel, and an
/// HTTPS endpoint with a test CA (verified, trusted through the CA file, verification switched off).
class TestClientCredentialsClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void buildsBasicAuthFormRequest();
    void success();
    void defaultAudienceAndScope();
    void wrongSecret();
    void wrongScope();
    void wrongAudience();
    void notATokenEndpoint();
    void connectionRefused();
    void invalidInput();
    void asyncFetchAndCancel();
    void tlsFollowsTheVerifySwitch();

private:
    ClientCredentialsRequest good() const;
    static QJsonObject payloadOf(const QString& token);

    QTemporaryDir m_dir;
    MockApiServer m_server;
};

void TestClientCredentialsClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    config.clientSecret = "s3cret with spaces+plus:colon"; // exercises the RFC 6749 §2.3.1 form-encoding
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
}

void TestClientCredentialsClient::cleanupTestCase()
{
    m_server.stop();
}

ClientCredentialsRequest TestClientCredentialsClient::good() const
{
    ClientCredentialsRequest r;
    r.tokenUrl = QString(m_server.baseUrl() + QStringLiteral("/oauth/token"));
    r.clientId = m_server.embeddedIssuer()->clientId();
    r.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    r.audience = m_server.audience();
    r.scope = QStringLiteral("read:messages");
    return r;
}

QJsonObject TestClientCredentialsClient::payloadOf(const QString& token)
{
    const auto payload = CompactToken::parse(token.toLatin1()).payloadObject();
    return payload ? payload.value() : QJsonObject();
}

void TestClientCredentialsClient::buildsBasicAuthFormRequest()
{
    ClientCredentialsRequest r;
    r.tokenUrl = QStringLiteral(" https://issuer.example/oauth/token ");
    r.clientId = QStringLiteral("my client");
    r.clientSecret = QStringLiteral("a:b+c%");
    r.scope = QStringLiteral("  read   write ");
    QVERIFY(ClientCredentialsClient::buildRequest(r).verifyTls); // verified unless switched off
    const HttpRequestSpec spec = ClientCredentialsClient::buildRequest(r).effective();
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.url, QStringLiteral("https://issuer.example/oauth/token"));
    // RFC 6749 §2.3.1: id and secret form-urlencoded, then Basic.
    QCOMPARE(spec.headerValue(QStringLiteral("Authorization")),
             QString(QStringLiteral("Basic ") + QString::fromLatin1(QByteArray("my+client:a%3Ab%2Bc%25").toBase64())));
    QCOMPARE(spec.formRows.size(), 2); // no audience row when there is none
    QCOMPARE(spec.formRows.at(0).value, QStringLiteral("client_credentials"));
    QCOMPARE(spec.formRows.at(1).value, QStringLiteral("read write"));
    QVERIFY(!spec.followRedirects);
}

void TestClientCredentialsClient::success()
{
    const auto grant = ClientCredentialsClient::fetchAndWait(good());
    QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().toString()));
    QVERIFY(grant->isBearer());
    QCOMPARE(grant->expiresIn, 3600);
    QCOMPARE(grant->scope, QStringLiteral("read:messages"));
    const QJsonObject payload = payloadOf(grant->accessToken);
    QCOMPARE(payload.value(QStringLiteral("aud")).toString(), m_server.audience());
    QCOMPARE(payload.value(QStringLiteral("scope")).toString(), QStringLiteral("read:messages"));
    QCOMPARE(payload.value(QStringLiteral("sub")).toString(),
             QString(m_server.embeddedIssuer()->clientId() + QStringLiteral("@clients")));
}

void TestClientCredentialsClient::defaultAudienceAndScope()
{
    ClientCredentialsRequest r = good();
    r.audience.clear();
    r.scope.clear();
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(grant.ok());
    QCOMPARE(payloadOf(grant->accessToken).value(QStringLiteral("aud")).toString(), m_server.audience());
    QCOMPARE(grant->scope, QStringLiteral("read:messages write:messages"));
}

void TestClientCredentialsClient::wrongSecret()
{
    ClientCredentialsRequest r = good();
    r.clientSecret = QStringLiteral("wrong");
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::OAuthError);
    QCOMPARE(grant.error().reason, QStringLiteral("invalid_client"));
    const QString message = grant.error().message;
    QVERIFY2(message.contains(QLatin1String("HTTP 401")) && message.contains(QLatin1String("invalid_client")) &&
                 message.contains(QLatin1String("Unknown client or wrong secret")) &&
                 message.contains(QLatin1String("check the client id and secret")),
             qPrintable(message));
}

void TestClientCredentialsClient::wrongScope()
{
    ClientCredentialsRequest r = good();
    r.scope = QStringLiteral("read:messages admin");
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QVERIFY2(grant.error().message.contains(QLatin1String("invalid_scope")) &&
                 grant.error().message.contains(QLatin1String("Scope admin is not allowed")),
             qPrintable(grant.error().message));
}

void TestClientCredentialsClient::wrongAudience()
{
    ClientCredentialsRequest r = good();
    r.audience = QStringLiteral("https://other.example/api");
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QVERIFY2(grant.error().message.contains(QLatin1String("HTTP 400")) &&
                 grant.error().message.contains(QLatin1String("Unknown audience")) &&
                 grant.error().message.contains(m_server.audience()),
             qPrintable(grant.error().message));
}

void TestClientCredentialsClient::notATokenEndpoint()
{
    ClientCredentialsRequest r = good();
    r.tokenUrl = QString(m_server.baseUrl() + QStringLiteral("/api/public")); // JSON, but no token (GET-only?)
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QVERIFY2(grant.error().code == ErrorCode::HttpStatus || grant.error().code == ErrorCode::JsonInvalid,
             qPrintable(grant.error().toString()));
    r.tokenUrl = QString(m_server.baseUrl() + QStringLiteral("/no/such/path"));
    const auto missing = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QLatin1String("HTTP 404")) &&
                 missing.error().message.contains(QLatin1String("is the URL right?")),
             qPrintable(missing.error().message));
}

void TestClientCredentialsClient::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    ClientCredentialsRequest r = good();
    r.tokenUrl = QStringLiteral("http://127.0.0.1:%1/oauth/token").arg(port);
    const auto grant = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, ErrorCode::NetFailure);
    QVERIFY2(grant.error().message.contains(QLatin1String("refused")), qPrintable(grant.error().message));
}

void TestClientCredentialsClient::invalidInput()
{
    ClientCredentialsRequest r = good();
    r.tokenUrl = QStringLiteral("ftp://x/token");
    QCOMPARE(ClientCredentialsClient::fetchAndWait(r).error().code, ErrorCode::Usage);
    r = good();
    r.clientId.clear();
    QCOMPARE(ClientCredentialsClient::fetchAndWait(r).error().code, ErrorCode::Usage);
    // Asynchronous too: finished() follows, never synchronously from fetch().
    ClientCredentialsClient client;
    QSignalSpy finished(&client, &ClientCredentialsClient::finished);
    client.fetch(r);
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(5000));
}

void TestClientCredentialsClient::asyncFetchAndCancel()
{
    ClientCredentialsClient client;
    Result<TokenGrant> last = Error(ErrorCode::Generic, QStringLiteral("none"));
    int count = 0;
    connect(&client, &ClientCredentialsClient::finished, this, [&](const Result<TokenGrant>& result) {
        last = result;
        ++count;
    });
    client.fetch(good());
    QVERIFY(client.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(count, 1, 10000);
    QVERIFY(last.ok());
    QVERIFY(!client.isRunning());

    // Cancel: a server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ClientCredentialsRequest r = good();
    r.tokenUrl = QStringLiteral("http://127.0.0.1:%1/oauth/token").arg(silent.serverPort());
    QSignalSpy connected(&silent, &QTcpServer::newConnection);
    client.fetch(r);
    QVERIFY(connected.wait(5000)); // the request is out (its event loop is ours: no blocking wait here)
    client.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(count, 2, 10000);
    QVERIFY(!last.ok());
    QCOMPARE(last.error().code, ErrorCode::Cancelled);

    // Timeout: the same silent server, a short limit.
    r.timeoutMs = 300;
    client.fetch(r);
    QTRY_COMPARE_WITH_TIMEOUT(count, 3, 10000);
    QVERIFY(!last.ok());
    QCOMPARE(last.error().code, ErrorCode::NetTimeout);
}

void TestClientCredentialsClient::tlsFollowsTheVerifySwitch()
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    QVERIFY2(pki.error.isEmpty(), qPrintable(pki.error));
    MockApiServer tls;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    config.tlsCertFile = pki.serverCert;
    config.tlsKeyFile = pki.serverKey;
    const QString startError = ServerTestSupport::startError(tls, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    ClientCredentialsRequest r;
    r.tokenUrl = QString(tls.baseUrl() + QStringLiteral("/oauth/token"));
    QVERIFY(r.tokenUrl.startsWith(QLatin1String("https://")));
    r.clientId = tls.embeddedIssuer()->clientId();
    r.clientSecret = QString::fromUtf8(tls.embeddedIssuer()->clientSecret());

    // Verified by default: the test CA is not trusted, so the secret is never sent.
    const auto refused = ClientCredentialsClient::fetchAndWait(r);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::TlsFailure);
    // Trusted through the CA file of the client options.
    HttpClientOptions withCa;
    withCa.tls.caFile = pki.caCert;
    const auto trusted = ClientCredentialsClient::fetchAndWait(r, withCa);
    QVERIFY2(trusted.ok(), qPrintable(trusted.ok() ? QString() : trusted.error().toString()));
    // Verification switched off, asynchronously as the GUI fetches.
    r.verifyTls = false;
    ClientCredentialsClient client;
    std::optional<Result<TokenGrant>> last;
    connect(&client, &ClientCredentialsClient::finished, this,
            [&](const Result<TokenGrant>& result) { last = result; });
    client.fetch(r);
    QTRY_VERIFY_WITH_TIMEOUT(last.has_value(), 10000);
    QVERIFY2(last->ok(), qPrintable(last->ok() ? QString() : last->error().toString()));
    QVERIFY(last->value().accessToken.startsWith(QLatin1String("eyJ")));
    tls.stop();
}

QTEST_GUILESS_MAIN(TestClientCredentialsClient)
#include "TestClientCredentialsClient.moc"
