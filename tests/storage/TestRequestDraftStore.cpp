// SPDX-License-Identifier: MIT
#include "storage/MemorySecretStore.h"
#include "storage/RequestDraftStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

/// Drafts survive a restart; their secrets go to the SecretStore, never into the file.
class TestRequestDraftStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsSecretsOutOfTheFile();
    void withoutSecretStoreTheDraftLosesOnlySecrets();
    void noDraft();
    void memoryStore();
};

namespace {
HttpRequestSpec secretRequest()
{
    HttpRequestSpec r;
    r.method = QStringLiteral("PUT");
    r.url = QStringLiteral("https://user:pw0rd@api.example.com/x?access_token=qtok&y=2");
    r.headers = {{QStringLiteral("X-API-Key"), QStringLiteral("hdr-key"), true},
                 {QStringLiteral("Accept"), QStringLiteral("application/json"), false}};
    r.auth.kind = HttpRequestSpec::AuthKind::Basic;
    r.auth.username = QStringLiteral("bob");
    r.auth.password = QStringLiteral("hunter2");
    r.auth.token = QStringLiteral("bearer-tok");
    r.bodyKind = HttpRequestSpec::BodyKind::Raw;
    r.rawBody = QStringLiteral("{\"v\":\"env-secret\"}");
    r.syncQueryFromUrl();
    return r;
}
} // namespace

void TestRequestDraftStore::roundTripKeepsSecretsOutOfTheFile()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    const QString path = dir.filePath(QStringLiteral("draft.json"));
    RequestDraftStore store(path, &secrets);
    const HttpRequestSpec original = secretRequest();
    QVERIFY(store.save(original, {QStringLiteral("env-secret")}).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    for (const char* secret : {"hunter2", "bearer-tok", "hdr-key", "pw0rd", "qtok", "env-secret"})
        QVERIFY2(!text.contains(secret), secret);
    QCOMPARE(secrets.size(), 1);

    RequestDraftStore reopened(path, &secrets);
    const auto loaded = reopened.load();
    QVERIFY(loaded.ok());
    QVERIFY(loaded.value().has_value());
    QVERIFY(loaded.value()->secretsRestored);
    QCOMPARE(loaded.value()->request, original);

    reopened.clear();
    QVERIFY(!QFile::exists(path));
    QCOMPARE(secrets.size(), 0);
}

void TestRequestDraftStore::withoutSecretStoreTheDraftLosesOnlySecrets()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    const QString path = dir.filePath(QStringLiteral("draft.json"));
    QVERIFY(RequestDraftStore(path, &secrets).save(secretRequest()).ok());
    MemorySecretStore emptyAfterRestart; // memory backend: secrets do not survive the process
    const auto loaded = RequestDraftStore(path, &emptyAfterRestart).load();
    QVERIFY(loaded.ok() && loaded.value().has_value());
    QVERIFY(!loaded.value()->secretsRestored);
    QCOMPARE(loaded.value()->request.auth.password, QStringLiteral("<PASSWORD>"));
    QCOMPARE(loaded.value()->request.method, QStringLiteral("PUT"));
    const auto noStore = RequestDraftStore(dir.filePath(QStringLiteral("d2.json")), nullptr).save(secretRequest());
    QVERIFY(!noStore.ok());
    QCOMPARE(noStore.error().code, ErrorCode::Io);
}

void TestRequestDraftStore::noDraft()
{
    QTemporaryDir dir;
    const auto loaded = RequestDraftStore(dir.filePath(QStringLiteral("none.json")), nullptr).load();
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.value().has_value());
}

void TestRequestDraftStore::memoryStore()
{
    MemorySecretStore s;
    QVERIFY(!s.isPersistent());
    QVERIFY(s.write(QStringLiteral("a"), "1").ok());
    QCOMPARE(s.read(QStringLiteral("a")).value(), QByteArray("1"));
    QVERIFY(s.read(QStringLiteral("b")).value().isNull());
    QVERIFY(s.remove(QStringLiteral("a")).ok());
    QVERIFY(s.read(QStringLiteral("a")).value().isNull());
}

QTEST_GUILESS_MAIN(TestRequestDraftStore)
#include "TestRequestDraftStore.moc"
