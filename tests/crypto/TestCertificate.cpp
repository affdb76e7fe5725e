// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/Certificate.h"

#include <QFile>
#include <QTest>
#include <QTimeZone>

namespace {

QByteArray readData(const char* name)
{
    QFile file(QString(QStringLiteral(TOKENSCOPE_TEST_DATA "/crypto/") + QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The DER inside a one-block PEM file.
QByteArray pemBody(const QByteArray& pem)
{
    QByteArray body;
    for (const QByteArray& line : pem.split('\n')) {
        if (!line.startsWith("-----"))
            body.append(line.trimmed());
    }
    const auto der = Base64Url::decodeStandard(body);
    return der.ok() ? der.value() : QByteArray();
}

} // namespace

class TestCertificate : public QObject
{
    Q_OBJECT
private:
    QByteArray m_pem;

private Q_SLOTS:
    void initTestCase()
    {
        // RFC 7517 Appendix B: the x5c certificate (self-signed, sha1WithRSAEncryption, expired 2018).
        m_pem = readData("rfc7517-B-x5c.pem");
        QVERIFY(!m_pem.isEmpty());
    }

    void rfc7517AppendixBFields()
    {
        const auto cert = Certificate::fromPem(m_pem);
        QVERIFY2(cert.ok(), cert.ok() ? "" : qPrintable(cert.error().toString()));
        const QString name = QStringLiteral(
            "CN=Brian Campbell,O=Ping Identity Corp.,L=Denver,ST=CO,C=US"); // openssl x509 -nameopt RFC2253
        QCOMPARE(cert->subject(), name);
        QCOMPARE(cert->issuer(), name);
        QCOMPARE(cert->notBefore(), QDateTime(QDate(2013, 2, 21), QTime(23, 29, 15), QTimeZone::utc()));
        QCOMPARE(cert->notAfter(), QDateTime(QDate(2018, 8, 14), QTime(22, 29, 15), QTimeZone::utc()));
        QCOMPARE(cert->notBefore().timeSpec(), Qt::UTC);
        QCOMPARE(cert->serialNumberHex(), QStringLiteral("013CFF16E2E2"));
        QVERIFY(cert->isSelfSigned());
        QVERIFY(cert->isSignedBy(cert.value()));
    }

    void rfc7517AppendixBFingerprints()
    {
        const auto cert = Certificate::fromPem(m_pem);
        QVERIFY(cert.ok());
        // Values from `openssl x509 -fingerprint -sha1/-sha256`.
        QCOMPARE(cert->fingerprint(HashAlg::Sha1).toHex(), QByteArray("e2935e9c404bbf42692c876e816c5090eb1970ad"));
        QCOMPARE(cert->fingerprint(HashAlg::Sha256).toHex(),
                 QByteArray("a499b6041a6407ccbbb42aab58cd17dfb58e9904cef33430f95a7156005bdb52"));
    }

    void rfc7517AppendixBKeyEqualsJwk()
    {
        const auto cert = Certificate::fromPem(m_pem);
        QVERIFY(cert.ok());
        const AsymmetricKey key = cert->publicKey();
        QVERIFY(!key.isNull());
        QCOMPARE(key.type(), AsymmetricKey::Type::Rsa);
        QVERIFY(!key.isPrivate());
        const auto n = Base64Url::decode(readData("rfc7517-B-n.b64u").trimmed());
        QVERIFY(n.ok());
        QCOMPARE(key.rsaComponents().n, n.value());
        QCOMPARE(key.rsaComponents().e, QByteArray::fromHex("010001"));
    }

    void derRoundTrip()
    {
        const QByteArray der = pemBody(m_pem);
        QVERIFY(!der.isEmpty());
        const auto cert = Certificate::fromDer(der);
        QVERIFY(cert.ok());
        QCOMPARE(cert->der(), der);
        // x5c carries standard base64 of exactly this DER (RFC 7517 §4.7).
        QVERIFY(Base64Url::encodeStandard(der).startsWith("MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUA"));
        // The PEM entry point tolerates DER.
        QVERIFY(Certificate::fromPem(der).ok());
    }

    void keyFromCertificate()
    {
        // AsymmetricKey::fromPem takes the subject public key of a certificate, PEM or DER.
        const auto cert = Certificate::fromPem(m_pem);
        QVERIFY(cert.ok());
        const auto fromPem = AsymmetricKey::fromPem(m_pem);
        QVERIFY2(fromPem.ok(), fromPem.ok() ? "" : qPrintable(fromPem.error().toString()));
        QVERIFY(fromPem->publicEquals(cert->publicKey()));
        const auto fromDer = AsymmetricKey::fromPem(pemBody(m_pem));
        QVERIFY2(fromDer.ok(), fromDer.ok() ? "" : qPrintable(fromDer.error().toString()));
        QVERIFY(fromDer->publicEquals(cert->publicKey()));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        const QByteArray der = pemBody(readData("rfc7517-B-x5c.pem"));
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("not a certificate");
        QTest::newRow("trailing byte after DER") << QByteArray(der + QByteArray(1, '\0'));
        QTest::newRow("truncated DER") << der.left(der.size() - 1);
        QTest::newRow("PEM with broken base64")
            << QByteArray("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    }
    void rejects()
    {
        QFETCH(QByteArray, input);
        const auto viaDer = Certificate::fromDer(input);
        QVERIFY(!viaDer.ok());
        QCOMPARE(viaDer.error().code, ErrorCode::CertificateInvalid);
        const auto viaPem = Certificate::fromPem(input);
        QVERIFY(!viaPem.ok());
        QCOMPARE(viaPem.error().code, ErrorCode::CertificateInvalid);
    }

    void selfSignedForEveryKeyType_data()
    {
        QTest::addColumn<int>("kind"); // 0 RSA-2048, else a Curve + 1
        QTest::newRow("RSA-2048") << 0;
        QTest::newRow("P-256") << int(Curve::P256) + 1;
        QTest::newRow("P-521") << int(Curve::P521) + 1;
        QTest::newRow("secp256k1") << int(Curve::Secp256k1) + 1;
        QTest::newRow("Ed25519") << int(Curve::Ed25519) + 1;
        QTest::newRow("Ed448") << int(Curve::Ed448) + 1;
    }
    void selfSignedForEveryKeyType()
    {
        QFETCH(int, kind);
        auto key = kind == 0 ? AsymmetricKey::generateRsa(2048) : AsymmetricKey::generateCurve(Curve(kind - 1));
        QVERIFY(key.ok());
        const QDateTime notBefore(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        const QDateTime notAfter = notBefore.addDays(1);
        auto cert = Certificate::createSelfSigned(key.value(), QStringLiteral("Probé attacker"), notBefore, notAfter);
        QVERIFY2(cert.ok(), qPrintable(cert.ok() ? QString() : cert.error().toString()));
        QCOMPARE(cert->subject(), QStringLiteral("CN=Probé attacker"));
        QCOMPARE(cert->issuer(), cert->subject());
        QCOMPARE(cert->notBefore(), notBefore);
        QCOMPARE(cert->notAfter(), notAfter);
        QVERIFY(cert->isSelfSigned());
        QVERIFY(cert->publicKey().publicEquals(key.value()));
        QVERIFY(!cert->publicKey().isPrivate());
        // RFC 5280 §4.1.2.2: positive, at most 20 octets (we use 16 random bytes, top bit clear).
        QVERIFY(!cert->serialNumberHex().startsWith(QLatin1Char('-')));
        QVERIFY(cert->serialNumberHex().size() <= 32);
        // pem() reads back as the same certificate.
        auto again = Certificate::fromPem(cert->pem());
        QVERIFY(again.ok());
        QCOMPARE(again->der(), cert->der());
        QVERIFY(cert->pem().endsWith("-----END CERTIFICATE-----\n"));
        // Two certificates of one key differ in their serial.
        auto other = Certificate::createSelfSigned(key.value(), QStringLiteral("x"), notBefore, notAfter);
        QVERIFY(other.ok());
        QVERIFY(other->serialNumberHex() != cert->serialNumberHex());
    }

    void selfSignedNeedsAPrivateKey()
    {
        auto key = AsymmetricKey::generateCurve(Curve::P256);
        QVERIFY(key.ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto cert = Certificate::createSelfSigned(key->publicKey(), QStringLiteral("x"), now, now.addDays(1));
        QVERIFY(!cert.ok());
        QCOMPARE(cert.error().code, ErrorCode::KeyAlgMismatch);
        QVERIFY(!Certificate::createSelfSigned(AsymmetricKey(), QStringLiteral("x"), now, now).ok());
    }

    void nullCertificateIsHarmless()
    {
        const Certificate null;
        QVERIFY(null.subject().isEmpty());
        QVERIFY(!null.notBefore().isValid());
        QVERIFY(!null.isSelfSigned());
        QVERIFY(null.publicKey().isNull());
        QVERIFY(null.der().isEmpty());
        QVERIFY(null.fingerprint(HashAlg::Sha256).isEmpty());
        QVERIFY(null.pem().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCertificate)
#include "TestCertificate.moc"
