// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/ConcatKdf.h"

#include <QTest>

#include <thread>

namespace {

// RFC 7518 Appendix C: the ECDH-ES shared secret Z of the example (P-256).
const QByteArray kZ = QByteArray::fromHex("9e56d91d817135d372834283bf84269cfb316ea3da806a48f6daa7798cfe90c4");

} // namespace

class TestConcatKdf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownAnswers_data()
    {
        QTest::addColumn<QByteArray>("algorithmId");
        QTest::addColumn<int>("keyBytes");
        QTest::addColumn<QByteArray>("expectedHex");
        // RFC 7518 Appendix C: AlgorithmID "A128GCM", apu "Alice", apv "Bob", 128 bits -> "VqqN6vgjbSBcIijNcacQGg".
        QTest::newRow("RFC7518 C A128GCM")
            << QByteArray("A128GCM") << 16 << Base64Url::decode("VqqN6vgjbSBcIijNcacQGg").value().toHex();
        // Two SHA-256 blocks (counter 1 and 2), as ECDH-ES with A256CBC-HS512 needs; the expected value is
        // `openssl kdf -keylen 64 -kdfopt digest:SHA256 -kdfopt hexkey:<Z> -kdfopt hexinfo:<OtherInfo> SSKDF` (OpenSSL
        // 3.0.19), and the same from Python's hashlib.
        QTest::newRow("SSKDF A256CBC-HS512 two blocks")
            << QByteArray("A256CBC-HS512") << 64
            << QByteArray("3986aa79f6396420e580e5d3890f623fee5d4522307929eb99ee3425a001ecc1"
                          "75b1754e3fb644ce825034b562523e9a8806bca8d76afa861e9b79515803225d");
    }

    void knownAnswers()
    {
        QFETCH(QByteArray, algorithmId);
        QFETCH(int, keyBytes);
        QFETCH(QByteArray, expectedHex);
        const QByteArray info = ConcatKdf::otherInfo(algorithmId, "Alice", "Bob", keyBytes * 8);
        const auto key = ConcatKdf::derive(kZ, info, keyBytes);
        QVERIFY(key);
        QCOMPARE(key->toHex(), expectedHex);
        // The per-thread digest context is reused: a second call gives the same key.
        QCOMPARE(ConcatKdf::derive(kZ, info, keyBytes)->toHex(), expectedHex);
    }

    void otherInfoLayout()
    {
        // RFC 7518 §4.6.2: each part length-prefixed (32-bit big endian), SuppPubInfo the key length in bits.
        QCOMPARE(ConcatKdf::otherInfo("A256CBC-HS512", "Alice", "Bob", 512).toHex(),
                 QByteArray("0000000d413235364342432d485335313200000005416c69636500000003426f6200000200"));
    }

    void threadsGetTheSameKey()
    {
        // Each thread has its own digest context; a thread's first call and another thread's calls agree.
        const QByteArray info = ConcatKdf::otherInfo("A128GCM", "Alice", "Bob", 128);
        QByteArray fromThread;
        std::thread t([&] { fromThread = ConcatKdf::derive(kZ, info, 16).value(); });
        t.join();
        QCOMPARE(fromThread, ConcatKdf::derive(kZ, info, 16).value());
    }

    void refusesAnEmptyLength()
    {
        const auto key = ConcatKdf::derive(kZ, QByteArray(), 0);
        QVERIFY(!key);
        QCOMPARE(key.error().code, ErrorCode::CryptoFailure);
    }
};

QTEST_GUILESS_MAIN(TestConcatKdf)
#include "TestConcatKdf.moc"
