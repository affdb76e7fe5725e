// SPDX-License-Identifier: MIT
#include "storage/EnvironmentStore.h"
#include "storage/MemorySecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

/// Environments survive a restart; secret values go to the SecretStore, never into the file; stale secrets are
/// removed; a damaged file is reported and left as it is.
class TestEnvironmentStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTrip();
    void secretValueNotInFile();
    void secretRestoredFromStore();
    void missingSecretReported();
    void staleSecretsRemoved();
    void corruptFileIsErrorAndUntouched_data();
    void corruptFileIsErrorAndUntouched();
    void missingFileIsEmpty();
    void duplicateNamesRefused();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("sub/environments.json")); }
    QByteArray fileBytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static EnvironmentSet sample()
    {
        Environment dev(QStringLiteral("dev"));
        dev.setVariable(QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8000"));
        dev.setVariable(QStringLiteral("apiKey"), QStringLiteral("s3cr3t-dev-key"), true);
        QList<EnvironmentVariable> variables = dev.variables();
        variables.append({QStringLiteral("off"), QStringLiteral("x"), false, false});
        dev.setVariables(variables);
        Environment prod(QStringLiteral("prod/eu"));
        prod.setVariable(QStringLiteral("baseUrl"), QStringLiteral("https://api.example.com"));
        prod.setVariable(QStringLiteral("password"), QStringLiteral("pr0d-p\u00e4ss \"quoted\""), true);
        EnvironmentSet set;
        set.environments = {dev, prod};
        set.active = QStringLiteral("prod/eu");
        return set;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
};

void TestEnvironmentStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = MemorySecretStore();
}

void TestEnvironmentStore::roundTrip()
{
    EnvironmentStore store(path(), &m_secrets);
    QVERIFY(store.save(sample()).ok());
    const auto loaded = EnvironmentStore(path(), &m_secrets).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->environments, sample().environments);
    QCOMPARE(loaded->active, QStringLiteral("prod/eu"));
    QCOMPARE(loaded->activeIndex(), 1);
    QVERIFY(loaded->missingSecrets.isEmpty());
}

void TestEnvironmentStore::secretValueNotInFile()
{
    QVERIFY(EnvironmentStore(path(), &m_secrets).save(sample()).ok());
    const QByteArray bytes = fileBytes();
    QVERIFY(bytes.contains("http://127.0.0.1:8000"));
    QVERIFY(bytes.contains("apiKey"));          // the variable is known to exist ...
    QVERIFY(!bytes.contains("s3cr3t-dev-key")); // ... its value is not in the file
    QVERIFY(!bytes.contains("pr0d"));
    QCOMPARE(m_secrets.size(), 2); // one entry per environment with secrets
    QVERIFY(QFile(path()).permissions().testFlag(QFileDevice::ReadOwner));
    QVERIFY(!QFile(path()).permissions().testFlag(QFileDevice::ReadOther));
}

void TestEnvironmentStore::secretRestoredFromStore()
{
    QVERIFY(EnvironmentStore(path(), &m_secrets).save(sample()).ok());
    // The values come from the store: change the stored one and the loaded value follows.
    const QString key = EnvironmentStore::secretKey(QStringLiteral("dev"));
    QVERIFY(m_secrets.read(key)->contains("s3cr3t-dev-key"));
    QVERIFY(m_secrets.write(key, "[{\"name\":\"apiKey\",\"value\":\"from-store\"}]").ok());
    const auto loaded = EnvironmentStore(path(), &m_secrets).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->environments.at(0).variable(QStringLiteral("apiKey"))->value, QStringLiteral("from-store"));
    QCOMPARE(loaded->environments.at(1).variable(QStringLiteral("password"))->value,
             QStringLiteral("pr0d-p\u00e4ss \"quoted\""));
}

void TestEnvironmentStore::missingSecretReported()
{
    QVERIFY(EnvironmentStore(path(), &m_secrets).save(sample()).ok());
    MemorySecretStore empty; // e.g. the last session had no keychain
    const auto loaded = EnvironmentStore(path(), &empty).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->missingSecrets, QStringList({QStringLiteral("dev/apiKey"), QStringLiteral("prod/eu/password")}));
    QCOMPARE(loaded->environments.at(0).variable(QStringLiteral("apiKey"))->value, QString());
    QVERIFY(loaded->environments.at(0).variable(QStringLiteral("apiKey"))->secret);
}

