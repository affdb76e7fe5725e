// SPDX-License-Identifier: MIT
#include "storage/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QTest>
#include <QThread>
#include <QTimer>

/// KeychainSecretStore against a real Secret Service: ctest runs this through run-with-keyring.sh, which starts a
/// private D-Bus session with an unlocked gnome-keyring in a temporary directory (never the user's keyring). Run
/// any other way, or where no Secret Service can be started, it is skipped and says why.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void roundTripSurvivesANewStore();
    void missingKeyIsNull();
    void removeForgets();
    void callerEventLoopIsNotReentered();

private:
    QString m_service;
};

void TestKeychainSecretStore::initTestCase()
{
    if (qEnvironmentVariable("TOKENSCOPE_TEST_KEYRING") != QLatin1String("1"))
        QSKIP("needs the private keyring of run-with-keyring.sh (ctest starts it); not run against the user's own "
              "keychain");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("no D-Bus session bus: install dbus and gnome-keyring (scripts/install-deps.sh)");
    m_service = QStringLiteral("Tokenscope-test-%1").arg(QCoreApplication::applicationPid());
    KeychainSecretStore probe(m_service);
    (void)probe.write(QStringLiteral("probe"), "x");
    if (!probe.isPersistent())
        QSKIP(qPrintable(QString(QStringLiteral("no Secret Service answered: ") + probe.availabilityNote())));
    QVERIFY(probe.remove(QStringLiteral("probe")).ok());
}

void TestKeychainSecretStore::roundTripSurvivesANewStore()
{
    // Binary on purpose (a NUL, invalid UTF-8, then UTF-8); the length comes from the literal itself.
    static const char raw[] = "binary\0bytes \xff\xfe and \xc3\xa4 text";
    const QByteArray secret(raw, sizeof(raw) - 1);
    {
        KeychainSecretStore store(m_service);
        QVERIFY(store.write(QStringLiteral("environment/dev"), secret).ok());
        QVERIFY(store.isPersistent());
        QCOMPARE(store.backendName(), QStringLiteral("OS keychain"));
    }
    KeychainSecretStore reopened(m_service); // nothing cached in memory: it comes from the keyring
    const auto read = reopened.read(QStringLiteral("environment/dev"));
    QVERIFY(read.ok());
    QCOMPARE(read.value(), secret);
    QVERIFY(reopened.isPersistent());
    QVERIFY(reopened.remove(QStringLiteral("environment/dev")).ok());
}

void TestKeychainSecretStore::missingKeyIsNull()
{
    KeychainSecretStore store(m_service);
    const auto read = store.read(QStringLiteral("never-written"));
    QVERIFY(read.ok());
    QVERIFY(read.value().isNull());
    QVERIFY(store.isPersistent()); // "not found" is not "no keychain"
}

void TestKeychainSecretStore::removeForgets()
{
    KeychainSecretStore store(m_service);
    QVERIFY(store.write(QStringLiteral("k"), "v").ok());
    QVERIFY(store.remove(QStringLiteral("k")).ok());
    QVERIFY(KeychainSecretStore(m_service).read(QStringLiteral("k"))->isNull());
    QVERIFY(store.remove(QStringLiteral("k")).ok()); // removing twice is fine
}

void TestKeychainSecretStore::callerEventLoopIsNotReentered()
{
    // A GUI thread saving a draft must not run timers, paints or clicks inside write(): the QtKeychain job runs on
    // the store's own thread and the caller just waits. A zero timer posted before each call would fire inside any
    // nested event loop on this thread.
    KeychainSecretStore store(m_service);
    QVERIFY(store.workerThread() != nullptr);
    QVERIFY(store.workerThread() != QThread::currentThread());
    int fired = 0;
    QTimer::singleShot(0, this, [&fired] { ++fired; });
    QVERIFY(store.write(QStringLiteral("reentry"), "v").ok());
    QCOMPARE(fired, 0);
    QTimer::singleShot(0, this, [&fired] { ++fired; });
    QCOMPARE(store.read(QStringLiteral("reentry")).value(), QByteArray("v"));
    QCOMPARE(fired, 0);
    QTimer::singleShot(0, this, [&fired] { ++fired; });
    QVERIFY(store.remove(QStringLiteral("reentry")).ok());
    QCOMPARE(fired, 0);
    QVERIFY(store.isPersistent()); // the keychain answered: the calls above went through the worker thread
    QCoreApplication::processEvents();
    QCOMPARE(fired, 3); // and the timers were real
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "TestKeychainSecretStore.moc"
