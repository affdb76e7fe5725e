// SPDX-License-Identifier: MIT
#include "jose/JwtBuilder.h"
#include "request/JwtPattern.h"
#include "request/ResponseTokenFinder.h"

#include <QTest>

/// JWT detection in free text and response bodies.
class TestJwtPattern : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void findsTokensInText();
    void ignoresLookalikes();
    void scrub();
    void formAndTextBodies();

private:
    QByteArray m_jwt;
};

void TestJwtPattern::initTestCase()
{
    m_jwt = JwtBuilder::sign(QStringLiteral("HS256"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("x")}},
                             Jwk::fromSecret(QByteArray(32, 'k')))
                .value();
}

void TestJwtPattern::findsTokensInText()
{
    const QByteArray text = "token: " + m_jwt + ". And again (" + m_jwt + ")";
    const auto matches = JwtPattern::findAll(text);
    QCOMPARE(matches.size(), 2);
    QCOMPARE(text.mid(matches.at(0).offset, matches.at(0).length), m_jwt);
    QCOMPARE(text.mid(matches.at(1).offset, matches.at(1).length), m_jwt);
    QVERIFY(JwtPattern::isJwt(QByteArray(" " + m_jwt + "\n")));
    // RFC 7519 §6.1 unsecured JWT: empty signature.
    QVERIFY(JwtPattern::isJwt("eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UifQ."));
}

void TestJwtPattern::ignoresLookalikes()
{
    QVERIFY(JwtPattern::findAll("eyJhbGciOiJub25lIn0 only one segment").isEmpty());
    QVERIFY(JwtPattern::findAll("version 1.2.3 and eyJub3Rqb3NlIjoxfQ.e30.sig").isEmpty()); // header without alg
    QVERIFY(!JwtPattern::isJwt("xeyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UifQ."));
}

void TestJwtPattern::scrub()
{
    QCOMPARE(JwtPattern::scrub(QByteArray("a " + m_jwt + " b")), QByteArray("a <JWT> b"));
    QCOMPARE(JwtPattern::scrubText(QStringLiteral("none")), QStringLiteral("none"));
}

void TestJwtPattern::formAndTextBodies()
{
    const auto form = ResponseTokenFinder::findInBody("access_token=" + m_jwt + "&token_type=Bearer",
                                                      QStringLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(form.size(), 1);
    QCOMPARE(form.first().location, QStringLiteral("access_token"));
    const auto text = ResponseTokenFinder::findInBody("<html>" + m_jwt + "</html>", QStringLiteral("text/html"));
    QCOMPARE(text.size(), 1);
    QCOMPARE(text.first().token, m_jwt);
    const auto array = ResponseTokenFinder::findInBody("[{\"id_token\":\"" + m_jwt + "\"}]");
    QCOMPARE(array.size(), 1);
    QCOMPARE(array.first().location, QStringLiteral("$[0].id_token"));
}

QTEST_GUILESS_MAIN(TestJwtPattern)
#include "TestJwtPattern.moc"
