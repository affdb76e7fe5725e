// SPDX-License-Identifier: MIT
#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "support/CliProcess.h"
#include "support/DemoWorkspaceFiles.h"
#include "support/ServerTestSupport.h"
#include "support/WeakApiServer.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

/// `tokenscope-cli probe` as a user runs it: against the in-process mock API (which must come out clean) and a
/// deliberately weak API that accepts `alg: none` (both serve on their own threads, so the blocking QProcess is fine).
class TestProbeCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsEveryId();
    void usageErrors_data();
    void usageErrors();
    void mockApiCleanAsJson();
    void weakApiExitsOneWithJUnit();
    void inconclusiveExitsThree();
    void rejectBodyMatchMakesTheControlFail();
    void onlyAndSkipChooseRows();
    void strictFailsOnWeakRows();
    void tokenFromFileAndItem();

private:
    QString url(const char* path) const { return QString(m_server.baseUrl() + QLatin1String(path)); }
    QString token(MintPreset preset) const { return QString::fromLatin1(ServerTestSupport::mint(m_server, preset)); }
    static QJsonObject json(const Run& run) { return QJsonDocument::fromJson(run.out).object(); }
    static QSet<QString> idsWith(const QJsonObject& report, const QString& verdict);

    QTemporaryDir m_dir;
    MockApiServer m_server;
    QString m_keyFile; // the embedded issuer's private key (PEM)
    std::unique_ptr<WeakApiServer> m_weak;
};

void TestProbeCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    m_keyFile = m_server.embeddedIssuer()->keyPath();
    QVERIFY(QFile::exists(m_keyFile));
    m_weak =
        std::make_unique<WeakApiServer>(WeakApiServer::Flaw::AcceptsAlgNone, m_server.embeddedIssuer()->signingKey(),
                                        m_server.issuer(), m_server.audience());
    const QString weakError = m_weak->start();
    QVERIFY2(weakError.isEmpty(), qPrintable(weakError));
}

void TestProbeCommand::cleanupTestCase()
{
    m_weak.reset();
    m_server.stop();
}

QSet<QString> TestProbeCommand::idsWith(const QJsonObject& report, const QString& verdict)
{
    QSet<QString> ids;
    for (const QJsonValue& row : report.value(QLatin1String("results")).toArray()) {
        if (row.toObject().value(QLatin1String("verdict")).toString() == verdict)
            ids.insert(row.toObject().value(QLatin1String("id")).toString());
    }
    return ids;
}

void TestProbeCommand::listsEveryId()
{
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("--list")});
    QCOMPARE(r.exit, 0);
    for (const char* id : {"sig-stripped", "alg-none", "alg-hs-with-public-key", "ecdsa-psychic", "jku-attacker",
                           "exp-missing", "typ-wrong", "bearer-lowercase-scheme", "oversized-token"})
        QVERIFY2(r.out.contains(QByteArray(QByteArray("\n") + id + ' ')) ||
                     r.out.startsWith(QByteArray(QByteArray(id) + ' ')),
                 id);
    QVERIFY(r.out.contains("must") && r.out.contains("should") && r.out.contains("accept"));
}

void TestProbeCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    const QString probe = QStringLiteral("probe");
    const QString get = QStringLiteral("GET");
    const QString target = QStringLiteral("http://127.0.0.1:1/api/private");
    QTest::newRow("no token") << QStringList{probe, get, target} << QByteArray("--token");
    QTest::newRow("no URL") << QStringList{probe, get, QStringLiteral("--token"), QStringLiteral("a.b.c")}
                            << QByteArray("METHOD and URL");
    QTest::newRow("unknown id") << QStringList{probe,
                                               get,
                                               target,
                                               QStringLiteral("--token"),
                                               QStringLiteral("a.b.c"),
                                               QStringLiteral("--only"),
                                               QStringLiteral("alg-none,nope")}
                                << QByteArray("unknown mutation id: nope");
    QTest::newRow("two key sources") << QStringList{probe,
                                                    get,
                                                    target,
                                                    QStringLiteral("--token"),
                                                    QStringLiteral("a.b.c"),
                                                    QStringLiteral("--public-key"),
                                                    QStringLiteral("k.pem"),
                                                    QStringLiteral("--jwks"),
                                                    QStringLiteral("j.json")}
                                     << QByteArray("only one of");
    QTest::newRow("bad concurrency") << QStringList{probe,
                                                    get,
                                                    target,
                                                    QStringLiteral("--token"),
                                                    QStringLiteral("a.b.c"),
                                                    QStringLiteral("--concurrency"),
                                                    QStringLiteral("0")}
                                     << QByteArray("--concurrency");
    QTest::newRow("bad status") << QStringList{probe,
                                               get,
                                               target,
                                               QStringLiteral("--token"),
                                               QStringLiteral("a.b.c"),
                                               QStringLiteral("--accept-status"),
                                               QStringLiteral("2xx")}
                                << QByteArray("--accept-status");
    QTest::newRow("bad regex") << QStringList{probe,
                                              get,
                                              target,
                                              QStringLiteral("--token"),
                                              QStringLiteral("a.b.c"),
                                              QStringLiteral("--reject-body-match"),
                                              QStringLiteral("(")}
                               << QByteArray("regular expression");
    QTest::newRow("everything skipped") << QStringList{probe,
                                                       get,
                                                       target,
                                                       QStringLiteral("--token"),
                                                       QStringLiteral("a.b.c"),
                                                       QStringLiteral("--only"),
                                                       QStringLiteral("alg-none"),
                                                       QStringLiteral("--skip"),
                                                       QStringLiteral("alg-none")}
                                        << QByteArray("leave no mutation");
    QTest::newRow("--env without --item") << QStringList{probe,
                                                         get,
                                                         target,
                                                         QStringLiteral("--token"),
                                                         QStringLiteral("a.b.c"),
                                                         QStringLiteral("--env"),
                                                         QStringLiteral("x")}
                                          << QByteArray("go with --item");
}

void TestProbeCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const Run r = cli(args);
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
}

void TestProbeCommand::mockApiCleanAsJson()
{
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("GET"), url("/api/private"), QStringLiteral("--token"),
                       token(MintPreset::Valid), QStringLiteral("--signing-key"), m_keyFile, QStringLiteral("--json")});
    QVERIFY2(r.exit == 0, r.out.constData());
    const QJsonObject report = json(r);
    const QJsonObject control = report.value(QLatin1String("control")).toObject();
    QCOMPARE(control.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(control.value(QLatin1String("accepted")).toBool(), true);
    const QJsonArray results = report.value(QLatin1String("results")).toArray();
    QVERIFY(results.size() >= 30);
    for (const QJsonValue& value : results) {
        const QJsonObject row = value.toObject();
        for (const char* member : {"id", "description", "severity", "status", "accepted", "verdict", "diagnosis"})
            QVERIFY2(row.contains(QLatin1String(member)), member);
    }
    QCOMPARE(idsWith(report, QStringLiteral("VULNERABLE")), QSet<QString>());
    QCOMPARE(idsWith(report, QStringLiteral("weak")), QSet<QString>());
    QCOMPARE(idsWith(report, QStringLiteral("unexpected")), QSet<QString>());
    QVERIFY(idsWith(report, QStringLiteral("ok")).contains(QStringLiteral("exp-past"))); // re-signed, so sent
    // The rejections are explained with the issuer's key (the signing key's public half, given the token's kid).
    for (const QJsonValue& value : results) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("id")).toString() == QLatin1String("sig-bitflip"))
            QCOMPARE(row.value(QLatin1String("diagnosisCode")).toString(), QStringLiteral("signature_invalid"));
    }
    QVERIFY(!r.out.contains(token(MintPreset::Valid).left(40).toUtf8()));
}

void TestProbeCommand::weakApiExitsOneWithJUnit()
{
    const QString junit = m_dir.filePath(QStringLiteral("probe.xml"));
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("GET"), m_weak->url(), QStringLiteral("--token"),
                       token(MintPreset::Valid), QStringLiteral("--junit-out"), junit});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.startsWith("control: 200 accepted\n"), r.out.constData());
    QVERIFY2(r.out.contains("\nVULNERABLE alg-none "), r.out.constData());
    QVERIFY(r.out.contains("needs signing key")); // the claim rows without --signing-key
    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray xml = file.readAll();
    QVERIFY(xml.contains("<testsuite name=\"probe\""));
    QVERIFY(xml.contains("name=\"alg-none\""));
    QVERIFY(xml.contains("<failure message=\"VULNERABLE"));
    QVERIFY(xml.contains("<skipped message=\"needs signing key\""));
}

void TestProbeCommand::inconclusiveExitsThree()
{
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("GET"), url("/api/private"), QStringLiteral("--token"),
                       token(MintPreset::Expired), QStringLiteral("--json")});
    QCOMPARE(r.exit, 3);
    const QJsonObject report = json(r);
    QCOMPARE(report.value(QLatin1String("control")).toObject().value(QLatin1String("status")).toInt(), 401);
    QCOMPARE(report.value(QLatin1String("inconclusive")).toBool(), true);
    QVERIFY(report.value(QLatin1String("results")).toArray().isEmpty());
}

