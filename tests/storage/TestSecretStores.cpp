// SPDX-License-Identifier: MIT
#include "storage/MemorySecretStore.h"
#include "storage/SecretStores.h"

#include <QTest>

/// SecretStores::shared(): one store per process, the same for every caller (GUI and CLI), memory without D-Bus.
class TestSecretStores : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void withoutDbusSecretsStayInMemoryForTheSession();
};

void TestSecretStores::withoutDbusSecretsStayInMemoryForTheSession()
{
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    {
        const auto first = SecretStores::shared();
        const auto second = SecretStores::shared();
        QCOMPARE(first.get(), second.get());
        QVERIFY(dynamic_cast<MemorySecretStore*>(first.get()) != nullptr);
        QVERIFY(!first->isPersistent());
        QVERIFY(first->write(QStringLiteral("draft"), "secret").ok());
    }
    // Nobody holds the store any more; a later window still finds the session's secrets.
    QCOMPARE(SecretStores::shared()->read(QStringLiteral("draft")).value(), QByteArray("secret"));
}

QTEST_GUILESS_MAIN(TestSecretStores)
#include "TestSecretStores.moc"
