// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/RsaWeakness.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray modulusFromFile(const char* name)
{
    QFile file(QString(QStringLiteral(TOKENSCOPE_TEST_DATA "/crypto/") + QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto decoded = Base64Url::decode(file.readAll().trimmed());
    return decoded.ok() ? decoded.value() : QByteArray();
}

} // namespace

class TestRsaWeakness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roca_data()
    {
        QTest::addColumn<QByteArray>("modulus");
        QTest::addColumn<bool>("vulnerable");
        const QByteArray roca = modulusFromFile("wycheproof-jwk-tcId7-roca-n.b64u");
        const QByteArray rfc = modulusFromFile("rfc7517-B-n.b64u");
        QVERIFY(!roca.isEmpty());
        QVERIFY(!rfc.isEmpty());
        QTest::newRow("Wycheproof json_web_key_test tcId 7 (jws_rsa_roca_key)") << roca << true;
        QTest::newRow("RFC7517 B x5c key") << rfc << false;
        // 65537^2 is trivially in <65537> modulo every prime: the fingerprint (not a real key) must match.
        QTest::newRow("65537^2 (fingerprint only)") << QByteArray::fromHex("0100020001") << true;
        // 3 * 65537: n mod 3 == 0 is not a unit, so it is in no multiplicative subgroup.
        QTest::newRow("3*65537 (divisible by 3)") << QByteArray::fromHex("030003") << false;
        QTest::newRow("empty modulus") << QByteArray() << false;
    }
    void roca()
    {
        QFETCH(QByteArray, modulus);
        QFETCH(bool, vulnerable);
        QCOMPARE(RsaWeakness::isRocaVulnerable(modulus), vulnerable);
    }

    void rocaTamperedModulus()
    {
        // Changing n by 2 breaks the structure for at least one prime.
        QByteArray roca = modulusFromFile("wycheproof-jwk-tcId7-roca-n.b64u");
        QVERIFY(!roca.isEmpty());
        roca[roca.size() - 1] = static_cast<char>(roca[roca.size() - 1] + 2);
        QVERIFY(!RsaWeakness::isRocaVulnerable(roca));
    }

    void generatedKeysAreNotRoca()
    {
        for (int i = 0; i < 2; ++i) {
            const auto key = AsymmetricKey::generateRsa(2048);
            QVERIFY(key.ok());
            QVERIFY(!RsaWeakness::isRocaVulnerable(key.value().rsaComponents().n));
        }
    }
};

QTEST_GUILESS_MAIN(TestRsaWeakness)
#include "TestRsaWeakness.moc"
