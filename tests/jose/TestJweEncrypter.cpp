// SPDX-License-Identifier: MIT
#include "jose/JweEncrypter.h"

#include "core/Base64Url.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/JweDecrypter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

/// One private key per key type, generated once (RSA generation is the slow part).
struct Keys
{
    Jwk rsa;
    QHash<int, Jwk> ec; // by Curve
};

const Keys& keys()
{
    static const Keys k = [] {
        Keys out;
        out.rsa = Jwk::fromKey(AsymmetricKey::generateRsa(2048).value());
        for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::X25519, Curve::X448}) {
            out.ec.insert(int(c), Jwk::fromKey(AsymmetricKey::generateCurve(c).value()));
        }
        return out;
    }();
    return k;
}

QString describe(const DecryptionResult& r)
{
    return r.error ? r.error->toString() + QStringLiteral(" [") + r.error->reason + QLatin1Char(']')
                   : QStringLiteral("decrypted");
}

} // namespace

class TestJweEncrypter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every key management algorithm (except decrypt-only RSA1_5) × every content algorithm × every curve, in the
    // compact and the flattened JSON serialisation.
    void roundTrip_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<QString>("enc");
        QTest::addColumn<int>("curve"); // -1 when not ECDH
        QTest::addColumn<bool>("json");
        int rows = 0;
        for (const auto& alg : JweAlgorithmTable::keyAlgorithms()) {
            if (alg.family == JweKeyAlgorithm::Family::Rsa1_5) {
                continue;
            }
            for (const auto& enc : JweAlgorithmTable::contentAlgorithms()) {
                QList<int> curves{-1};
                if (alg.isEcdh()) {
                    curves = {int(Curve::P256), int(Curve::P384), int(Curve::P521), int(Curve::X25519),
                              int(Curve::X448)};
                }
                for (int c : curves) {
                    for (bool json : {false, true}) {
                        QTest::addRow("%s %s %s %s", qPrintable(alg.name), qPrintable(enc.name),
                                      c < 0 ? "-" : qPrintable(curveName(Curve(c))), json ? "json" : "compact")
                            << alg.name << enc.name << c << json;
                        ++rows;
                    }
                }
            }
        }
        // 14 non-ECDH algorithms + 4 ECDH algorithms × 5 curves, × 6 enc × 2 serialisations.
        QCOMPARE(rows, (14 + 4 * 5) * 6 * 2);
    }
    void roundTrip()
    {
        QFETCH(QString, alg);
        QFETCH(QString, enc);
        QFETCH(int, curve);
        QFETCH(bool, json);
        const JweKeyAlgorithm* a = JweAlgorithmTable::findKey(alg);
        const JweContentAlgorithm* e = JweAlgorithmTable::findContent(enc);
        QVERIFY(a && e);
        Jwk key;
        switch (a->family) {
        case JweKeyAlgorithm::Family::RsaOaep:
            key = keys().rsa;
            break;
        case JweKeyAlgorithm::Family::EcdhEs:
        case JweKeyAlgorithm::Family::EcdhEsKw:
            key = keys().ec.value(curve);
            break;
        case JweKeyAlgorithm::Family::Direct:
            key = Jwk::fromSecret(QByteArray(e->keyBytes, 'd'));
            break;
        case JweKeyAlgorithm::Family::Pbes2:
            key = Jwk::fromSecret("correct horse battery staple");
            break;
        default:
            key = Jwk::fromSecret(QByteArray(a->kekBytes, 'w'));
            break;
        }
        EncryptOptions options;
        options.alg = alg;
        options.enc = enc;
        options.output = json ? EncryptOptions::Output::JsonFlattened : EncryptOptions::Output::Compact;
        options.pbes2Count = 1000;
        options.apu = "Alice";
        const QByteArray plaintext = QByteArray("Round trip \xe2\x80\x93 ") + alg.toLatin1() + ' ' + enc.toLatin1();
        auto token = JweEncrypter::encrypt(key, plaintext, options);
        QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().toString()));
        QCOMPARE(token->startsWith('{'), json);
        const DecryptionResult r = JweDecrypter(key, {}).decrypt(token.value());
        QVERIFY2(r.decrypted, qPrintable(describe(r)));
        QCOMPARE(r.plaintext, plaintext);
        QCOMPARE(r.header.value(QLatin1String("alg")).toString(), alg);
        QCOMPARE(r.header.value(QLatin1String("enc")).toString(), enc);
        // A fresh CEK and IV each time: the same input never gives the same token.
        QVERIFY(JweEncrypter::encrypt(key, plaintext, options).value() != token.value());
    }

    void zipAndCtyAreProtected()
    {
        const Jwk key = Jwk::fromSecret(QByteArray(16, 'k'));
        EncryptOptions options;
        options.alg = QStringLiteral("A128KW");
        options.enc = QStringLiteral("A128CBC-HS256");
        options.zip = true;
        options.cty = QStringLiteral("JWT");
        const QByteArray plaintext(5000, 'x');
        const QByteArray token = JweEncrypter::encrypt(key, plaintext, options).value();
        const QJsonObject header =
            QJsonDocument::fromJson(Base64Url::decode(token.split('.').first()).value()).object();
        QCOMPARE(header.value(QLatin1String("zip")).toString(), QStringLiteral("DEF"));
        QCOMPARE(header.value(QLatin1String("cty")).toString(), QStringLiteral("JWT"));
        // DEFLATE made 5000 equal bytes much smaller than the plaintext.
        QVERIFY(Base64Url::decode(token.split('.').at(3)).value().size() < 100);
        const DecryptionResult r = JweDecrypter(key, {}).decrypt(token);
        QVERIFY2(r.decrypted, qPrintable(describe(r)));
        QCOMPARE(r.plaintext, plaintext);
        QVERIFY(r.nestedJwt);
    }

    void generalJsonWithSeveralRecipientsAndAad()
    {
        const Jwk rsa = keys().rsa.withKid(QStringLiteral("rsa"));
        const Jwk ec = keys().ec.value(int(Curve::P384)).withKid(QStringLiteral("ec"));
        const Jwk oct = Jwk::fromSecret(QByteArray(32, 'o')).withKid(QStringLiteral("oct"));
        EncryptOptions options;
        options.enc = QStringLiteral("A256GCM");
        options.aad = "additional data";
        options.sharedUnprotected.insert(QStringLiteral("jku"), QStringLiteral("https://example.com/unused"));
        const QList<JweRecipientSpec> recipients = {
            {rsa, QStringLiteral("RSA-OAEP-256"), {}},
            {ec, QStringLiteral("ECDH-ES+A192KW"), {}},
            {oct, QStringLiteral("A256GCMKW"), {{QStringLiteral("x-note"), QStringLiteral("per recipient")}}},
        };
        auto token = JweEncrypter::encryptGeneral(recipients, "to three", options);
        QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().toString()));
        const QJsonObject o = QJsonDocument::fromJson(token.value()).object();
        QCOMPARE(o.value(QLatin1String("recipients")).toArray().size(), 3);
        int index = 0;
        for (const Jwk& k : {rsa, ec, oct}) {
            const DecryptionResult r = JweDecrypter(Jwks(QList<Jwk>{k}), {}).decrypt(token.value());
            QVERIFY2(r.decrypted, qPrintable(describe(r)));
            QCOMPARE(r.plaintext, QByteArray("to three"));
            QCOMPARE(r.recipientIndex, index++);
        }
        // The aad is authenticated: changing it fails at the tag.
        QJsonObject tampered = o;
        tampered.insert(QStringLiteral("aad"), QString::fromLatin1(Base64Url::encode("other data")));
        const DecryptionResult r =
            JweDecrypter(oct, {}).decrypt(QJsonDocument(tampered).toJson(QJsonDocument::Compact));
        QVERIFY(!r.decrypted);
        QCOMPARE(r.error->code, ErrorCode::JweDecryptionFailed);
    }

    void refusals()
    {
        EncryptOptions options;
        options.alg = QStringLiteral("RSA1_5");
        options.enc = QStringLiteral("A128GCM");
        auto rsa15 = JweEncrypter::encrypt(keys().rsa, "x", options);
        QVERIFY(!rsa15.ok());
        QCOMPARE(rsa15.error().code, ErrorCode::AlgNotAllowed);
        options.alg = QStringLiteral("A128KW");
        auto wrongSize = JweEncrypter::encrypt(Jwk::fromSecret(QByteArray(24, 'k')), "x", options);
        QVERIFY(!wrongSize.ok());
        QCOMPARE(wrongSize.error().code, ErrorCode::KeyAlgMismatch);
        options.alg = QStringLiteral("ECDH-ES");
        auto signingCurve =
            JweEncrypter::encrypt(Jwk::fromKey(AsymmetricKey::generateCurve(Curve::Ed25519).value()), "x", options);
        QVERIFY(!signingCurve.ok());
        QCOMPARE(signingCurve.error().code, ErrorCode::KeyAlgMismatch);
        const QList<JweRecipientSpec> twoDirect = {{Jwk::fromSecret(QByteArray(16, 'a')), QStringLiteral("dir"), {}},
                                                   {Jwk::fromSecret(QByteArray(16, 'b')), QStringLiteral("dir"), {}}};
        options.alg.clear();
        auto general = JweEncrypter::encryptGeneral(twoDirect, "x", options);
        QVERIFY(!general.ok());
        QCOMPARE(general.error().code, ErrorCode::NotSupported);
    }
};

QTEST_GUILESS_MAIN(TestJweEncrypter)
#include "TestJweEncrypter.moc"
