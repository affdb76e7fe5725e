// SPDX-License-Identifier: MIT
#include "crypto/Digest.h"

#include <QTest>

class TestDigest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownAnswers_data()
    {
        QTest::addColumn<HashAlg>("alg");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expectedHex");
        const QByteArray abc("abc");
        const QByteArray twoBlocks("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
        // FIPS 180-2 Appendix A/B/C (one-block and two-block messages) and the empty message.
        QTest::newRow("FIPS180-2 A.1 SHA-1 abc")
            << HashAlg::Sha1 << abc << QByteArray("a9993e364706816aba3e25717850c26c9cd0d89d");
        QTest::newRow("FIPS180-2 A.2 SHA-1 two blocks")
            << HashAlg::Sha1 << twoBlocks << QByteArray("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
        QTest::newRow("FIPS180-2 B.1 SHA-256 abc")
            << HashAlg::Sha256 << abc << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("FIPS180-2 B.2 SHA-256 two blocks")
            << HashAlg::Sha256 << twoBlocks
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("SHA-256 empty") << HashAlg::Sha256 << QByteArray()
                                       << QByteArray(
                                              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("FIPS180-2 D.1 SHA-384 abc")
            << HashAlg::Sha384 << abc
            << QByteArray(
                   "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
        QTest::newRow("SHA-384 empty")
            << HashAlg::Sha384 << QByteArray()
            << QByteArray(
                   "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b");
        QTest::newRow("FIPS180-2 C.1 SHA-512 abc")
            << HashAlg::Sha512 << abc
            << QByteArray("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        QTest::newRow("SHA-512 empty") << HashAlg::Sha512 << QByteArray()
                                       << QByteArray(
                                              "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                              "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    }
    void knownAnswers()
    {
        QFETCH(HashAlg, alg);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expectedHex);
        const QByteArray digest = Digest::hash(alg, message);
        QCOMPARE(digest.toHex(), expectedHex);
        QCOMPARE(digest.size(), hashSize(alg));
    }

    void millionA()
    {
        // FIPS 180-2 B.3: one million 'a'.
        const QByteArray input(1000000, 'a');
        QCOMPARE(Digest::hash(HashAlg::Sha256, input).toHex(),
                 QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void names()
    {
        QCOMPARE(hashName(HashAlg::Sha1), QStringLiteral("SHA-1"));
        QCOMPARE(hashName(HashAlg::Sha256), QStringLiteral("SHA-256"));
        QCOMPARE(hashName(HashAlg::Sha384), QStringLiteral("SHA-384"));
        QCOMPARE(hashName(HashAlg::Sha512), QStringLiteral("SHA-512"));
        QCOMPARE(hashSize(HashAlg::Sha1), 20);
        QCOMPARE(hashSize(HashAlg::Sha512), 64);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "TestDigest.moc"
