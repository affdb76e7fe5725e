// SPDX-License-Identifier: MIT
#include "jose/Pkce.h"

#include <QSet>
#include <QTest>

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc7636AppendixB()
    {
        // RFC 7636 Appendix B: the example verifier and its S256 challenge.
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const QByteArray expected = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        QCOMPARE(Pkce::challenge(verifier), expected);
        QVERIFY(Pkce::verify(verifier, expected, Pkce::Method::S256));
        QVERIFY(!Pkce::verify(verifier, expected, Pkce::Method::Plain));
        QVERIFY(Pkce::verify(verifier, verifier, Pkce::Method::Plain));
    }

    void wrongVerifierOrChallengeFails()
    {
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const QByteArray challenge = Pkce::challenge(verifier);
        QByteArray other = verifier;
        other[0] = 'e';
        QVERIFY(!Pkce::verify(other, challenge, Pkce::Method::S256));
        QVERIFY(!Pkce::verify(verifier, challenge.left(challenge.size() - 1), Pkce::Method::S256));
        QVERIFY(!Pkce::verify(verifier, QByteArray(), Pkce::Method::S256));
    }

    void verifierSyntax()
    {
        QVERIFY(!Pkce::isValidVerifier(QByteArray(42, 'a')));
        QVERIFY(Pkce::isValidVerifier(QByteArray(43, 'a')));
        QVERIFY(Pkce::isValidVerifier(QByteArray(128, '~')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(129, 'a')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(QByteArray(42, 'a') + '+')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(QByteArray(42, 'a') + ' ')));
        // A malformed verifier never verifies, even as its own plain challenge.
        const QByteArray bad = QByteArray(QByteArray(50, 'a') + '/');
        QVERIFY(!Pkce::verify(bad, bad, Pkce::Method::Plain));
    }

    void newVerifiersAreWellFormedAndDistinct()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 64; ++i) {
            const Result<QByteArray> verifier = Pkce::newVerifier();
            QVERIFY(verifier.ok());
            QCOMPARE(verifier.value().size(), 43);
            QVERIFY(Pkce::isValidVerifier(verifier.value()));
            seen.insert(verifier.value());
        }
        QCOMPARE(seen.size(), 64);
    }

    void methodNames()
    {
        QCOMPARE(Pkce::methodFromName("S256"), std::optional(Pkce::Method::S256));
        QCOMPARE(Pkce::methodFromName("plain"), std::optional(Pkce::Method::Plain));
        QVERIFY(!Pkce::methodFromName("s256").has_value());
        QVERIFY(!Pkce::methodFromName("").has_value());
        QCOMPARE(Pkce::methodName(Pkce::Method::S256), QByteArray("S256"));
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "TestPkce.moc"
