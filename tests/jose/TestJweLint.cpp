// SPDX-License-Identifier: MIT
// Lint rules for JWE tokens and JWE keys (issue 14): p2c below 1000, RSA1_5 tokens and keys, JWE "alg" on keys.
#include "core/Base64Url.h"
#include "core/MockClock.h"
#include "jose/Jwk.h"
#include "jose/TokenLint.h"

#include <QTest>

namespace {

bool hasFinding(const LintFindings& findings, const char* code)
{
    for (const auto& f : findings) {
        if (f.code == QLatin1String(code)) {
            return true;
        }
    }
    return false;
}

LintFindings lintHeader(const QByteArray& header)
{
    static const MockClock clock(1700000000);
    const QByteArray token = Base64Url::encode(header) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
    return TokenLint::lint(CompactToken::parse(token), &clock);
}

} // namespace

class TestJweLint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenP2cBelow1000()
    {
        const auto low = lintHeader(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":999,"p2s":"AAAAAAAAAAA"})");
        QVERIFY(hasFinding(low, "jwe"));
        QVERIFY(hasFinding(low, "jwe-p2c-low"));
        const auto ok = lintHeader(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000,"p2s":"AAAAAAAAAAA"})");
        QVERIFY(hasFinding(ok, "jwe"));
        QVERIFY(!hasFinding(ok, "jwe-p2c-low"));
    }

    void tokenRsa15()
    {
        QVERIFY(hasFinding(lintHeader(R"({"alg":"RSA1_5","enc":"A128GCM"})"), "jwe-rsa1_5"));
        QVERIFY(!hasFinding(lintHeader(R"({"alg":"RSA-OAEP-256","enc":"A128GCM"})"), "jwe-rsa1_5"));
    }

    void keys()
    {
        const Jwk rsa = Jwk::fromKey(AsymmetricKey::generateRsa(2048).value()).withKid(QStringLiteral("k"));
        const LintFindings v15 = rsa.withAlg(QStringLiteral("RSA1_5")).withUse(QStringLiteral("enc")).lint();
        QVERIFY(hasFinding(v15, "rsa1_5"));
        QVERIFY(!hasFinding(v15, "alg-inconsistent"));
        // A JWE "alg" that fits the key is consistent even without "use".
        const LintFindings oaep = rsa.withAlg(QStringLiteral("RSA-OAEP-256")).lint();
        QVERIFY(!hasFinding(oaep, "alg-inconsistent"));
        QVERIFY(!hasFinding(oaep, "rsa1_5"));
        // ... and one that does not fit is not.
        QVERIFY(hasFinding(rsa.withAlg(QStringLiteral("A128KW")).lint(), "alg-inconsistent"));
        const Jwk x25519 = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::X25519).value());
        QVERIFY(!hasFinding(x25519.withAlg(QStringLiteral("ECDH-ES")).lint(), "alg-inconsistent"));
    }
};

QTEST_GUILESS_MAIN(TestJweLint)
#include "TestJweLint.moc"
