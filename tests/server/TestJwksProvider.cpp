// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "http/TcpHttpTransport.h"
#include "jose/JwtBuilder.h"
#include "server/JwksProviderFetcher.h"
#include "server/MockApiServer.h"
#include "support/HttpTestClient.h"

#include <QDateTime>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

/// External issuer mode: the mock API fetches a JWKS from a second loopback server (the "issuer"), refetches
/// on an unknown kid at most once per 30 s, and keeps the last good set through an outage. Time is a MockClock.
class TestJwksProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cacheControl_data();
    void cacheControl();
    void knownKid();
    void unknownKidRefetchIsRateLimited();
    void outageKeepsLastGoodSet();
    void unreachableAtStart();

private:
    QByteArray token(const Jwk& key) const;
    int call(const QByteArray& token) const;
    void publish(const QList<Jwk>& keys, int status = 200);

    MockClock m_clock{QDateTime::currentSecsSinceEpoch()};
    TcpHttpTransport m_issuer;
    mutable QMutex m_mutex;
    QByteArray m_document;
    int m_status = 200;
    std::atomic<int> m_hits{0};
    Jwk m_keyA, m_keyB;
    MockApiServer m_server;
};

void TestJwksProvider::publish(const QList<Jwk>& keys, int status)
{
    QList<Jwk> pub;
    for (const Jwk& k : keys) {
        pub.append(k.publicJwk());
    }
    QMutexLocker locker(&m_mutex);
    m_document = QJsonDocument(Jwks(pub).toJson()).toJson(QJsonDocument::Compact);
    m_status = status;
}

void TestJwksProvider::initTestCase()
{
    const auto a = AsymmetricKey::generateRsa(2048);
    const auto b = AsymmetricKey::generateRsa(2048);
    QVERIFY(a.ok() && b.ok());
    m_keyA = Jwk::fromKey(a.value()).withKid(QStringLiteral("key-a")).withAlg(QStringLiteral("RS256"));
    m_keyB = Jwk::fromKey(b.value()).withKid(QStringLiteral("key-b")).withAlg(QStringLiteral("RS256"));
    publish({m_keyA});
    TransportConfig config;
    config.workerThreads = 1;
    QVERIFY(m_issuer
                .start(config,
                       [this](const HttpRequest& request) {
                           m_hits.fetch_add(1);
                           QMutexLocker locker(&m_mutex);
                           if (request.path != "/jwks.json" || m_status != 200) {
                               return HttpResponse::jsonError(m_status == 200 ? 404 : m_status,
                                                              QStringLiteral("unavailable"), QStringLiteral("down"));
                           }
                           HttpResponse r(200, "application/json", m_document);
                           r.addHeader("Cache-Control", "public, max-age=5"); // clamped up to 60 s
                           return r;
                       })
                .ok());

    ServerConfig config2;
    config2.port = 0;
    config2.issuer = QStringLiteral("https://issuer.test/");
    config2.audience = QStringLiteral("https://api.test");
    config2.jwksUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(m_issuer.port()));
    config2.clock = &m_clock;
    const auto started = m_server.start(config2);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QVERIFY(!m_server.embeddedIssuer());
    QCOMPARE(m_hits.load(), 1);
}

void TestJwksProvider::cleanupTestCase()
{
    m_server.stop();
    m_issuer.stop();
}

QByteArray TestJwksProvider::token(const Jwk& key) const
{
    const qint64 now = m_clock.nowSeconds();
    return JwtBuilder::sign(QStringLiteral("RS256"),
                            QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://issuer.test/")},
                                        {QStringLiteral("aud"), QStringLiteral("https://api.test")},
                                        {QStringLiteral("iat"), now},
                                        {QStringLiteral("exp"), now + 7200}},
                            key)
        .value();
}

int TestJwksProvider::call(const QByteArray& token) const
{
    const auto r =
        HttpTestClient::request(m_server.port(), "GET", "/api/private", {{"Authorization", "Bearer " + token}});
    return r ? r->status : -1;
}

