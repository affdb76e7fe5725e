// SPDX-License-Identifier: MIT
#include "jose/TokenLint.h"

#include "core/Base64Url.h"
#include "core/MockClock.h"
#include "core/TimeText.h"
#include "crypto/Hmac.h"

#include <cmath>

#include <QTest>

namespace {
QByteArray hsToken(const QByteArray& header, const QByteArray& payload, const QByteArray& secret)
{
    const QByteArray input = QByteArray(Base64Url::encode(header) + '.' + Base64Url::encode(payload));
    return QByteArray(input + '.' + Base64Url::encode(Hmac::compute(HashAlg::Sha256, secret, input)));
}

QStringList codes(const QByteArray& token, qint64 now = 1700000000)
{
    MockClock clock(now);
    QStringList out;
    for (const auto& f : TokenLint::lint(CompactToken::parse(token), &clock)) {
        out.append(f.code);
    }
    return out;
}
} // namespace

class TestTokenLint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("present");
        const QByteArray hs = "{\"alg\":\"HS256\"}";
        const QByteArray good = "{\"iat\":1700000000,\"exp\":1700000600}";
        QTest::newRow("exp-missing") << hs << QByteArray("{}") << QStringLiteral("exp-missing") << true;
        QTest::newRow("exp present") << hs << good << QStringLiteral("exp-missing") << false;
        QTest::newRow("lifetime-long") << hs << QByteArray("{\"iat\":1700000000,\"exp\":1700090000}")
                                       << QStringLiteral("lifetime-long") << true;
        QTest::newRow("lifetime short") << hs << good << QStringLiteral("lifetime-long") << false;
        QTest::newRow("iat-future") << hs << QByteArray("{\"iat\":1700003600,\"exp\":1700007200}")
                                    << QStringLiteral("iat-future") << true;
        QTest::newRow("iat now") << hs << good << QStringLiteral("iat-future") << false;
        QTest::newRow("header-jku") << QByteArray("{\"alg\":\"HS256\",\"jku\":\"https://x/\"}") << good
                                    << QStringLiteral("header-jku") << true;
        QTest::newRow("header-jwk") << QByteArray("{\"alg\":\"HS256\",\"jwk\":{}}") << good
                                    << QStringLiteral("header-jwk") << true;
        QTest::newRow("header-x5c") << QByteArray("{\"alg\":\"HS256\",\"x5c\":[]}") << good
                                    << QStringLiteral("header-x5c") << true;
        QTest::newRow("header-x5u") << QByteArray("{\"alg\":\"HS256\",\"x5u\":\"u\"}") << good
                                    << QStringLiteral("header-x5u") << true;
        QTest::newRow("no jku") << hs << good << QStringLiteral("header-jku") << false;
        QTest::newRow("kid path") << QByteArray("{\"alg\":\"HS256\",\"kid\":\"../../dev/null\"}") << good
                                  << QStringLiteral("kid-metacharacters") << true;
        QTest::newRow("kid sql") << QByteArray("{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT 1 --\"}") << good
                                 << QStringLiteral("kid-metacharacters") << true;
        QTest::newRow("kid plain") << QByteArray("{\"alg\":\"HS256\",\"kid\":\"key-2024_01\"}") << good
                                   << QStringLiteral("kid-metacharacters") << false;
        QTest::newRow("crit") << QByteArray("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}") << good
                              << QStringLiteral("crit-present") << true;
        QTest::newRow("duplicate header") << QByteArray("{\"alg\":\"HS256\",\"alg\":\"none\"}") << good
                                          << QStringLiteral("duplicate-members") << true;
        QTest::newRow("duplicate claims") << hs << QByteArray("{\"sub\":\"a\",\"sub\":\"b\",\"exp\":1700000600}")
                                          << QStringLiteral("duplicate-members") << true;
        QTest::newRow("nested") << QByteArray("{\"alg\":\"HS256\",\"cty\":\"JWT\"}") << good
                                << QStringLiteral("nested-jwt") << true;
        QTest::newRow("alg none") << QByteArray("{\"alg\":\"none\"}") << good << QStringLiteral("alg-none") << true;
        QTest::newRow("alg NoNe") << QByteArray("{\"alg\":\"NoNe\"}") << good << QStringLiteral("alg-none") << true;
    }
    void findings()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, payload);
        QFETCH(QString, code);
        QFETCH(bool, present);
        const QByteArray token = hsToken(header, payload, QByteArray(32, 'x'));
        QCOMPARE(codes(token).contains(code), present);
    }

    void weakSecretFound()
    {
        const QByteArray header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        const QByteArray payload = "{\"sub\":\"1234567890\",\"exp\":1700000600}";
        QVERIFY(codes(hsToken(header, payload, "your-256-bit-secret")).contains(QStringLiteral("hmac-secret-weak")));
        QVERIFY(!codes(hsToken(header, payload, QByteArray(32, 'q'))).contains(QStringLiteral("hmac-secret-weak")));
        QCOMPARE(TokenLint::findWeakSecret(CompactToken::parse(hsToken(header, payload, "secret"))).value(),
                 QByteArray("secret"));
    }

    void secretChecks()
    {
        auto lintCodes = [](const QByteArray& secret, const char* alg) {
            QStringList out;
            for (const auto& f : TokenLint::lintSecret(secret, QLatin1String(alg))) {
                out.append(f.code);
            }
            return out;
        };
        QVERIFY(lintCodes("short", "HS256").contains(QStringLiteral("hmac-secret-short")));
        QVERIFY(!lintCodes(QByteArray(32, 'z'), "HS256").contains(QStringLiteral("hmac-secret-short")));
        QVERIFY(lintCodes(QByteArray(32, 'z'), "HS512").contains(QStringLiteral("hmac-secret-short")));
        QVERIFY(lintCodes("password", "HS256").contains(QStringLiteral("hmac-secret-weak")));
    }

    void hugeNumericDatesAreSafe()
    {
        // Found by FuzzToken: 1.4e24 and -1e308 used to overflow the conversion to seconds (UBSan).
        const QByteArray token =
            hsToken("{\"alg\":\"HS256\"}", "{\"exp\":1.4e24,\"iat\":-1e308,\"nbf\":1e300}", QByteArray(32, 'x'));
        const QStringList found = codes(token);
        QVERIFY(found.contains(QStringLiteral("lifetime-long")));
        QVERIFY(found.contains(QStringLiteral("not-yet-valid")));
        QCOMPARE(TimeText::seconds(1e300), 253402300799LL);
        QCOMPARE(TimeText::seconds(-1e300), -253402300799LL);
        QCOMPARE(TimeText::seconds(std::nan("")), 0LL);
    }

    void noncanonicalBase64()
    {
        const QByteArray token = hsToken("{\"alg\":\"HS256\"}", "{\"exp\":1700000600}", QByteArray(32, 'x'));
        QVERIFY(!codes(token).contains(QStringLiteral("base64-noncanonical")));
        QVERIFY(codes(QByteArray(token + "=")).contains(QStringLiteral("base64-noncanonical")));
    }
};

QTEST_GUILESS_MAIN(TestTokenLint)
#include "TestTokenLint.moc"
