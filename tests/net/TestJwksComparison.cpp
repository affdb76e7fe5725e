// SPDX-License-Identifier: MIT
// JwksComparison: two files or URLs compared without blocking — both loads in flight at once, progress, cancel,
// the failing side named, a new comparison replacing a running one. Loopback server, no sleeps.
#include "net/JwksComparison.h"
#include "support/JwksTestServer.h"
#include "support/KeyTestData.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestJwksComparison : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeSet(const char* name, const QJsonArray& keys)
    {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(KeyTestData::setText(keys)) < 0) {
            return QString();
        }
        return path;
    }

    static JwksTestServer::Response hang() { return JwksTestServer::Response{200, {}, {}, true}; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fileAgainstUrl()
    {
        const QJsonObject k = KeyTestData::attackKeys();
        const QString before = writeSet("before.json", {k.value(QLatin1String("rsa_pub"))});
        JwksTestServer server;
        server.route("/jwks", JwksTestServer::Response{200, KeyTestData::publicSet(), {}, false});
        JwksComparison comparison;
        QSignalSpy progress(&comparison, &JwksComparison::progress);
        QSignalSpy finished(&comparison, &JwksComparison::finished);
        comparison.start(before, server.url(QStringLiteral("/jwks")));
        QVERIFY(comparison.isRunning());
        QVERIFY(finished.wait(15000));
        QVERIFY(!comparison.isRunning());
        const auto result = finished.first().first().value<JwksComparisonResult>();
        QCOMPARE(result.diff.added.size(), 1); // the EC key
        QCOMPARE(result.diff.removed.size(), 0);
        QCOMPARE(result.diff.unchanged, 1);
        QCOMPARE(result.beforeOrigin, before);
        QCOMPARE(result.afterOrigin, server.url(QStringLiteral("/jwks")));
        QVERIFY(!result.insecure);
        QCOMPARE(progress.last(), (QList<QVariant>{2, 2}));
    }

    void bothUrlsLoadAtOnceAndCancel()
    {
        JwksTestServer server;
        server.route("/a", hang());
        server.route("/b", hang());
        JwksComparison comparison;
        QSignalSpy failed(&comparison, &JwksComparison::failed);
        QSignalSpy finished(&comparison, &JwksComparison::finished);
        comparison.start(server.url(QStringLiteral("/a")), server.url(QStringLiteral("/b")));
        // start() returned at once; both requests are in flight together.
        QTRY_COMPARE(server.requests().size(), 2);
        QVERIFY(comparison.isRunning());
        comparison.cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Cancelled);
        QVERIFY(!comparison.isRunning());
        QTest::qWait(50); // nothing of the aborted loads arrives later
        QCOMPARE(failed.size(), 1);
        QCOMPARE(finished.size(), 0);
    }

    void failingSideIsNamedAndStopsTheOther()
    {
        JwksTestServer server;
        server.route("/slow", hang());
        JwksComparison comparison;
        QSignalSpy failed(&comparison, &JwksComparison::failed);
        const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
        comparison.start(server.url(QStringLiteral("/slow")), missing);
        QVERIFY(failed.wait(15000));
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.code, ErrorCode::Io);
        QVERIFY2(e.message.startsWith(QStringLiteral("after (%1): ").arg(missing)), qPrintable(e.message));
        QVERIFY(!comparison.isRunning());
        QTest::qWait(50);
        QCOMPARE(failed.size(), 1);
    }

    void newComparisonReplacesTheRunningOne()
    {
        const QJsonObject k = KeyTestData::attackKeys();
        const QString one = writeSet("one.json", {k.value(QLatin1String("rsa_pub"))});
        const QString two = writeSet("two.json", {k.value(QLatin1String("ec_pub"))});
        JwksTestServer server;
        server.route("/slow", hang());
        JwksComparison comparison;
        QSignalSpy failed(&comparison, &JwksComparison::failed);
        QSignalSpy finished(&comparison, &JwksComparison::finished);
        comparison.start(server.url(QStringLiteral("/slow")), server.url(QStringLiteral("/slow")));
        comparison.start(one, two);
        QVERIFY(finished.wait(15000));
        QCOMPARE(failed.size(), 0);
        const auto result = finished.first().first().value<JwksComparisonResult>();
        QCOMPARE(result.diff.added.size(), 1);
        QCOMPARE(result.diff.removed.size(), 1);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestJwksComparison)
#include "TestJwksComparison.moc"
