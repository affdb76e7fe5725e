// SPDX-License-Identifier: MIT
#include "jose/JwtBuilder.h"
#include "storage/RequestHistory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

/// History: tokens and secrets redacted by default (request and response), kept on opt-in, caps, search and
/// atomic persistence.
class TestRequestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void redactsByDefault();
    void keepsSecretsOnOptIn();
    void caps();
    void search();
    void saveAndLoad();
    void binaryBodyRoundTrip();
    void sentTokenFactsWithoutTheToken();

private:
    HttpRequestSpec request() const;
    HttpClientResponse response() const;
    QByteArray m_jwt;
    QTemporaryDir m_dir;
};

void TestRequestHistory::initTestCase()
{
    m_jwt = JwtBuilder::sign(QStringLiteral("HS256"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("alice")}},
                             Jwk::fromSecret(QByteArray(32, 'k')))
                .value();
}

HttpRequestSpec TestRequestHistory::request() const
{
    HttpRequestSpec r;
    r.method = QStringLiteral("post");
    r.url = QStringLiteral("http://127.0.0.1:1/oauth/token?api_key=abc123&x=1");
    r.auth.kind = HttpRequestSpec::AuthKind::Bearer;
    r.auth.token = QString::fromLatin1(m_jwt);
    r.headers = {{QStringLiteral("X-Trace"), QString(QStringLiteral("t ") + QString::fromLatin1(m_jwt)), true},
                 {QStringLiteral("X-Env"), QStringLiteral("env-secret-value"), true}};
    r.bodyKind = HttpRequestSpec::BodyKind::Raw;
    r.rawBody = QStringLiteral("{\"client_secret\":\"s3cr3t\",\"grant_type\":\"client_credentials\"}");
    return r;
}

HttpClientResponse TestRequestHistory::response() const
{
    HttpClientResponse r;
    r.received = true;
    r.status = 200;
    r.timings.totalMs = 12;
    r.headers = {{"Content-Type", "application/json"},
                 {"Set-Cookie", "session=" + m_jwt + "; Path=/; HttpOnly\nother=plain"},
                 {"X-Token", m_jwt}};
    r.body = "{\"access_token\":\"" + m_jwt + "\",\"refresh_token\":\"opaque-refresh\",\"expires_in\":3600}";
    r.bodySize = r.body.size();
    return r;
}

void TestRequestHistory::redactsByDefault()
{
    RequestHistory history;
    QVERIFY(!history.keepSecrets());
    const HistoryEntry& e = history.add(request(), response(), 1000, {QStringLiteral("env-secret-value")});
    const QByteArray stored = QJsonDocument(e.toJson()).toJson();
    QVERIFY2(!stored.contains(m_jwt), stored.constData());
    QVERIFY(!stored.contains("s3cr3t"));
    QVERIFY(!stored.contains("abc123"));
    QVERIFY(!stored.contains("opaque-refresh"));
    QVERIFY(!stored.contains("env-secret-value"));
    QCOMPARE(e.request.auth.token, QStringLiteral("<TOKEN>"));
    QCOMPARE(e.method, QStringLiteral("POST"));
    QVERIFY(e.responseBody.contains("\"access_token\":\"<SECRET>\""));
    QVERIFY(e.responseBody.contains("\"expires_in\":3600"));
    QVERIFY(stored.contains("grant_type"));
    QVERIFY(!e.secretsKept);
}

void TestRequestHistory::keepsSecretsOnOptIn()
{
    RequestHistory history;
    history.setKeepSecrets(true);
    const HistoryEntry& e = history.add(request(), response(), 1000);
    QCOMPARE(e.request.auth.token, QString::fromLatin1(m_jwt));
    QVERIFY(e.responseBody.contains(m_jwt));
    QVERIFY(e.secretsKept);
}

void TestRequestHistory::caps()
{
    RequestHistory history(3, 10);
    for (int i = 0; i < 5; ++i)
        history.add(request(), response(), i);
    QCOMPARE(history.entries().size(), 3);
    QCOMPARE(history.entries().first().timeMs, 4); // newest first
    QCOMPARE(history.entries().first().responseBody.size(), 10);
    QVERIFY(history.entries().first().responseBodyTruncated);
    QVERIFY(history.remove(history.entries().first().id));
    QCOMPARE(history.entries().size(), 2);
}

void TestRequestHistory::search()
{
    RequestHistory history;
    history.add(request(), response(), 1);
    HttpRequestSpec other;
    other.url = QStringLiteral("http://127.0.0.1:1/api/public");
    HttpClientResponse notFound;
    notFound.received = true;
    notFound.status = 404;
    history.add(other, notFound, 2);
    QCOMPARE(history.search(QStringLiteral("PUBLIC")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("404")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("post token")).size(), 1);
    QCOMPARE(history.search(QString()).size(), 2);
    QCOMPARE(history.search(QStringLiteral("nothing-like-this")).size(), 0);
    QCOMPARE(history.search(QString::fromLatin1(m_jwt)).size(), 0); // redacted, so not findable
}

