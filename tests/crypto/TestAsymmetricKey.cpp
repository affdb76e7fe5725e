// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/Signer.h"
#include "support/CryptoTestData.h"

#include <QFile>
#include <QMap>
#include <QTest>

namespace {

using namespace testdata;

QByteArray readData(const char* name)
{
    return testdata::read(name);
}

QByteArray flipLastBit(QByteArray bytes)
{
    bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 0x01);
    return bytes;
}

/// RFC 7515 A.2: an RSA-2048 private key with all CRT members.
RsaComponents rfc7515A2Rsa()
{
    return rsaFromJwk(
        signatureVector(QStringLiteral("rfc7515-A.2-RS256")).value(QLatin1String("jwk_private")).toObject());
}

CurveComponents curveKey(const char* vectorId)
{
    return curveFromJwk(signatureVector(QLatin1String(vectorId)).value(QLatin1String("jwk_private")).toObject());
}

} // namespace

class TestAsymmetricKey : public QObject
{
    Q_OBJECT
private:
    QMap<QString, AsymmetricKey> m_keys;

    AsymmetricKey key(const QString& name) const { return m_keys.value(name); }

private Q_SLOTS:
    void initTestCase()
    {
        const auto rsa = AsymmetricKey::generateRsa(2048);
        QVERIFY(rsa.ok());
        m_keys.insert(QStringLiteral("RSA-2048"), rsa.value());
        for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1, Curve::Ed25519, Curve::Ed448}) {
            const auto k = AsymmetricKey::generateCurve(c);
            QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
            m_keys.insert(curveName(c), k.value());
        }
    }

    // --- generation and metadata ---

    void generatedKeyProperties_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<AsymmetricKey::Type>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("RSA-2048") << QStringLiteral("RSA-2048") << AsymmetricKey::Type::Rsa << 2048;
        QTest::newRow("P-256") << QStringLiteral("P-256") << AsymmetricKey::Type::Ec << 256;
        QTest::newRow("P-384") << QStringLiteral("P-384") << AsymmetricKey::Type::Ec << 384;
        QTest::newRow("P-521") << QStringLiteral("P-521") << AsymmetricKey::Type::Ec << 521;
        QTest::newRow("secp256k1") << QStringLiteral("secp256k1") << AsymmetricKey::Type::Ec << 256;
        QTest::newRow("Ed25519") << QStringLiteral("Ed25519") << AsymmetricKey::Type::Okp << 255;
        QTest::newRow("Ed448") << QStringLiteral("Ed448") << AsymmetricKey::Type::Okp << 448;
    }
    void generatedKeyProperties()
    {
        QFETCH(QString, name);
        QFETCH(AsymmetricKey::Type, type);
        QFETCH(int, bits);
        const AsymmetricKey k = key(name);
        QVERIFY(!k.isNull());
        QCOMPARE(k.type(), type);
        QCOMPARE(k.bits(), bits);
        QVERIFY(k.isPrivate());
        if (type != AsymmetricKey::Type::Rsa)
            QCOMPARE(curveName(k.curve()), name);
        const AsymmetricKey pub = k.publicKey();
        QVERIFY(!pub.isNull());
        QVERIFY(!pub.isPrivate());
        QCOMPARE(pub.type(), type);
        QCOMPARE(pub.bits(), bits);
        QVERIFY(pub.publicEquals(k));
        QVERIFY(k.publicEquals(pub));
        QCOMPARE(pub.spkiDer(), k.spkiDer());
        QVERIFY(!pub.spkiDer().isEmpty());
    }

    void differentKeysAreNotEqual()
    {
        QVERIFY(!key(QStringLiteral("P-256")).publicEquals(key(QStringLiteral("P-384"))));
        QVERIFY(!key(QStringLiteral("RSA-2048")).publicEquals(key(QStringLiteral("Ed25519"))));
        QVERIFY(!AsymmetricKey().publicEquals(key(QStringLiteral("P-256"))));
        const auto another = AsymmetricKey::generateCurve(Curve::P256);
        QVERIFY(another.ok());
        QVERIFY(!another->publicEquals(key(QStringLiteral("P-256"))));
    }

    void generateRsaRejectsTinySizes()
    {
        const auto k = AsymmetricKey::generateRsa(256);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, ErrorCode::KeyTooWeak);
    }

    void nullKey()
    {
        const AsymmetricKey k;
        QVERIFY(k.isNull());
        QCOMPARE(k.bits(), 0);
        QVERIFY(k.spkiDer().isEmpty());
        QVERIFY(k.publicKey().isNull());
        QVERIFY(!k.toPem(PemFormat::Spki).ok());
        QVERIFY(AsymmetricKey::adopt(nullptr).isNull());
    }

    // --- components ---

    void componentsRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : {"RSA-2048", "P-256", "P-384", "P-521", "secp256k1", "Ed25519", "Ed448"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void componentsRoundTrip()
    {
        QFETCH(QString, name);
        const AsymmetricKey k = key(name);
        if (k.type() == AsymmetricKey::Type::Rsa) {
            const RsaComponents c = k.rsaComponents();
            QVERIFY(c.hasPrivate());
            QCOMPARE(c.n.size(), 256);
            QVERIFY(c.n.at(0) != 0); // minimal encoding
            QCOMPARE(c.e, QByteArray::fromHex("010001"));
            QVERIFY(!c.p.isEmpty() && !c.q.isEmpty() && !c.dp.isEmpty() && !c.dq.isEmpty() && !c.qi.isEmpty());
            const auto priv = AsymmetricKey::fromRsa(c);
            QVERIFY2(priv.ok(), priv.ok() ? "" : qPrintable(priv.error().toString()));
            QVERIFY(priv->isPrivate());
            QVERIFY(priv->publicEquals(k));
            QCOMPARE(priv->rsaComponents().d, c.d);
            const RsaComponents pubOnly = k.publicKey().rsaComponents();
            QVERIFY(!pubOnly.hasPrivate());
            QVERIFY(pubOnly.p.isEmpty());
            QCOMPARE(pubOnly.n, c.n);
            const auto pub = AsymmetricKey::fromRsa(pubOnly);
            QVERIFY(pub.ok());
            QVERIFY(!pub->isPrivate());
            QVERIFY(pub->publicEquals(k));
        } else {
            const CurveComponents c = k.curveComponents();
            const int size = curveCoordinateSize(k.curve());
            QCOMPARE(c.curve, k.curve());
            QCOMPARE(c.x.size(), size);
            QCOMPARE(c.d.size(), size);
            QCOMPARE(c.y.size(), k.type() == AsymmetricKey::Type::Ec ? size : 0);
            const auto priv = AsymmetricKey::fromCurve(c);
            QVERIFY2(priv.ok(), priv.ok() ? "" : qPrintable(priv.error().toString()));
            QVERIFY(priv->isPrivate());
            QVERIFY(priv->publicEquals(k));
            QCOMPARE(priv->curveComponents().d, c.d);
            const CurveComponents pubOnly = k.publicKey().curveComponents();
            QVERIFY(!pubOnly.hasPrivate());
            QCOMPARE(pubOnly.x, c.x);
            QCOMPARE(pubOnly.y, c.y);
            const auto pub = AsymmetricKey::fromCurve(pubOnly);
            QVERIFY(pub.ok());
            QVERIFY(!pub->isPrivate());
            QVERIFY(pub->publicEquals(k));
        }
    }

    void p521CoordinatesArePadded()
    {
        // RFC 7520 §3.2: a P-521 key whose x starts with 0x00 (66-byte coordinates, RFC 7518 §6.2.1.2).
        const CurveComponents c = curveKey("rfc7520-4.3-ES512");
        QCOMPARE(c.curve, Curve::P521);
        QCOMPARE(c.x.size(), 66);
        QCOMPARE(c.x.at(0), '\0');
        const auto k = AsymmetricKey::fromCurve(c);
        QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
        QVERIFY(k->isPrivate());
        const CurveComponents out = k->curveComponents();
        QCOMPARE(out.x, c.x);
        QCOMPARE(out.y, c.y);
        QCOMPARE(out.d, c.d);
        // The same key with the leading zero stripped is not a valid JWK.
        CurveComponents stripped = c;
        stripped.x = c.x.mid(1);
        const auto bad = AsymmetricKey::fromCurve(stripped);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::JwkInvalid);
    }

    void rfc7515A2RsaKey()
    {
        const RsaComponents c = rfc7515A2Rsa();
        const auto k = AsymmetricKey::fromRsa(c);
        QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
        QVERIFY(k->isPrivate());
        QCOMPARE(k->bits(), 2048);
        const RsaComponents out = k->rsaComponents();
        QCOMPARE(out.n, c.n);
        QCOMPARE(out.qi, c.qi);
    }

    void rsaLeadingZerosAreTheSameNumber()
    {
        const RsaComponents good = rfc7515A2Rsa();
        RsaComponents c;
        c.n = QByteArray(QByteArray(2, '\0') + good.n);
        c.e = QByteArray(QByteArray(1, '\0') + good.e);
        const QByteArray n = good.n;
        const auto k = AsymmetricKey::fromRsa(c);
        QVERIFY(k.ok());
        QCOMPARE(k->rsaComponents().n, n); // exported minimal again
        QCOMPARE(k->rsaComponents().e, QByteArray::fromHex("010001"));
    }

    void rsaDOnlyPrivateKey()
    {
        // RFC 7518 §6.3.2: d alone is a valid private key; the CRT members are optional as a group.
        RsaComponents c = rfc7515A2Rsa();
        c.p.clear();
        c.q.clear();
        c.dp.clear();
        c.dq.clear();
        c.qi.clear();
        const auto k = AsymmetricKey::fromRsa(c);
        QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
        QVERIFY(k->isPrivate());
        const SigScheme rs256{SigScheme::Kind::RsaPkcs1, HashAlg::Sha256};
        const auto sig = Signer::sign(k.value(), rs256, QByteArrayView("payload"));
        QVERIFY(sig.ok());
        QVERIFY(Signer::verify(k->publicKey(), rs256, QByteArrayView("payload"), sig.value()));
    }

    void rsaRejects_data()
    {
        QTest::addColumn<RsaComponents>("components");
        const RsaComponents good = rfc7515A2Rsa();
        RsaComponents c;

        c = publicPart(good);
        c.e = QByteArray::fromHex("01");
        QTest::newRow("e = 1 (RFC8017 3.1)") << c;
        c.e = QByteArray::fromHex("010000");
        QTest::newRow("e = 65536 (even)") << c;
        c.e = QByteArray::fromHex("02");
        QTest::newRow("e = 2 (even)") << c;
        c.e = QByteArray::fromHex("00");
        QTest::newRow("e = 0") << c;
        c.e.clear();
        QTest::newRow("e missing") << c;
        c = publicPart(good);
        c.e = c.n;
        QTest::newRow("e = n") << c;
        c = publicPart(good);
        c.n.clear();
        QTest::newRow("n missing") << c;
        c = publicPart(good);
        c.n = flipLastBit(c.n);
        QTest::newRow("n even") << c;

        c = good;
        c.qi.clear();
        QTest::newRow("partial CRT: qi missing (RFC7518 6.3.2)") << c;
        c = good;
        c.d.clear();
        QTest::newRow("CRT without d (RFC7518 6.3.2)") << c;
        c = good;
        c.dp = flipLastBit(c.dp);
        QTest::newRow("inconsistent dp") << c;
        c = good;
        std::swap(c.p, c.q);
        QTest::newRow("p and q swapped (qi wrong)") << c;
        c = good;
        c.d = flipLastBit(c.d);
        QTest::newRow("wrong d with CRT") << c;
        c = good;
        c.d = flipLastBit(c.d);
        c.p.clear();
        c.q.clear();
        c.dp.clear();
        c.dq.clear();
        c.qi.clear();
        QTest::newRow("wrong d without CRT") << c;
        c = good;
        c.d = QByteArray::fromHex("01");
        QTest::newRow("d = 1") << c;
    }
    void rsaRejects()
    {
        QFETCH(RsaComponents, components);
        const auto k = AsymmetricKey::fromRsa(components);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, ErrorCode::JwkInvalid);
        QVERIFY(!k.error().message.isEmpty());
    }

    void curveRejects_data()
    {
        QTest::addColumn<CurveComponents>("components");
        // RFC 7515 A.3 P-256 key.
        const CurveComponents good = curveKey("rfc7515-A.3-ES256");
        QVERIFY(good.hasPrivate());
        CurveComponents c;

        c = good;
        c.y = flipLastBit(c.y);
        QTest::newRow("P-256 point not on the curve") << c;
        c.d.clear();
        QTest::newRow("P-256 public point not on the curve") << c;
        c = good;
        c.x = c.x.mid(1);
        QTest::newRow("P-256 x 31 bytes (RFC7518 6.2.1.2)") << c;
        c = good;
        c.y = QByteArray(QByteArray(1, '\0') + c.y);
        QTest::newRow("P-256 y 33 bytes (RFC7518 6.2.1.3)") << c;
        c = good;
        c.d = c.d.mid(1);
        QTest::newRow("P-256 d 31 bytes (RFC7518 6.2.2.1)") << c;
        c = good;
        c.d = flipLastBit(c.d);
        QTest::newRow("P-256 d does not match (x, y)") << c;
        c = good;
        c.d = QByteArray(32, '\0');
        QTest::newRow("P-256 d = 0") << c;
        c = good;
        c.x = QByteArray(32, '\0');
        c.y = QByteArray(32, '\0');
        c.d.clear();
        QTest::newRow("P-256 (0, 0)") << c;
        c = good;
        // x = p (the field prime) is a non-canonical encoding of x = 0.
        c.x = QByteArray::fromHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        c.d.clear();
        QTest::newRow("P-256 x = p (not reduced)") << c;
        c = good;
        c.curve = Curve::P384;
        QTest::newRow("P-256 coordinates labelled P-384") << c;
        c = good;
        c.curve = Curve::Secp256k1;
        c.d.clear();
        QTest::newRow("P-256 point labelled secp256k1") << c;

        // RFC 8037 A.1 Ed25519 key.
        const CurveComponents ed = curveKey("rfc8037-A.4-EdDSA-Ed25519");
        QVERIFY(ed.hasPrivate());
        c = ed;
        c.x = flipLastBit(c.x);
        QTest::newRow("Ed25519 x does not match d (RFC8037 2)") << c;
        c = ed;
        c.x = c.x.left(31);
        c.d.clear();
        QTest::newRow("Ed25519 x 31 bytes") << c;
        c = ed;
        c.d = c.d.left(31);
        QTest::newRow("Ed25519 d 31 bytes") << c;
        c = ed;
        c.y = ed.x;
        QTest::newRow("Ed25519 with y") << c;
        c = ed;
        c.curve = Curve::Ed448;
        QTest::newRow("Ed25519 key labelled Ed448") << c;
    }
    void curveRejects()
    {
        QFETCH(CurveComponents, components);
        const auto k = AsymmetricKey::fromCurve(components);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, ErrorCode::JwkInvalid);
        QVERIFY(!k.error().message.isEmpty());
    }

    void rfc8037A1Ed25519()
    {
        const CurveComponents c = curveKey("rfc8037-A.4-EdDSA-Ed25519");
        // RFC 8037 A.1: d = 9d61b19d... (the RFC 8032 §7.1 TEST 1 secret key).
        QCOMPARE(c.d.toHex(), QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        const auto k = AsymmetricKey::fromCurve(c);
        QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
        QVERIFY(k->isPrivate());
        QCOMPARE(k->curve(), Curve::Ed25519);
        QCOMPARE(k->curveComponents().x, c.x);
        QCOMPARE(k->curveComponents().d, c.d);
    }

    // --- PEM ---

    void pemRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("publicOnly");
        QTest::addColumn<PemFormat>("format");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<QByteArray>("label");
        const QByteArray spki("PUBLIC KEY");
        const QByteArray pkcs8("PRIVATE KEY");
        const QByteArray epki("ENCRYPTED PRIVATE KEY");
        const QByteArray pass("correct horse battery staple");
        for (const char* n : {"RSA-2048", "P-256", "P-384", "P-521", "secp256k1", "Ed25519", "Ed448"}) {
            const QString name = QString::fromLatin1(n);
            QTest::addRow("%s SPKI public (RFC5280)", n) << name << true << PemFormat::Spki << QByteArray() << spki;
            QTest::addRow("%s SPKI from private", n) << name << false << PemFormat::Spki << QByteArray() << spki;
            QTest::addRow("%s PKCS8 (RFC5208)", n) << name << false << PemFormat::Pkcs8 << QByteArray() << pkcs8;
            QTest::addRow("%s PKCS8 encrypted", n) << name << false << PemFormat::Pkcs8 << pass << epki;
        }
        const QString rsa = QStringLiteral("RSA-2048");
        QTest::newRow("RSA-2048 PKCS1 public (RFC8017 A.1.1)")
            << rsa << true << PemFormat::Pkcs1 << QByteArray() << QByteArray("RSA PUBLIC KEY");
        QTest::newRow("RSA-2048 PKCS1 private (RFC8017 A.1.2)")
            << rsa << false << PemFormat::Pkcs1 << QByteArray() << QByteArray("RSA PRIVATE KEY");
        for (const char* n : {"P-256", "P-384", "P-521", "secp256k1"})
            QTest::addRow("%s SEC1 (RFC5915)", n)
                << QString::fromLatin1(n) << false << PemFormat::Sec1 << QByteArray() << QByteArray("EC PRIVATE KEY");
    }
    void pemRoundTrip()
    {
        QFETCH(QString, name);
        QFETCH(bool, publicOnly);
        QFETCH(PemFormat, format);
        QFETCH(QByteArray, passphrase);
        QFETCH(QByteArray, label);
        const AsymmetricKey original = publicOnly ? key(name).publicKey() : key(name);
        const auto pem = original.toPem(format, passphrase);
        QVERIFY2(pem.ok(), pem.ok() ? "" : qPrintable(pem.error().toString()));
        QVERIFY2(pem->startsWith(QByteArray("-----BEGIN " + label + "-----\n")), pem->constData());
        const bool expectPrivate = format != PemFormat::Spki && !publicOnly;

        const auto back = AsymmetricKey::fromPem(pem.value(), passphrase);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().toString()));
        QCOMPARE(back->isPrivate(), expectPrivate);
        QCOMPARE(back->type(), original.type());
        QVERIFY(back->publicEquals(original));
        if (expectPrivate && original.type() == AsymmetricKey::Type::Rsa)
            QCOMPARE(back->rsaComponents().d, original.rsaComponents().d);
        else if (expectPrivate)
            QCOMPARE(back->curveComponents().d, original.curveComponents().d);

        // Surrounding whitespace is tolerated.
        const auto padded = AsymmetricKey::fromPem(QByteArray("\r\n  \t" + pem.value() + "\n\n  "), passphrase);
        QVERIFY(padded.ok());
        QVERIFY(padded->publicEquals(original));

        // The same structure as raw DER.
        const auto der = AsymmetricKey::fromPem(pemBody(pem.value()), passphrase);
        QVERIFY2(der.ok(), der.ok() ? "" : qPrintable(der.error().toString()));
        QCOMPARE(der->isPrivate(), expectPrivate);
        QVERIFY(der->publicEquals(original));
    }

    void encryptedPkcs8Passphrases_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : {"RSA-2048", "P-256", "Ed25519"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void encryptedPkcs8Passphrases()
    {
        QFETCH(QString, name);
        const auto pem = key(name).toPem(PemFormat::Pkcs8, QByteArray("s3cret"));
        QVERIFY(pem.ok());
        QVERIFY(!pem->contains("-----BEGIN PRIVATE KEY-----"));

        const auto wrong = AsymmetricKey::fromPem(pem.value(), QByteArray("wrong"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::PemInvalid);
        QVERIFY2(wrong.error().message.contains(QLatin1String("passphrase")), qPrintable(wrong.error().message));

        const auto none = AsymmetricKey::fromPem(pem.value());
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::PemInvalid);
        QVERIFY2(none.error().message.contains(QLatin1String("passphrase")), qPrintable(none.error().message));

        const auto right = AsymmetricKey::fromPem(pem.value(), QByteArray("s3cret"));
        QVERIFY(right.ok());
        QVERIFY(right->isPrivate());

        // Encrypted DER (no PEM label to tell it apart) behaves the same.
        const QByteArray der = pemBody(pem.value());
        QVERIFY(AsymmetricKey::fromPem(der, QByteArray("s3cret")).ok());
        const auto derWrong = AsymmetricKey::fromPem(der, QByteArray("wrong"));
        QVERIFY(!derWrong.ok());
        QCOMPARE(derWrong.error().code, ErrorCode::PemInvalid);
        QVERIFY(derWrong.error().message.contains(QLatin1String("passphrase")));
    }

    void unsupportedOutputFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("publicOnly");
        QTest::addColumn<PemFormat>("format");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::newRow("PKCS8 of a public key") << QStringLiteral("P-256") << true << PemFormat::Pkcs8 << QByteArray();
        QTest::newRow("SEC1 of a public key") << QStringLiteral("P-256") << true << PemFormat::Sec1 << QByteArray();
        QTest::newRow("SEC1 of an RSA key") << QStringLiteral("RSA-2048") << false << PemFormat::Sec1 << QByteArray();
        QTest::newRow("SEC1 of an Ed25519 key")
            << QStringLiteral("Ed25519") << false << PemFormat::Sec1 << QByteArray();
        QTest::newRow("PKCS1 of an EC key") << QStringLiteral("P-256") << false << PemFormat::Pkcs1 << QByteArray();
        QTest::newRow("PKCS1 of an Ed25519 key")
            << QStringLiteral("Ed25519") << true << PemFormat::Pkcs1 << QByteArray();
        QTest::newRow("encrypted SPKI") << QStringLiteral("P-256") << false << PemFormat::Spki << QByteArray("x");
        QTest::newRow("encrypted SEC1 (legacy PEM encryption)")
            << QStringLiteral("P-256") << false << PemFormat::Sec1 << QByteArray("x");
        QTest::newRow("encrypted PKCS1 (legacy PEM encryption)")
            << QStringLiteral("RSA-2048") << false << PemFormat::Pkcs1 << QByteArray("x");
    }
    void unsupportedOutputFormats()
    {
        QFETCH(QString, name);
        QFETCH(bool, publicOnly);
        QFETCH(PemFormat, format);
        QFETCH(QByteArray, passphrase);
        const AsymmetricKey k = publicOnly ? key(name).publicKey() : key(name);
        const auto pem = k.toPem(format, passphrase);
        QVERIFY(!pem.ok());
        QCOMPARE(pem.error().code, ErrorCode::NotSupported);
    }

    void pemFixtures_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<ErrorCode>("code"); // None = accepted
        QTest::newRow("openssl ecparam -genkey (EC PARAMETERS + EC PRIVATE KEY)")
            << QByteArray("ec-p256-with-params.pem") << QByteArray() << ErrorCode::None;
        QTest::newRow("legacy encrypted RSA PRIVATE KEY (Proc-Type)")
            << QByteArray("rsa-legacy-encrypted.pem") << QByteArray("tokenscope") << ErrorCode::None;
        QTest::newRow("legacy encrypted RSA PRIVATE KEY, wrong passphrase")
            << QByteArray("rsa-legacy-encrypted.pem") << QByteArray("nope") << ErrorCode::PemInvalid;
        QTest::newRow("legacy encrypted RSA PRIVATE KEY, no passphrase")
            << QByteArray("rsa-legacy-encrypted.pem") << QByteArray() << ErrorCode::PemInvalid;
        QTest::newRow("DSA key") << QByteArray("dsa-private.pem") << QByteArray() << ErrorCode::NotSupported;
        QTest::newRow("X25519 key (ECDH-ES, RFC 8037 §3.2)")
            << QByteArray("x25519-private.pem") << QByteArray() << ErrorCode::None;
        QTest::newRow("brainpoolP256r1 key")
            << QByteArray("ec-brainpool-private.pem") << QByteArray() << ErrorCode::NotSupported;
        QTest::newRow("RFC7517 B certificate") << QByteArray("rfc7517-B-x5c.pem") << QByteArray() << ErrorCode::None;
    }
    void pemFixtures()
    {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, passphrase);
        QFETCH(ErrorCode, code);
        const QByteArray pem = readData(file.constData());
        QVERIFY(!pem.isEmpty());
        const auto k = AsymmetricKey::fromPem(pem, passphrase);
        if (code == ErrorCode::None) {
            QVERIFY2(k.ok(), k.ok() ? "" : qPrintable(k.error().toString()));
            return;
        }
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, code);
        if (code == ErrorCode::PemInvalid)
            QVERIFY2(k.error().message.contains(QLatin1String("passphrase")), qPrintable(k.error().message));
    }

    void pemRejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("whitespace only") << QByteArray(" \n\t ");
        QTest::newRow("garbage") << QByteArray("hello");
        QTest::newRow("unknown label") << QByteArray("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n");
        QTest::newRow("broken base64") << QByteArray("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n");
        QTest::newRow("no END line") << QByteArray("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n");
        QTest::newRow("random DER-looking bytes") << QByteArray::fromHex("300602010102010a");
    }
    void pemRejects()
    {
        QFETCH(QByteArray, input);
        const auto k = AsymmetricKey::fromPem(input);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, ErrorCode::PemInvalid);
    }

    void derEndingInWhitespaceByte()
    {
        // DER is binary: a key whose encoding ends in 0x0a or 0x20 must not be "trimmed" (regression test).
        QByteArray der;
        AsymmetricKey k;
        for (int i = 0; i < 5000 && der.isEmpty(); ++i) {
            const auto candidate = AsymmetricKey::generateCurve(Curve::Ed25519);
            QVERIFY(candidate.ok());
            const QByteArray spki = candidate->spkiDer();
            if (QByteArrayView(" \t\n\v\f\r").contains(spki.back())) {
                der = spki;
                k = candidate.value();
            }
        }
        QVERIFY(!der.isEmpty());
        const auto back = AsymmetricKey::fromPem(der);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().toString()));
        QVERIFY(back->publicEquals(k));
    }

    void derTrailingDataRejected()
    {
        const QByteArray der = key(QStringLiteral("P-256")).spkiDer();
        QVERIFY(AsymmetricKey::fromPem(der).ok());
        const auto k = AsymmetricKey::fromPem(QByteArray(der + QByteArray("\x01\x02", 2)));
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, ErrorCode::PemInvalid);
    }
};

QTEST_GUILESS_MAIN(TestAsymmetricKey)
#include "TestAsymmetricKey.moc"