void TestJwksProvider::cacheControl_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("maxAge");
    QTest::newRow("RFC9111 §5.2.2.1 max-age") << QByteArray("public, max-age=300") << qint64(300);
    QTest::newRow("quoted") << QByteArray("max-age=\"60\"") << qint64(60);
    QTest::newRow("absent") << QByteArray("public") << qint64(-1);
    QTest::newRow("no-store") << QByteArray("no-store, max-age=300") << qint64(0);
    QTest::newRow("invalid") << QByteArray("max-age=abc") << qint64(-1);
}

void TestJwksProvider::cacheControl()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, maxAge);
    QCOMPARE(JwksProviderFetcher::maxAge(header), maxAge);
}

void TestJwksProvider::knownKid()
{
    QCOMPARE(call(token(m_keyA)), 200);
    QCOMPARE(m_hits.load(), 1); // cached: no refetch
}

void TestJwksProvider::unknownKidRefetchIsRateLimited()
{
    // The issuer rotates to key B, but the first token with kid B arrives before the JWKS has it: one refetch,
    // still unknown → 401.
    QCOMPARE(call(token(m_keyB)), 401);
    QCOMPARE(m_hits.load(), 2);
    publish({m_keyA, m_keyB});
    // Within 30 s no second refetch, however many tokens with unknown kids arrive.
    m_clock.advanceSeconds(10);
    QCOMPARE(call(token(m_keyB)), 401);
    QCOMPARE(call(token(m_keyB)), 401);
    QCOMPARE(m_hits.load(), 2);
    // After the cooldown the unknown kid triggers a refetch that finds key B.
    m_clock.advanceSeconds(21);
    QCOMPARE(call(token(m_keyB)), 200);
    QCOMPARE(m_hits.load(), 3);
    QCOMPARE(call(token(m_keyA)), 200);
    QCOMPARE(m_hits.load(), 3);
}

void TestJwksProvider::outageKeepsLastGoodSet()
{
    QSignalSpy log(&m_server, &MockApiServer::logMessage);
    publish({}, 503);
    const int before = m_hits.load();
    m_clock.advanceSeconds(61); // max-age 5 was clamped to 60: now stale, refreshed in the background
    QCOMPARE(call(token(m_keyB)), 200);
    QTRY_VERIFY(m_hits.load() > before);
    // A message of the previous refresh may still be queued for the spy: wait for the outage message itself.
    auto outageMessage = [&log]() -> QString {
        for (const auto& args : log) {
            if (args.first().toString().contains(QStringLiteral("last good key set"))) {
                return args.first().toString();
            }
        }
        return QString();
    };
    QTRY_VERIFY(!outageMessage().isEmpty());
    QVERIFY2(outageMessage().contains(QStringLiteral("ERR_HTTP_STATUS")), qPrintable(outageMessage()));
    // Still serving during the outage, without hammering the issuer (retry after 30 s).
    const int afterFailure = m_hits.load();
    QCOMPARE(call(token(m_keyA)), 200);
    QCOMPARE(call(token(m_keyB)), 200);
    QCOMPARE(m_hits.load(), afterFailure);
    // Back up: the next refresh picks up the new set.
    publish({m_keyB});
    m_clock.advanceSeconds(31);
    QCOMPARE(call(token(m_keyB)), 200); // triggers the background refresh
    QTRY_VERIFY(log.size() >= 2);
    QVERIFY(log.last().first().toString().contains(QStringLiteral("1 key(s)")));
    QTRY_COMPARE(call(token(m_keyA)), 401); // key A was withdrawn
}

void TestJwksProvider::unreachableAtStart()
{
    TcpHttpTransport closed;
    QVERIFY(closed.start({}, [](const HttpRequest&) { return HttpResponse::empty(204); }).ok());
    const quint16 port = closed.port();
    closed.stop(); // nothing listens there any more
    MockApiServer server;
    ServerConfig config;
    config.port = 0;
    config.issuer = QStringLiteral("https://issuer.test/");
    config.audience = QStringLiteral("https://api.test");
    config.jwksUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(port));
    const auto started = server.start(config);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code, ErrorCode::NetFailure);
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(TestJwksProvider)
#include "TestJwksProvider.moc"