void TestRequestHistory::saveAndLoad()
{
    RequestHistory history;
    history.add(request(), response(), 1);
    history.add(request(), response(), 2);
    const QString path = m_dir.filePath(QStringLiteral("sub/history.json"));
    QVERIFY(history.save(path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(m_jwt));
    QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    RequestHistory loaded;
    QVERIFY(loaded.load(path).ok());
    QCOMPARE(loaded.entries().size(), 2);
    QCOMPARE(loaded.entries().first().request, history.entries().first().request);
    QCOMPARE(loaded.entries().first().responseHeaders, history.entries().first().responseHeaders);
    const qint64 next = loaded.add(request(), response(), 3).id;
    QVERIFY(next > history.entries().first().id);
    QVERIFY(loaded.load(m_dir.filePath(QStringLiteral("missing.json"))).ok());
    QVERIFY(loaded.entries().isEmpty());
}

void TestRequestHistory::binaryBodyRoundTrip()
{
    RequestHistory history;
    HttpClientResponse r;
    r.received = true;
    r.status = 200;
    r.body = QByteArray("\xff\xfe\x00\x01", 4);
    history.add(HttpRequestSpec{}, r, 1);
    const QString path = m_dir.filePath(QStringLiteral("bin.json"));
    QVERIFY(history.save(path).ok());
    RequestHistory loaded;
    QVERIFY(loaded.load(path).ok());
    QCOMPARE(loaded.entries().first().responseBody, r.body);
}

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "TestRequestHistory.moc"

void TestRequestHistory::sentTokenFactsWithoutTheToken()
{
    // A DPoP-bound access token (RFC 9068 header, RFC 9449 §6.1 cnf.jkt) as the Sent token tab shows it.
    const QJsonObject claims{
        {QStringLiteral("sub"), QStringLiteral("alice")},
        {QStringLiteral("scope"), QStringLiteral("read:messages openid")},
        {QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("other")}},
        {QStringLiteral("client_id"), QStringLiteral("tokenscope-demo")},
        {QStringLiteral("exp"), 1'700'000'600},
        {QStringLiteral("cnf"), QJsonObject{{QStringLiteral("jkt"), QStringLiteral("0ZcOCORZNYy")}}}};
    const QByteArray token = JwtBuilder::sign(QStringLiteral("HS256"), claims, Jwk::fromSecret(QByteArray(32, 'd')),
                                              QJsonObject{{QStringLiteral("typ"), QStringLiteral("at+jwt")}})
                                 .value();
    SentTokenFacts facts = SentTokenFacts::describe(token);
    QVERIFY(facts.jwt);
    QCOMPARE(facts.sub, QStringLiteral("alice"));
    QCOMPARE(facts.scope, QStringLiteral("read:messages openid"));
    QCOMPARE(facts.aud, QStringLiteral("api, other"));
    QCOMPARE(facts.clientId, QStringLiteral("tokenscope-demo"));
    QCOMPARE(facts.exp, 1'700'000'600);
    QCOMPARE(facts.cnfJkt, QStringLiteral("0ZcOCORZNYy"));
    QCOMPARE(facts.length, token.size());
    QVERIFY(facts.fingerprint.startsWith(QLatin1String("sha256:")));
    QCOMPARE(facts.fingerprint.size(), 7 + 16);
    QVERIFY(facts.fingerprint != SentTokenFacts::fingerprintOf(QByteArray(token + "x")));
    facts.type = QStringLiteral("DPoP");
    facts.profile = QStringLiteral("dpop");
    facts.obtained = QStringLiteral("refreshed");
    facts.retried = true;
    facts.authSource = QStringLiteral("API / Private");

    // Written by the writer thread as a user's history is: the file has the facts and no byte of the token.
    const QString path = m_dir.filePath(QStringLiteral("sent-token.jsonl"));
    {
        RequestHistory history;
        QVERIFY(history.open(path).ok());
        HttpRequestSpec sent = request();
        sent.auth.token = QString::fromLatin1(token);
        history.add(sent, response(), 1000, {QString::fromLatin1(token)}, facts);
        history.add(request(), response(), 2000); // nothing sent with it: no facts
        history.waitForWrites();
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("\"sentToken\""));
    QVERIFY(written.contains(facts.fingerprint.toLatin1()));
    QVERIFY2(!written.contains(token), written.constData());
    for (const QByteArray& part : token.split('.')) {
        QVERIFY(part.size() > 16);
        QVERIFY2(!written.contains(part), part.constData());
        QVERIFY(!written.contains(part.left(16))); // nor a recognisable piece of one
    }

    RequestHistory loaded;
    QVERIFY(loaded.load(path).ok());
    QCOMPARE(loaded.entries().size(), 2);
    QVERIFY(!loaded.entries().at(0).sentToken);
    QVERIFY(loaded.entries().at(1).sentToken);
    QCOMPARE(*loaded.entries().at(1).sentToken, facts);

    // An opaque token: its fingerprint and length, nothing decoded.
    const SentTokenFacts opaque = SentTokenFacts::describe("2YotnFZFEjr1zCsicMWpAA");
    QVERIFY(!opaque.jwt);
    QVERIFY(opaque.sub.isEmpty() && opaque.exp == 0);
    QCOMPARE(opaque.length, 22);
    QCOMPARE(SentTokenFacts::fromJson(opaque.toJson()), opaque);
}
