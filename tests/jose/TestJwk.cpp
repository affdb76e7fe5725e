// SPDX-License-Identifier: MIT
#include "jose/Jwk.h"
#include "jose/Jwks.h"

#include "support/VectorFiles.h"

#include <QJsonArray>

class TestJwk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfcExamples_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jwk_examples")).toArray()) {
            QTest::newRow(qPrintable(e.toObject().value(QLatin1String("id")).toString())) << e.toObject();
        }
    }
    void rfcExamples()
    {
        QFETCH(QJsonObject, entry);
        QList<Jwk> keys;
        if (entry.contains(QLatin1String("jwks"))) {
            auto set =
                Jwks::fromJsonObject(entry.value(QLatin1String("jwks")).toObject(), JwkImportOptions{true, true});
            QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().toString()));
            QVERIFY2(set->rejected().isEmpty(), qPrintable(set->rejected().value(0).error.toString()));
            keys = set->keys();
        } else {
            auto jwk = Jwk::fromJson(entry.value(QLatin1String("jwk")).toObject(), JwkImportOptions{true, true});
            QVERIFY2(jwk.ok(), qPrintable(jwk.ok() ? QString() : jwk.error().toString()));
            keys.append(jwk.value());
        }
        QVERIFY(!keys.isEmpty());
        for (const Jwk& k : keys) {
            // Export and re-import gives the same key and thumbprint.
            auto again = Jwk::fromJson(k.toJson(true), JwkImportOptions{true, true});
            QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().toString()));
            QCOMPARE(again->thumbprint(), k.thumbprint());
            QCOMPARE(again->isPrivate(), k.isPrivate());
            QCOMPARE(k.publicJwk().thumbprint(), k.thumbprint());
            if (!k.isSymmetric()) {
                QVERIFY(!k.publicJwk().isPrivate());
                QVERIFY(!k.publicJwk().toJson(true).contains(QLatin1String("d")));
            }
        }
        if (entry.value(QLatin1String("id")).toString().contains(QLatin1String("3.6"))) {
            // RFC 7520 §3.6 is an A256GCM key: it must not verify a JWS.
            QVERIFY(!keys.first().checkUsableFor(*AlgorithmTable::find(u"HS256")).ok());
        }
    }

    void thumbprints_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("thumbprints")).toArray()) {
            QTest::newRow(qPrintable(e.toObject().value(QLatin1String("id")).toString())) << e.toObject();
        }
    }
    void thumbprints()
    {
        QFETCH(QJsonObject, entry);
        auto jwk = Jwk::fromJson(entry.value(QLatin1String("jwk")).toObject(), JwkImportOptions{true, true});
        QVERIFY2(jwk.ok(), qPrintable(jwk.ok() ? QString() : jwk.error().toString()));
        QCOMPARE(jwk->thumbprintInput(), entry.value(QLatin1String("canonical_json")).toString().toUtf8());
        QCOMPARE(jwk->thumbprint(), entry.value(QLatin1String("expected_thumbprint_sha256")).toString());
    }

    void hostileSets_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        for (const auto& e :
             loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("jwks_cases")).toArray()) {
            QTest::newRow(qPrintable(QStringLiteral("attacks ") + e.toObject().value(QLatin1String("id")).toString()))
                << e.toObject();
        }
    }
    void hostileSets()
    {
        QFETCH(QJsonObject, entry);
        const QJsonValue doc = entry.value(QLatin1String("jwks"));
        const QByteArray text = doc.isObject()  ? QJsonDocument(doc.toObject()).toJson()
                                : doc.isArray() ? QJsonDocument(doc.toArray()).toJson()
                                                : doc.toVariant().toByteArray();
        const auto set = Jwks::fromJson(text);
        const QString expected = entry.value(QLatin1String("expected")).toString();
        const bool refused = !set.ok() || !set->rejected().isEmpty() || !set->checkUsableForVerification().ok();
        if (expected == QLatin1String("acceptable")) {
            return;
        }
        QCOMPARE(refused, expected == QLatin1String("invalid"));
        if (expected == QLatin1String("valid")) {
            for (const auto& kid : entry.value(QLatin1String("usable_kids")).toArray()) {
                QVERIFY(!set->candidates(KeySelector{QStringLiteral("RS256"), kid.toString(), true}).isEmpty());
            }
        }
    }

    void lintRules_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("present");
        const QJsonObject keys = loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("keys")).toObject();
        const QJsonObject rsa = keys.value(QLatin1String("rsa_pub")).toObject();
        QJsonObject noKid = rsa;
        noKid.remove(QStringLiteral("kid"));
        QJsonObject wrongAlg = rsa;
        wrongAlg.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
        QJsonObject withUse = rsa;
        withUse.insert(QStringLiteral("use"), QStringLiteral("sig"));
        withUse.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
        QTest::newRow("kid-missing") << compactJson(noKid) << QStringLiteral("kid-missing") << true;
        QTest::newRow("kid present") << compactJson(rsa) << QStringLiteral("kid-missing") << false;
        QTest::newRow("alg-inconsistent") << compactJson(wrongAlg) << QStringLiteral("alg-inconsistent") << true;
        QTest::newRow("alg consistent") << compactJson(withUse) << QStringLiteral("alg-inconsistent") << false;
        QTest::newRow("use-missing") << compactJson(rsa) << QStringLiteral("use-missing")
                                     << !rsa.contains(QLatin1String("use"));
        QTest::newRow("use present") << compactJson(withUse) << QStringLiteral("use-missing") << false;
        QTest::newRow("rsa 2048 not weak") << compactJson(rsa) << QStringLiteral("rsa-weak") << false;
    }
    void lintRules()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        QFETCH(bool, present);
        auto jwk = Jwk::fromJsonText(json, JwkImportOptions{true, true});
        QVERIFY(jwk.ok());
        bool found = false;
        for (const auto& f : jwk->lint()) {
            found = found || f.code == code;
        }
        QCOMPARE(found, present);
    }

    void setLint()
    {
        const QJsonObject keys = loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("keys")).toObject();
        auto codes = [](const QJsonArray& members) {
            auto set =
                Jwks::fromJsonObject(QJsonObject{{QStringLiteral("keys"), members}}, JwkImportOptions{true, true});
            QStringList out;
            for (const auto& f : set->lint()) {
                out.append(f.code);
            }
            return out;
        };
        const QJsonObject rsaPub = keys.value(QLatin1String("rsa_pub")).toObject();
        const QJsonObject rsaPriv = keys.value(QLatin1String("rsa_priv")).toObject();
        const QJsonObject hs = keys.value(QLatin1String("hs")).toObject();
        QVERIFY(codes({rsaPriv}).contains(QStringLiteral("private-members")));
        QVERIFY(!codes({rsaPub}).contains(QStringLiteral("private-members")));
        QVERIFY(codes({rsaPub, hs}).contains(QStringLiteral("mixed-symmetric")));
        QVERIFY(!codes({rsaPub}).contains(QStringLiteral("mixed-symmetric")));
        QVERIFY(codes({rsaPub, rsaPub}).contains(QStringLiteral("kid-duplicate")));
        QVERIFY(!codes({rsaPub}).contains(QStringLiteral("kid-duplicate")));
        QJsonObject broken = rsaPub;
        broken.insert(QStringLiteral("e"), QStringLiteral("AQ")); // e = 1
        QVERIFY(codes({broken}).contains(QStringLiteral("key-invalid")));
        QJsonObject enc = rsaPub;
        enc.insert(QStringLiteral("use"), QStringLiteral("enc"));
        QVERIFY(codes({enc}).contains(QStringLiteral("use-enc")));
    }

    void importErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("kty missing") << QByteArray("{\"k\":\"AAAA\"}") << ErrorCode::JwkInvalid;
        QTest::newRow("kty unknown") << QByteArray("{\"kty\":\"XYZ\"}") << ErrorCode::NotSupported;
        QTest::newRow("oct padded k") << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAAAA==\"}") << ErrorCode::JwkInvalid;
        QTest::newRow("oct empty k") << QByteArray("{\"kty\":\"oct\",\"k\":\"\"}") << ErrorCode::JwkInvalid;
        QTest::newRow("oct short") << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAA\",\"alg\":\"HS256\"}")
                                   << ErrorCode::KeyTooWeak;
        QTest::newRow("EC unknown crv") << QByteArray("{\"kty\":\"EC\",\"crv\":\"P-192\",\"x\":\"AA\",\"y\":\"AA\"}")
                                        << ErrorCode::NotSupported;
        QTest::newRow("key_ops not array")
            << QByteArray("{\"kty\":\"oct\",\"k\":\"AA\",\"key_ops\":\"sign\"}") << ErrorCode::JwkInvalid;
        QTest::newRow("not json") << QByteArray("{kty") << ErrorCode::JwkInvalid;
    }
    void importErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(ErrorCode, code);
        auto jwk = Jwk::fromJsonText(json);
        QVERIFY(!jwk.ok());
        QCOMPARE(jwk.error().code, code);
    }
};

QTEST_GUILESS_MAIN(TestJwk)
#include "TestJwk.moc"
