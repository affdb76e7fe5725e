// SPDX-License-Identifier: MIT
#include "crypto/Signer.h"
#include "support/CryptoTestData.h"

#include <QMap>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace testdata;

namespace {

const SigScheme kRs256{SigScheme::Kind::RsaPkcs1, HashAlg::Sha256};
const SigScheme kPs256{SigScheme::Kind::RsaPss, HashAlg::Sha256};
const SigScheme kEs256{SigScheme::Kind::Ecdsa, HashAlg::Sha256};
const SigScheme kEdDsa{SigScheme::Kind::EdDsa, HashAlg::Sha256};

QByteArray flipBit(QByteArray bytes, qsizetype index)
{
    bytes[index] = static_cast<char>(bytes[index] ^ 0x01);
    return bytes;
}

/// Curve orders n (SEC 2 §2.4.2, §2.5.1, §2.6.1, §2.7.1), as coordinate-size big-endian bytes.
QByteArray curveOrder(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return QByteArray::fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    case Curve::P384:
        return QByteArray::fromHex(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973");
    case Curve::P521:
        return QByteArray::fromHex("01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966"
                                   "b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409");
    case Curve::Secp256k1:
        return QByteArray::fromHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    default:
        return {};
    }
}

std::optional<SigScheme> schemeFromVector(const QJsonObject& v)
{
    const QString kind = v.value(QLatin1String("kind")).toString();
    const QString hash = v.value(QLatin1String("hash")).toString();
    SigScheme s;
    if (kind == QLatin1String("RsaPkcs1"))
        s.kind = SigScheme::Kind::RsaPkcs1;
    else if (kind == QLatin1String("RsaPss"))
        s.kind = SigScheme::Kind::RsaPss;
    else if (kind == QLatin1String("Ecdsa"))
        s.kind = SigScheme::Kind::Ecdsa;
    else if (kind == QLatin1String("EdDsa"))
        s.kind = SigScheme::Kind::EdDsa;
    else
        return std::nullopt;
    if (hash == QLatin1String("SHA-384"))
        s.hash = HashAlg::Sha384;
    else if (hash == QLatin1String("SHA-512"))
        s.hash = HashAlg::Sha512;
    return s;
}

Result<AsymmetricKey> keyFromJwk(const QJsonObject& jwk)
{
    if (jwk.value(QLatin1String("kty")).toString() == QLatin1String("RSA"))
        return AsymmetricKey::fromRsa(rsaFromJwk(jwk));
    return AsymmetricKey::fromCurve(curveFromJwk(jwk));
}

} // namespace

