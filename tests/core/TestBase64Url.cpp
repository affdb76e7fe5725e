// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"

#include <QTest>

class TestBase64Url : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("encoded");
        // RFC 4648 §10 test vectors, translated to the URL alphabet without padding.
        QTest::newRow("RFC4648 empty") << QByteArray() << QByteArray();
        QTest::newRow("RFC4648 f") << QByteArray("f") << QByteArray("Zg");
        QTest::newRow("RFC4648 fo") << QByteArray("fo") << QByteArray("Zm8");
        QTest::newRow("RFC4648 foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("RFC4648 foob") << QByteArray("foob") << QByteArray("Zm9vYg");
        QTest::newRow("RFC4648 fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
        QTest::newRow("RFC4648 foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
        // RFC 7515 §C: bytes 3 236 255 224 193 -> "A-z_4ME"
        QTest::newRow("RFC7515 C") << QByteArray("\x03\xec\xff\xe0\xc1", 5) << QByteArray("A-z_4ME");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, encoded);
        QCOMPARE(Base64Url::encode(plain), encoded);
        auto decoded = Base64Url::decode(encoded);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value(), plain);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qsizetype>("offset");
        QTest::newRow("padding") << QByteArray("Zg==") << qsizetype(2);
        QTest::newRow("space") << QByteArray("Zm 9v") << qsizetype(2);
        QTest::newRow("plus (standard alphabet)") << QByteArray("ab+c") << qsizetype(2);
        QTest::newRow("slash (standard alphabet)") << QByteArray("ab/c") << qsizetype(2);
        QTest::newRow("question mark") << QByteArray("ab?c") << qsizetype(2);
        QTest::newRow("single trailing char") << QByteArray("Zm9vY") << qsizetype(4);
        QTest::newRow("non-zero unused bits (Wycheproof 374 style)") << QByteArray("Zh") << qsizetype(1);
        QTest::newRow("newline") << QByteArray("Zm9v\nYg") << qsizetype(4);
        // Decoding takes four symbols at a time: an invalid one at each place of a later group, and after whole groups.
        QTest::newRow("invalid 1st of group 3") << QByteArray("Zm9vYmFy?mFy") << qsizetype(8);
        QTest::newRow("invalid 2nd of group 2") << QByteArray("Zm9vY?Fy") << qsizetype(5);
        QTest::newRow("invalid 3rd of group 2") << QByteArray("Zm9vYm=y") << qsizetype(6);
        QTest::newRow("invalid 4th of group 2") << QByteArray("Zm9vYmF\xff") << qsizetype(7);
        QTest::newRow("NUL in group 1") << QByteArray("Zm\0v", 4) << qsizetype(2);
        QTest::newRow("non-zero unused bits after a group") << QByteArray("Zm9vZh") << qsizetype(5);
        QTest::newRow("single trailing char after groups") << QByteArray("Zm9vYmFyY") << qsizetype(8);
    }
    void rejects()
    {
        QFETCH(QByteArray, text);
        QFETCH(qsizetype, offset);
        qsizetype at = -1;
        auto r = Base64Url::decode(text, &at);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Base64Invalid);
        QCOMPARE(at, offset);
        QVERIFY(!Base64Url::isValid(text));
    }

    void rejectionMessageNamesTheCharacter()
    {
        auto r = Base64Url::decode(QByteArray("Zm9vYm?y"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("invalid character '?' at offset 6"));
    }

    void agreesWithQtForEveryLength()
    {
        // An independent reference (Qt's own base64url) for every length modulo three and every group boundary.
        QByteArray data;
        for (int n = 0; n < 200; ++n) {
            const QByteArray expected = data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            QCOMPARE(Base64Url::encode(data), expected);
            auto decoded = Base64Url::decode(expected);
            QVERIFY(decoded.ok());
            QCOMPARE(decoded.value(), data);
            QCOMPARE(Base64Url::encodeStandard(data), data.toBase64());
            // Appended after what is there, the prefix kept (a shared copy of it untouched).
            QByteArray line("decrypted ");
            const QByteArray shared = line;
            Base64Url::appendEncoded(line, data);
            QCOMPARE(line, "decrypted " + expected);
            QCOMPARE(shared, QByteArray("decrypted "));
            data.append(char((n * 151 + 7) & 0xff));
        }
    }

    void lenientAcceptsWhatStrictRejects()
    {
        QCOMPARE(Base64Url::decodeLenient("Zg==").value(), QByteArray("f"));
        QCOMPARE(Base64Url::decodeLenient("Zh").value(), QByteArray("f"));
        QVERIFY(!Base64Url::decodeLenient("Z?g").has_value());
    }

    void standard()
    {
        QCOMPARE(Base64Url::encodeStandard(QByteArray("\xfb\xff", 2)), QByteArray("+/8="));
        QCOMPARE(Base64Url::decodeStandard("+/8=").value(), QByteArray("\xfb\xff", 2));
        QVERIFY(!Base64Url::decodeStandard("+/8").ok());
        QVERIFY(!Base64Url::decodeStandard("-_8=").ok());
    }

    void allBytesRoundTrip()
    {
        QByteArray all;
        for (int i = 0; i < 256; ++i) {
            all.append(char(i));
        }
        for (int len = 0; len <= all.size(); len += 7) {
            const QByteArray part = all.left(len);
            QCOMPARE(Base64Url::decode(Base64Url::encode(part)).value(), part);
            QCOMPARE(Base64Url::decodeStandard(Base64Url::encodeStandard(part)).value(), part);
            QCOMPARE(Base64Url::encode(part),
                     part.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        }
    }
};

QTEST_GUILESS_MAIN(TestBase64Url)
#include "TestBase64Url.moc"
