// SPDX-License-Identifier: MIT
#include "crypto/Hmac.h"

#include <QTest>

class TestHmac : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc4231_data()
    {
        QTest::addColumn<HashAlg>("alg");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expectedHex");

        struct Case
        {
            const char* name;
            QByteArray key;
            QByteArray data;
            const char* sha256;
            const char* sha384;
            const char* sha512;
        };
        QByteArray key4;
        for (char c = 1; c <= 25; ++c)
            key4.append(c);
        const QByteArray longData(
            "This is a test using a larger than block-size key and a larger than block-size data. "
            "The key needs to be hashed before being used by the HMAC algorithm.");
        // RFC 4231 §4.2-§4.8 (test case 5, truncated output, is not an HMAC property and is left out).
        const Case cases[] = {
            {"RFC4231 case 1", QByteArray(20, '\x0b'), QByteArray("Hi There"),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
             "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
             "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914ee"
             "b61f17"
             "02e696c203a126854"},
            {"RFC4231 case 2", QByteArray("Jefe"), QByteArray("what do ya want for nothing?"),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
             "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
             "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34"
             "d4a6b4"
             "b636e070a38bce737"},
            {"RFC4231 case 3", QByteArray(20, '\xaa'), QByteArray(50, '\xdd'),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
             "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
             "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337b"
             "ee89426"
             "74278859e13292fb"},
            {"RFC4231 case 4", key4, QByteArray(50, '\xcd'),
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
             "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
             "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f197411"
             "20c4f2d"
             "e2adebeb10a298dd"},
            {"RFC4231 case 6", QByteArray(131, '\xaa'),
             QByteArray("Test Using Larger Than Block-Size Key - Hash Key First"),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
             "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
             "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f"
             "63f0aec"
             "8b915a985d786598"},
            {"RFC4231 case 7", QByteArray(131, '\xaa'), longData,
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
             "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
             "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6"
             "de04460"
             "65c97440fa8c6a58"},
        };
        for (const Case& c : cases) {
            QTest::addRow("%s HMAC-SHA-256", c.name) << HashAlg::Sha256 << c.key << c.data << QByteArray(c.sha256);
            QTest::addRow("%s HMAC-SHA-384", c.name) << HashAlg::Sha384 << c.key << c.data << QByteArray(c.sha384);
            QTest::addRow("%s HMAC-SHA-512", c.name) << HashAlg::Sha512 << c.key << c.data << QByteArray(c.sha512);
        }
    }
    void rfc4231()
    {
        QFETCH(HashAlg, alg);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expectedHex);
        const QByteArray mac = Hmac::compute(alg, key, data);
        QCOMPARE(mac.toHex(), expectedHex);
        QVERIFY(Hmac::verify(alg, key, data, mac));
    }

    void emptyKeyStillComputes()
    {
        // Policy (minimum key length) lives in src/jose; the primitive must still compute. Value cross-checked with
        // Python's hmac module.
        QCOMPARE(Hmac::compute(HashAlg::Sha256, QByteArrayView(), QByteArrayView()).toHex(),
                 QByteArray("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
    }

    void verifyRejects_data()
    {
        QTest::addColumn<QByteArray>("mac");
        const QByteArray good = QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QByteArray flipped = good;
        flipped[31] = static_cast<char>(flipped[31] ^ 0x01);
        QByteArray firstFlipped = good;
        firstFlipped[0] = static_cast<char>(firstFlipped[0] ^ 0x80);
        QTest::newRow("last bit flipped") << flipped;
        QTest::newRow("first bit flipped") << firstFlipped;
        QTest::newRow("truncated to 16 bytes") << good.left(16);
        QTest::newRow("one byte short") << good.left(31);
        QTest::newRow("one byte extra") << QByteArray(good + QByteArray(1, '\0'));
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("SHA-512 length") << QByteArray(64, '\0');
    }
    void verifyRejects()
    {
        QFETCH(QByteArray, mac);
        QVERIFY(!Hmac::verify(HashAlg::Sha256, QByteArrayView("Jefe"), QByteArrayView("what do ya want for nothing?"),
                              mac));
    }
};

QTEST_GUILESS_MAIN(TestHmac)
#include "TestHmac.moc"