class TestSigner : public QObject
{
    Q_OBJECT
private:
    QMap<QString, AsymmetricKey> m_keys;
    const QByteArray m_message = QByteArray("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0b2tlbnNjb3BlIn0");

private Q_SLOTS:
    void initTestCase()
    {
        const auto rsa = AsymmetricKey::generateRsa(2048);
        QVERIFY(rsa.ok());
        m_keys.insert(QStringLiteral("RSA"), rsa.value());
        for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1, Curve::Ed25519, Curve::Ed448}) {
            const auto k = AsymmetricKey::generateCurve(c);
            QVERIFY(k.ok());
            m_keys.insert(curveName(c), k.value());
        }
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("keyName");
        QTest::addColumn<SigScheme>("scheme");
        QTest::addColumn<int>("signatureSize");
        const QString rsa = QStringLiteral("RSA");
        // RFC 7518 §3.3 (RS*), §3.5 (PS*), §3.4 (ES*), RFC 8812 §3.2 (ES256K), RFC 8037 §3.1 (EdDSA).
        QTest::newRow("RS256") << rsa << SigScheme{SigScheme::Kind::RsaPkcs1, HashAlg::Sha256} << 256;
        QTest::newRow("RS384") << rsa << SigScheme{SigScheme::Kind::RsaPkcs1, HashAlg::Sha384} << 256;
        QTest::newRow("RS512") << rsa << SigScheme{SigScheme::Kind::RsaPkcs1, HashAlg::Sha512} << 256;
        QTest::newRow("PS256") << rsa << SigScheme{SigScheme::Kind::RsaPss, HashAlg::Sha256} << 256;
        QTest::newRow("PS384") << rsa << SigScheme{SigScheme::Kind::RsaPss, HashAlg::Sha384} << 256;
        QTest::newRow("PS512") << rsa << SigScheme{SigScheme::Kind::RsaPss, HashAlg::Sha512} << 256;
        QTest::newRow("ES256 P-256") << QStringLiteral("P-256") << SigScheme{SigScheme::Kind::Ecdsa, HashAlg::Sha256}
                                     << 64;
        QTest::newRow("ES384 P-384") << QStringLiteral("P-384") << SigScheme{SigScheme::Kind::Ecdsa, HashAlg::Sha384}
                                     << 96;
        QTest::newRow("ES512 P-521") << QStringLiteral("P-521") << SigScheme{SigScheme::Kind::Ecdsa, HashAlg::Sha512}
                                     << 132;
        QTest::newRow("ES256K secp256k1")
            << QStringLiteral("secp256k1") << SigScheme{SigScheme::Kind::Ecdsa, HashAlg::Sha256} << 64;
        QTest::newRow("EdDSA Ed25519") << QStringLiteral("Ed25519") << kEdDsa << 64;
        QTest::newRow("EdDSA Ed448") << QStringLiteral("Ed448") << kEdDsa << 114;
    }
    void roundTrip()
    {
        QFETCH(QString, keyName);
        QFETCH(SigScheme, scheme);
        QFETCH(int, signatureSize);
        const AsymmetricKey priv = m_keys.value(keyName);
        const AsymmetricKey pub = priv.publicKey();

        const auto signature = Signer::sign(priv, scheme, m_message);
        QVERIFY2(signature.ok(), signature.ok() ? "" : qPrintable(signature.error().toString()));
        const QByteArray sig = signature.value();
        QCOMPARE(sig.size(), signatureSize);

        QVERIFY(Signer::verify(pub, scheme, m_message, sig));
        QVERIFY(Signer::verify(priv, scheme, m_message, sig)); // a private key verifies too
        QVERIFY(Signer::verify(pub, scheme, m_message, sig));  // again, through the cached context

        // Tampering with anything fails.
        QVERIFY(!Signer::verify(pub, scheme, flipBit(m_message, 0), sig));
        QVERIFY(!Signer::verify(pub, scheme, QByteArray(m_message + "."), sig));
        QVERIFY(!Signer::verify(pub, scheme, QByteArrayView(), sig));
        QVERIFY(!Signer::verify(pub, scheme, m_message, flipBit(sig, 0)));
        QVERIFY(!Signer::verify(pub, scheme, m_message, flipBit(sig, sig.size() / 2)));
        QVERIFY(!Signer::verify(pub, scheme, m_message, flipBit(sig, sig.size() - 1)));
        // Wrong lengths fail before OpenSSL sees them.
        QVERIFY(!Signer::verify(pub, scheme, m_message, sig.left(sig.size() - 1)));
        QVERIFY(!Signer::verify(pub, scheme, m_message, QByteArray(sig + QByteArray(1, '\0'))));
        QVERIFY(!Signer::verify(pub, scheme, m_message, QByteArray(QByteArray(1, '\0') + sig)));
        QVERIFY(!Signer::verify(pub, scheme, m_message, QByteArray()));
        // The good signature still verifies after all those failures (no sticky state in the cached context).
        QVERIFY(Signer::verify(pub, scheme, m_message, sig));
    }

    void rfcVectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonArray vectors = signatureVectors();
        QVERIFY(vectors.size() >= 7);
        for (const QJsonValue& v : vectors)
            QTest::newRow(qPrintable(v.toObject().value(QLatin1String("id")).toString())) << v.toObject();
    }
    void rfcVectors()
    {
        QFETCH(QJsonObject, vector);
        const auto scheme = schemeFromVector(vector);
        QVERIFY(scheme);
        const QByteArray input = vector.value(QLatin1String("signingInput")).toString().toLatin1();
        const QByteArray sig = b64u(vector.value(QLatin1String("signature")).toString());
        QVERIFY(!sig.isEmpty());

        const auto pub = keyFromJwk(vector.value(QLatin1String("jwk")).toObject());
        QVERIFY2(pub.ok(), pub.ok() ? "" : qPrintable(pub.error().toString()));
        QVERIFY(Signer::verify(pub.value(), *scheme, input, sig));
        QVERIFY(!Signer::verify(pub.value(), *scheme, flipBit(input, input.size() - 1), sig));

        // Deterministic schemes (PKCS#1 v1.5, EdDSA) reproduce the published signature byte for byte.
        const QJsonObject privJwk = vector.value(QLatin1String("jwk_private")).toObject();
        if (vector.value(QLatin1String("deterministic")).toBool() && !privJwk.isEmpty()) {
            const auto priv = keyFromJwk(privJwk);
            QVERIFY2(priv.ok(), priv.ok() ? "" : qPrintable(priv.error().toString()));
            const auto resigned = Signer::sign(priv.value(), *scheme, input);
            QVERIFY(resigned.ok());
            QCOMPARE(resigned.value(), sig);
        }
    }

    void rfc8032Test1()
    {
        // RFC 8032 §7.1 TEST 1: empty message.
        CurveComponents c;
        c.curve = Curve::Ed25519;
        c.d = QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        c.x = QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        const auto k = AsymmetricKey::fromCurve(c);
        QVERIFY(k.ok());
        const auto sig = Signer::sign(k.value(), kEdDsa, QByteArrayView());
        QVERIFY(sig.ok());
        QCOMPARE(sig->toHex(),
                 QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33"
                            "bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
    }

    void psychicSignatures_data()
    {
        // CVE-2022-21449: r = s = 0 (and other out-of-range values) must never verify (SEC 1 §4.1.4 step 1).
        QTest::addColumn<QString>("keyName");
        QTest::addColumn<SigScheme>("scheme");
        QTest::addColumn<QString>("variant");
        const struct
        {
            const char* key;
            HashAlg hash;
        } curves[] = {{"P-256", HashAlg::Sha256},
                      {"P-384", HashAlg::Sha384},
                      {"P-521", HashAlg::Sha512},
                      {"secp256k1", HashAlg::Sha256}};
        for (const auto& c : curves) {
            for (const char* variant : {"r=s=0", "r=0", "s=0", "r=s=n", "s=n", "r=n", "r=s=n+1"})
                QTest::addRow("CVE-2022-21449 %s %s", c.key, variant)
                    << QString::fromLatin1(c.key) << SigScheme{SigScheme::Kind::Ecdsa, c.hash}
                    << QString::fromLatin1(variant);
        }
    }
    void psychicSignatures()
    {
        QFETCH(QString, keyName);
        QFETCH(SigScheme, scheme);
        QFETCH(QString, variant);
        const AsymmetricKey priv = m_keys.value(keyName);
        const AsymmetricKey pub = priv.publicKey();
        const int size = curveCoordinateSize(priv.curve());
        const auto good = Signer::sign(priv, scheme, m_message);
        QVERIFY(good.ok());
        const QByteArray r = good->left(size);
        const QByteArray s = good->mid(size);
        const QByteArray zero(size, '\0');
        const QByteArray n = curveOrder(priv.curve());
        QCOMPARE(n.size(), size);
        QByteArray nPlusOne = n;
        nPlusOne[size - 1] = static_cast<char>(nPlusOne[size - 1] + 1); // no carry: n ends in an odd byte < 0xff

        QByteArray forged;
        if (variant == QLatin1String("r=s=0"))
            forged = QByteArray(zero + zero);
        else if (variant == QLatin1String("r=0"))
            forged = QByteArray(zero + s);
        else if (variant == QLatin1String("s=0"))
            forged = QByteArray(r + zero);
        else if (variant == QLatin1String("r=s=n"))
            forged = QByteArray(n + n);
        else if (variant == QLatin1String("s=n"))
            forged = QByteArray(r + n);
        else if (variant == QLatin1String("r=n"))
            forged = QByteArray(n + s);
        else
            forged = QByteArray(nPlusOne + nPlusOne);
        QCOMPARE(forged.size(), 2 * size);
        QVERIFY(!Signer::verify(pub, scheme, m_message, forged));
        QVERIFY(!Signer::verify(pub, scheme, QByteArrayView(), forged));
        QVERIFY(Signer::verify(pub, scheme, m_message, good.value()));
    }

    void ecdsaDerSignatureIsNotAccepted()
    {
        // RFC 7518 §3.4: JOSE ECDSA signatures are raw R || S; a DER ECDSA-Sig-Value must not verify.
        const AsymmetricKey priv = m_keys.value(QStringLiteral("P-256"));
        const auto raw = Signer::sign(priv, kEs256, m_message);
        QVERIFY(raw.ok());
        const auto der = Signer::ecdsaRawToDer(raw.value());
        QVERIFY(der.ok());
        QVERIFY(!Signer::verify(priv.publicKey(), kEs256, m_message, der.value()));
    }

    void schemesDoNotCrossVerify()
    {
        const AsymmetricKey rsa = m_keys.value(QStringLiteral("RSA"));
        const auto pkcs1 = Signer::sign(rsa, kRs256, m_message);
        const auto pss = Signer::sign(rsa, kPs256, m_message);
        QVERIFY(pkcs1.ok() && pss.ok());
        QVERIFY(!Signer::verify(rsa.publicKey(), kPs256, m_message, pkcs1.value()));
        QVERIFY(!Signer::verify(rsa.publicKey(), kRs256, m_message, pss.value()));
        QVERIFY(!Signer::verify(rsa.publicKey(), SigScheme{SigScheme::Kind::RsaPkcs1, HashAlg::Sha384}, m_message,
                                pkcs1.value()));
        QVERIFY(!Signer::verify(rsa.publicKey(), SigScheme{SigScheme::Kind::RsaPss, HashAlg::Sha384}, m_message,
                                pss.value()));
        // PSS is randomised (salt), PKCS#1 v1.5 is not.
        QCOMPARE(Signer::sign(rsa, kRs256, m_message).value(), pkcs1.value());
        QVERIFY(Signer::sign(rsa, kPs256, m_message).value() != pss.value());
    }

    void keyTypeMismatch_data()
    {
        QTest::addColumn<QString>("keyName");
        QTest::addColumn<SigScheme>("scheme");
        QTest::newRow("EC key, RS256") << QStringLiteral("P-256") << kRs256;
        QTest::newRow("EC key, PS256") << QStringLiteral("P-256") << kPs256;
        QTest::newRow("EC key, EdDSA") << QStringLiteral("P-256") << kEdDsa;
        QTest::newRow("RSA key, ES256") << QStringLiteral("RSA") << kEs256;
        QTest::newRow("RSA key, EdDSA") << QStringLiteral("RSA") << kEdDsa;
        QTest::newRow("Ed25519 key, ES256") << QStringLiteral("Ed25519") << kEs256;
        QTest::newRow("Ed25519 key, RS256") << QStringLiteral("Ed25519") << kRs256;
    }
    void keyTypeMismatch()
    {
        QFETCH(QString, keyName);
        QFETCH(SigScheme, scheme);
        const AsymmetricKey k = m_keys.value(keyName);
        const auto sig = Signer::sign(k, scheme, m_message);
        QVERIFY(!sig.ok());
        QCOMPARE(sig.error().code, ErrorCode::KeyAlgMismatch);
        // Any signature of a plausible size: a mismatched key is simply false.
        QVERIFY(!Signer::verify(k.publicKey(), scheme, m_message, QByteArray(64, '\x01')));
        QVERIFY(!Signer::verify(k.publicKey(), scheme, m_message, QByteArray(256, '\x01')));
    }

    void signNeedsPrivateKey()
    {
        const auto sig = Signer::sign(m_keys.value(QStringLiteral("P-256")).publicKey(), kEs256, m_message);
        QVERIFY(!sig.ok());
        QCOMPARE(sig.error().code, ErrorCode::KeyAlgMismatch);
        const auto none = Signer::sign(AsymmetricKey(), kEs256, m_message);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::KeyAlgMismatch);
        QVERIFY(!Signer::verify(AsymmetricKey(), kEs256, m_message, QByteArray(64, '\x01')));
    }

    void otherCurveKeysFail()
    {
        // A P-256 signature against a P-384 key (wrong length) and an Ed25519 one against an Ed448 key.
        const auto es = Signer::sign(m_keys.value(QStringLiteral("P-256")), kEs256, m_message);
        QVERIFY(es.ok());
        QVERIFY(!Signer::verify(m_keys.value(QStringLiteral("P-384")).publicKey(), kEs256, m_message, es.value()));
        QVERIFY(!Signer::verify(m_keys.value(QStringLiteral("secp256k1")).publicKey(), kEs256, m_message, es.value()));
        const auto ed = Signer::sign(m_keys.value(QStringLiteral("Ed25519")), kEdDsa, m_message);
        QVERIFY(ed.ok());
        QVERIFY(!Signer::verify(m_keys.value(QStringLiteral("Ed448")).publicKey(), kEdDsa, m_message, ed.value()));
        const auto other = AsymmetricKey::generateCurve(Curve::Ed25519);
        QVERIFY(other.ok());
        QVERIFY(!Signer::verify(other.value(), kEdDsa, m_message, ed.value()));
    }

    void ecdsaConversions()
    {
        const QByteArray raw = QByteArray::fromHex("00000000000000000000000000000000000000000000000000000000000000ff"
                                                   "8000000000000000000000000000000000000000000000000000000000000001");
        const auto der = Signer::ecdsaRawToDer(raw);
        QVERIFY(der.ok());
        // SEQUENCE { INTEGER 0x00ff, INTEGER 0x0080..01 } with minimal DER integers (RFC 3279 §2.2.3, X.690 §8.3.2).
        QCOMPARE(der->toHex(), QByteArray("3027020200ff022100800000000000000000000000000000000000000000000000000000000"
                                          "0000001"));
        const auto back = Signer::ecdsaDerToRaw(der.value(), 32);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), raw);

        QCOMPARE(Signer::ecdsaRawToDer(raw.left(63)).error().code, ErrorCode::JwsInvalid); // odd length
        QVERIFY(!Signer::ecdsaRawToDer(QByteArray()).ok());
        QCOMPARE(Signer::ecdsaDerToRaw(QByteArray(der.value() + QByteArray(1, '\0')), 32).error().code,
                 ErrorCode::JwsInvalid);                       // trailing byte
        QVERIFY(!Signer::ecdsaDerToRaw(der.value(), 16).ok()); // r, s do not fit
        // Non-minimal INTEGER (a redundant leading zero) is BER, not DER.
        QVERIFY(!Signer::ecdsaDerToRaw(QByteArray::fromHex("30080203000001020101"), 32).ok());
        QVERIFY(!Signer::ecdsaDerToRaw(QByteArray("garbage"), 32).ok());
    }

    void concurrentVerifyOnSharedKey()
    {
        // One shared public key, many threads: verify() must be thread-safe (the jose verifier shares keys).
        const AsymmetricKey rsa = m_keys.value(QStringLiteral("RSA"));
        const AsymmetricKey ec = m_keys.value(QStringLiteral("P-256"));
        const AsymmetricKey ed = m_keys.value(QStringLiteral("Ed25519"));
        const AsymmetricKey rsaPub = rsa.publicKey();
        const AsymmetricKey ecPub = ec.publicKey();
        const AsymmetricKey edPub = ed.publicKey();
        const QByteArray rsSig = Signer::sign(rsa, kRs256, m_message).value();
        const QByteArray psSig = Signer::sign(rsa, kPs256, m_message).value();
        const QByteArray esSig = Signer::sign(ec, kEs256, m_message).value();
        const QByteArray edSig = Signer::sign(ed, kEdDsa, m_message).value();
        const QByteArray badRsSig = flipBit(rsSig, 100);
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 100; ++i) {
                    const bool tamper = (i + t) % 5 == 0;
                    if (Signer::verify(rsaPub, kRs256, m_message, tamper ? badRsSig : rsSig) == tamper)
                        ++wrong;
                    if (!Signer::verify(rsaPub, kPs256, m_message, psSig))
                        ++wrong;
                    if (!Signer::verify(ecPub, kEs256, m_message, esSig))
                        ++wrong;
                    if (!Signer::verify(edPub, kEdDsa, m_message, edSig))
                        ++wrong;
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
    }

    void benchmarkRs256Verify()
    {
        const AsymmetricKey rsa = m_keys.value(QStringLiteral("RSA"));
        const AsymmetricKey pub = rsa.publicKey();
        const QByteArray sig = Signer::sign(rsa, kRs256, m_message).value();
        bool ok = true;
        QBENCHMARK
        {
            ok = ok && Signer::verify(pub, kRs256, m_message, sig);
        }
        QVERIFY(ok);
    }
};

QTEST_GUILESS_MAIN(TestSigner)
#include "TestSigner.moc"
