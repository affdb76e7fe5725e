// SPDX-License-Identifier: MIT
#include "jose/CompactToken.h"

#include <QTest>

class TestCompactToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7515A1()
    {
        // RFC 7515 Appendix A.1: the header and payload contain CR LF; the exact bytes are kept.
        const QByteArray token =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const CompactToken t = CompactToken::parse(token);
        QVERIFY(t.isStructurallyValid());
        QCOMPARE(t.kind, CompactToken::Kind::Jws);
        QCOMPARE(t.alg(), QStringLiteral("HS256"));
        QCOMPARE(t.headerText, QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"));
        QVERIFY(t.payload.contains("\"exp\":1300819380"));
        QCOMPARE(t.signature.size(), 32);
        QCOMPARE(t.segments[2].offset, token.lastIndexOf('.') + 1);
        QVERIFY(t.payloadObject().ok());
    }

    void diagnostics_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("segment");
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("two parts") << QByteArray("eyJhbGciOiJub25lIn0.e30") << -1 << qsizetype(-1)
                                   << ErrorCode::JwsInvalid;
        QTest::newRow("four parts") << QByteArray("a.b.c.d") << -1 << qsizetype(-1) << ErrorCode::JwsInvalid;
        QTest::newRow("bad char in payload")
            << QByteArray("eyJhbGciOiJIUzI1NiJ9.e3?0.AAAA") << 1 << qsizetype(23) << ErrorCode::JwsInvalid;
        QTest::newRow("padding in signature")
            << QByteArray("eyJhbGciOiJIUzI1NiJ9.e30.AA==") << 2 << qsizetype(27) << ErrorCode::JwsInvalid;
        QTest::newRow("header not json") << QByteArray("bm90IGpzb24.e30.AAAA") << 0 << qsizetype(-1)
                                         << ErrorCode::JwsInvalid;
        QTest::newRow("empty") << QByteArray() << -1 << qsizetype(0) << ErrorCode::JwsInvalid;
    }
    void diagnostics()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, segment);
        QFETCH(qsizetype, offset);
        QFETCH(ErrorCode, code);
        const CompactToken t = CompactToken::parse(token);
        QVERIFY(!t.isStructurallyValid());
        QCOMPARE(t.error->code, code);
        QCOMPARE(t.diagnostic.segment, segment);
        QCOMPARE(t.diagnostic.offset, offset);
    }

    void keepsWhatItCouldDecode()
    {
        // A broken signature segment still shows header and payload.
        const CompactToken t = CompactToken::parse("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.!!");
        QVERIFY(!t.isStructurallyValid());
        QVERIFY(t.headerOk);
        QCOMPARE(t.payload, QByteArray("{\"sub\":\"x\"}"));
    }

    void jweRecognised()
    {
        // RFC 7516 A.3 style header {"alg":"A128KW","enc":"A128CBC-HS256"}.
        const CompactToken t =
            CompactToken::parse("eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.AAAA.AAAA.AAAA.AAAA");
        QCOMPARE(t.kind, CompactToken::Kind::Jwe);
        QCOMPARE(t.header.value(QLatin1String("enc")).toString(), QStringLiteral("A128CBC-HS256"));
    }

    void unsecuredFlagged()
    {
        const CompactToken t = CompactToken::parse("eyJhbGciOiJub25lIn0.e30.");
        QCOMPARE(t.kind, CompactToken::Kind::Unsecured);
    }

    void normalise()
    {
        QStringList notes;
        QCOMPARE(CompactToken::normalise("  Bearer abc.def.ghi\n", &notes), QByteArray("abc.def.ghi"));
        QCOMPARE(notes.size(), 2);
        notes.clear();
        QCOMPARE(CompactToken::normalise("abc.def.ghi", &notes), QByteArray("abc.def.ghi"));
        QVERIFY(notes.isEmpty());
    }

    void tooLarge()
    {
        const QByteArray big(CompactToken::kMaxLength + 1, 'A');
        const CompactToken t = CompactToken::parse(big);
        QCOMPARE(t.error->code, ErrorCode::InputTooLarge);
        QVERIFY(t.segments.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompactToken)
#include "TestCompactToken.moc"