void TestEnvironmentStore::staleSecretsRemoved()
{
    QVERIFY(EnvironmentStore(path(), &m_secrets).save(sample()).ok());
    const QString devKey = EnvironmentStore::secretKey(QStringLiteral("dev"));
    const QString prodKey = EnvironmentStore::secretKey(QStringLiteral("prod/eu"));
    QVERIFY(!m_secrets.read(prodKey)->isEmpty());

    // A new store (as after a restart): rename "prod/eu", drop the secret variable of "dev".
    EnvironmentStore store(path(), &m_secrets);
    auto set = store.load().value();
    set.environments[1].setName(QStringLiteral("production"));
    QVERIFY(set.environments[0].removeVariable(QStringLiteral("apiKey")));
    set.active = QStringLiteral("production");
    QVERIFY(store.save(set).ok());
    QVERIFY(m_secrets.read(devKey)->isNull());
    QVERIFY(m_secrets.read(prodKey)->isNull());
    QVERIFY(m_secrets.read(EnvironmentStore::secretKey(QStringLiteral("production")))->contains("pr0d"));
    QCOMPARE(m_secrets.size(), 1);

    // Un-marking a secret drops its entry too (the value then lives in the file, as the user chose).
    auto variables = set.environments[1].variables();
    variables[1].secret = false;
    set.environments[1].setVariables(variables);
    QVERIFY(store.save(set).ok());
    QCOMPARE(m_secrets.size(), 0);

    // Deleting every environment leaves nothing behind.
    set.environments[1].setVariable(QStringLiteral("token"), QStringLiteral("t0k"), true);
    QVERIFY(store.save(set).ok());
    QCOMPARE(m_secrets.size(), 1);
    QVERIFY(EnvironmentStore(path(), &m_secrets).save({}).ok());
    QCOMPARE(m_secrets.size(), 0);
}

void TestEnvironmentStore::corruptFileIsErrorAndUntouched_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("why");
    QTest::newRow("not JSON") << QByteArray("{\"environments\": [ {\"name\": \"dev\"") << QStringLiteral("offset");
    QTest::newRow("no array") << QByteArray("{\"environments\": 3}") << QStringLiteral("no \"environments\" array");
    QTest::newRow("bad variable") << QByteArray("{\"environments\": [{\"name\": \"d\", \"variables\": [{}]}]}")
                                  << QStringLiteral("each variable needs a string");
    QTest::newRow("newer") << QByteArray("{\"version\": 99, \"environments\": []}") << QStringLiteral("newer");
}

void TestEnvironmentStore::corruptFileIsErrorAndUntouched()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, why);
    QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    EnvironmentStore store(path(), &m_secrets);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::JsonInvalid);
    QVERIFY2(loaded.error().message.contains(why), qPrintable(loaded.error().message));
    QVERIFY(loaded.error().message.contains(QLatin1String("left unchanged")));
    QVERIFY(loaded.error().message.contains(QDir::toNativeSeparators(path())));
    const auto saved = store.save(sample());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::JsonInvalid);
    QCOMPARE(fileBytes(), content); // nothing lost
    QCOMPARE(m_secrets.size(), 0);
}

void TestEnvironmentStore::missingFileIsEmpty()
{
    const auto loaded = EnvironmentStore(path(), &m_secrets).load();
    QVERIFY(loaded.ok());
    QVERIFY(loaded->environments.isEmpty());
    QVERIFY(loaded->active.isEmpty());
    QCOMPARE(loaded->activeIndex(), -1);
    QVERIFY(!QFile::exists(path())); // loading creates nothing
}

void TestEnvironmentStore::duplicateNamesRefused()
{
    EnvironmentSet set;
    set.environments = {Environment(QStringLiteral("a")), Environment(QStringLiteral("a"))};
    const auto saved = EnvironmentStore(path(), &m_secrets).save(set);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::Usage);
    QVERIFY(!QFile::exists(path()));
}

QTEST_GUILESS_MAIN(TestEnvironmentStore)
#include "TestEnvironmentStore.moc"