void TestProbeCommand::rejectBodyMatchMakesTheControlFail()
{
    // The weak API answers {"ok":true}: a pattern that matches it turns the accepted control into a rejection.
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("GET"), m_weak->url(), QStringLiteral("--token"),
                       token(MintPreset::Valid), QStringLiteral("--reject-body-match"), QStringLiteral("\"ok\"\\s*:")});
    QCOMPARE(r.exit, 3);
    QVERIFY2(r.out.contains("NOT accepted"), r.out.constData());
}

void TestProbeCommand::onlyAndSkipChooseRows()
{
    const Run r = cli({QStringLiteral("probe"), QStringLiteral("GET"), m_weak->url(), QStringLiteral("--token"),
                       token(MintPreset::Valid), QStringLiteral("--only"), QStringLiteral("alg-none,sig-stripped"),
                       QStringLiteral("--only"), QStringLiteral("kid-unknown"), QStringLiteral("--skip"),
                       QStringLiteral("kid-unknown"), QStringLiteral("--json"), QStringLiteral("--concurrency"),
                       QStringLiteral("1")});
    QCOMPARE(r.exit, 1);
    QSet<QString> ids;
    for (const QJsonValue& row : json(r).value(QLatin1String("results")).toArray())
        ids.insert(row.toObject().value(QLatin1String("id")).toString());
    QCOMPARE(ids, (QSet<QString>{QStringLiteral("alg-none"), QStringLiteral("sig-stripped")}));
    QCOMPARE(idsWith(json(r), QStringLiteral("VULNERABLE")), QSet<QString>{QStringLiteral("alg-none")});
}

void TestProbeCommand::strictFailsOnWeakRows()
{
    // --accept-status 200,401 makes the weak API's 401 to two Authorization values count as accepted: a weak row.
    const QStringList args{QStringLiteral("probe"),
                           QStringLiteral("GET"),
                           m_weak->url(),
                           QStringLiteral("--token"),
                           token(MintPreset::Valid),
                           QStringLiteral("--only"),
                           QStringLiteral("two-authorization-headers"),
                           QStringLiteral("--accept-status"),
                           QStringLiteral("200,401"),
                           QStringLiteral("--json")};
    const Run lenient = cli(args);
    QCOMPARE(lenient.exit, 0);
    QCOMPARE(idsWith(json(lenient), QStringLiteral("weak")),
             QSet<QString>{QStringLiteral("two-authorization-headers")});
    const Run strict = cli(args + QStringList{QStringLiteral("--strict")});
    QCOMPARE(strict.exit, 1);
}

void TestProbeCommand::tokenFromFileAndItem()
{
    // --token @FILE keeps the token out of the process list.
    const QString tokenFile = m_dir.filePath(QStringLiteral("token.txt"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(token(MintPreset::Valid).toLatin1() + '\n');
    file.close();
    const Run fromFile =
        cli({QStringLiteral("probe"), QStringLiteral("GET"), m_weak->url(), QStringLiteral("--token"),
             QString(QLatin1Char('@') + tokenFile), QStringLiteral("--only"), QStringLiteral("alg-none")});
    QCOMPARE(fromFile.exit, 1);

    // --item: the demo's private request gets its token from the OAuth profile (client credentials); that token is
    // the one mutated.
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString path = DemoWorkspaceFiles::write(m_dir, m_server);
    QVERIFY(!path.isEmpty());
    const Run item = cli(
        {QStringLiteral("probe"), QStringLiteral("--item"), QStringLiteral("Quickstart API/Protected/Private message"),
         QStringLiteral("--workspace"), path, QStringLiteral("--env-var"),
         QStringLiteral("clientSecret=") + QString::fromLatin1(m_server.embeddedIssuer()->clientSecret()),
         QStringLiteral("--only"), QStringLiteral("alg-none,sig-stripped,bearer-lowercase-scheme"),
         QStringLiteral("--json")});
    QVERIFY2(item.exit == 0, item.out.constData());
    const QJsonObject report = json(item);
    QCOMPARE(report.value(QLatin1String("control")).toObject().value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(idsWith(report, QStringLiteral("ok")),
             (QSet<QString>{QStringLiteral("alg-none"), QStringLiteral("sig-stripped"),
                            QStringLiteral("bearer-lowercase-scheme")}));
    QVERIFY(!item.out.contains(m_server.embeddedIssuer()->clientSecret()));
}

QTEST_GUILESS_MAIN(TestProbeCommand)
#include "TestProbeCommand.moc"
