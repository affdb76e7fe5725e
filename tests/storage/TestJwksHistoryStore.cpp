// SPDX-License-Identifier: MIT
// Rotation history per URL: previous vs current with both fetch times, public members only, atomic files.
#include "storage/JwksHistoryStore.h"
#include "support/KeyTestData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {
using KeyTestData::attackKeys;

Jwks setOf(const QJsonArray& keys)
{
    JwkImportOptions options;
    options.allowWeakRsa = true;
    return Jwks::fromJsonObject(QJsonObject{{QStringLiteral("keys"), keys}}, options).value();
}
} // namespace

class TestJwksHistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstFetchThenRotation()
    {
        QTemporaryDir dir;
        const QJsonObject keys = attackKeys();
        const QString url = QStringLiteral("https://issuer.example/jwks");
        JwksHistoryStore store(dir.path());
        auto first = store.record(url, setOf({keys.value(QLatin1String("rsa_pub"))}), 1000);
        QVERIFY(first.ok());
        QVERIFY(!first->previous);
        QCOMPARE(first->diff.added.size(), 1);

        // Rotation: the RSA key is replaced by the EC key.
        auto second = store.record(url, setOf({keys.value(QLatin1String("ec_pub"))}), 2000);
        QVERIFY(second.ok());
        QVERIFY(second->previous.has_value());
        QCOMPARE(second->previous->fetchedAtMs, qint64(1000));
        QCOMPARE(second->current.fetchedAtMs, qint64(2000));
        QCOMPARE(second->diff.added.size(), 1);
        QCOMPARE(second->diff.removed.size(), 1);
        QCOMPARE(second->diff.added.first().ktyName(), QStringLiteral("EC"));
        QCOMPARE(second->diff.removed.first().ktyName(), QStringLiteral("RSA"));

        // A new store on the same directory (a restart) sees the same rotation.
        JwksHistoryStore reopened(dir.path());
        auto loaded = reopened.load(url);
        QVERIFY(loaded.ok());
        QVERIFY(loaded->has_value());
        QCOMPARE(loaded->value().previous->fetchedAtMs, qint64(1000));
        QCOMPARE(loaded->value().current.fetchedAtMs, qint64(2000));
        QCOMPARE(loaded->value().diff.added.size(), 1);
        QCOMPARE(loaded->value().diff.removed.size(), 1);

        // Unchanged refresh: an empty diff against the fetch before.
        auto third = store.record(url, setOf({keys.value(QLatin1String("ec_pub"))}), 3000);
        QVERIFY(third->diff.isEmpty());
        QCOMPARE(third->diff.unchanged, 1);
        QCOMPARE(third->previous->fetchedAtMs, qint64(2000));
    }

    void changedKeyMaterial()
    {
        QTemporaryDir dir;
        const QJsonObject keys = attackKeys();
        QJsonObject rsa = keys.value(QLatin1String("rsa_pub")).toObject();
        QJsonObject ec = keys.value(QLatin1String("ec_pub")).toObject();
        ec.insert(QStringLiteral("kid"), rsa.value(QLatin1String("kid")));
        JwksHistoryStore store(dir.path());
        QVERIFY(store.record(QStringLiteral("u"), setOf({rsa}), 1).ok());
        auto r = store.record(QStringLiteral("u"), setOf({ec}), 2);
        QCOMPARE(r->diff.changed.size(), 1);
        QVERIFY(r->diff.changed.first().what.contains(QStringLiteral("key material")));
    }

    void publicMembersOnly()
    {
        QTemporaryDir dir;
        const QJsonObject keys = attackKeys();
        JwksHistoryStore store(dir.path());
        const QString url = QStringLiteral("https://leaky.example/jwks");
        auto r = store.record(url, setOf({keys.value(QLatin1String("rsa_priv")), keys.value(QLatin1String("hs"))}), 5);
        QVERIFY(r.ok());
        QFile f(store.fileFor(url));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        const QString d = keys.value(QLatin1String("rsa_priv")).toObject().value(QLatin1String("d")).toString();
        QVERIFY(!text.contains(d.toLatin1()));
        QVERIFY(
            !text.contains(keys.value(QLatin1String("hs")).toObject().value(QLatin1String("k")).toString().toLatin1()));
        QVERIFY(text.contains("\"n\""));
        QVERIFY(!r->current.keys.keys().first().isPrivate());
    }

    void separateUrls()
    {
        QTemporaryDir dir;
        JwksHistoryStore store(dir.path());
        QVERIFY(store.fileFor(QStringLiteral("https://a/jwks")) != store.fileFor(QStringLiteral("https://b/jwks")));
        auto none = store.load(QStringLiteral("https://never.example/jwks"));
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
    }

    void damagedFile()
    {
        QTemporaryDir dir;
        JwksHistoryStore store(dir.path());
        const QString url = QStringLiteral("https://x.example/jwks");
        QFile f(store.fileFor(url));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{not json");
        f.close();
        auto loaded = store.load(url);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::JsonInvalid);
        // Recording again replaces the damaged file.
        QVERIFY(store.record(url, Jwks(), 1).ok());
        QVERIFY(store.load(url).ok());
    }
};

QTEST_GUILESS_MAIN(TestJwksHistoryStore)
#include "TestJwksHistoryStore.moc"
