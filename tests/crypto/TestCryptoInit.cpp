// SPDX-License-Identifier: MIT
#include "crypto/CryptoInit.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

class TestCryptoInit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // First in this process: the digest tests alone (as tokenscope-cli's decrypt starts), then both entry points
    // from several threads at once; every caller sees success and each part runs once.
    void digestTestsFirstThenAll()
    {
        QVERIFY(CryptoInit::initDigests().ok());
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&failures, i] {
                if (!(i % 2 == 0 ? CryptoInit::init() : CryptoInit::initDigests()).ok())
                    ++failures;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
    }

    void selfTestPasses()
    {
        const auto result = CryptoInit::init();
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toString()));
    }

    void idempotentAndThreadSafe()
    {
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&failures] {
                if (!CryptoInit::init().ok())
                    ++failures;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        QVERIFY(CryptoInit::init().ok());
    }

    void versionString()
    {
        const QString version = CryptoInit::openSslVersion();
        QVERIFY2(version.startsWith(QLatin1String("OpenSSL 3")), qPrintable(version));
    }
};

QTEST_GUILESS_MAIN(TestCryptoInit)
#include "TestCryptoInit.moc"
