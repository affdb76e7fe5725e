// SPDX-License-Identifier: MIT
// Key lint rules, positive and negative, and hostile key documents. Rows name their source.
#include "core/Base64Url.h"
#include "crypto/Certificate.h"
#include "jose/KeySetAnalysis.h"
#include "support/VectorFiles.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

namespace {
QJsonObject attackKeys()
{
    return loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("keys")).toObject();
}

QJsonObject attackCase(const QString& id)
{
    for (const auto& e : loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("jwks_cases")).toArray()) {
        if (e.toObject().value(QLatin1String("id")).toString() == id) {
            return e.toObject().value(QLatin1String("jwks")).toObject();
        }
    }
    qFatal("no jwks case %s", qPrintable(id));
}

QJsonObject rfc7517B()
{
    for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jwk_examples")).toArray()) {
        if (e.toObject().value(QLatin1String("id")).toString() == QLatin1String("rfc7517-B-x5c")) {
            return e.toObject().value(QLatin1String("jwk")).toObject();
        }
    }
    qFatal("no rfc7517-B-x5c");
}

QByteArray setOf(const QJsonArray& keys)
{
    return compactJson(QJsonObject{{QStringLiteral("keys"), keys}});
}

QJsonObject with(QJsonObject o, const char* name, const QJsonValue& value)
{
    if (value.isUndefined()) {
        o.remove(QLatin1String(name));
    } else {
        o.insert(QLatin1String(name), value);
    }
    return o;
}

QString readText(const char* relativePath)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/") + QLatin1String(relativePath));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot open %s", relativePath);
    }
    return QString::fromLatin1(f.readAll().trimmed());
}
} // namespace

class TestKeySetAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lintRules_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("present");

        const QJsonObject keys = attackKeys();
        const QJsonObject rsa = with(keys.value(QLatin1String("rsa_pub")).toObject(), "use", QStringLiteral("sig"));
        const QJsonObject rsaPriv = keys.value(QLatin1String("rsa_priv")).toObject();
        const QJsonObject ec = keys.value(QLatin1String("ec_pub")).toObject();
        const QJsonObject hs = keys.value(QLatin1String("hs")).toObject();
        const QJsonObject x5c = rfc7517B();
        const QJsonObject validity = loadVectorFile("keys/x5c-validity.json");

        // Private members in a published set (RFC 7517 §5: a set for verifiers holds public keys).
        QTest::newRow("private-members: attacks rsa_priv") << setOf({rsaPriv}) << "private-members" << true;
        QTest::newRow("private-members: attacks rsa_pub") << setOf({rsa}) << "private-members" << false;
        QTest::newRow("private-members: oct k") << setOf({hs}) << "private-members" << true;

        // RSA below 2048 bits (RFC 7518 §3.3): generated 1024-bit key.
        auto weak = AsymmetricKey::generateRsa(1024);
        QVERIFY(weak.ok());
        const QJsonObject weakJwk = Jwk::fromKey(weak.value()).withKid(QStringLiteral("weak")).toJson();
        QTest::newRow("rsa-weak: generated 1024") << setOf({weakJwk}) << "rsa-weak" << true;
        QTest::newRow("rsa-weak: attacks rsa_pub 2048") << setOf({rsa}) << "rsa-weak" << false;

        // ROCA (CVE-2017-15361): Wycheproof json_web_key_test tcId 7's modulus.
        const QJsonObject roca{{QStringLiteral("kty"), QStringLiteral("RSA")},
                               {QStringLiteral("kid"), QStringLiteral("roca")},
                               {QStringLiteral("n"), readText("crypto/wycheproof-jwk-tcId7-roca-n.b64u")},
                               {QStringLiteral("e"), QStringLiteral("AQAB")}};
        QTest::newRow("rsa-roca: Wycheproof tcId 7") << setOf({roca}) << "rsa-roca" << true;
        QTest::newRow("rsa-roca: attacks rsa_pub") << setOf({rsa}) << "rsa-roca" << false;

        // EC point not on the curve (RFC 8725 §3.4 invalid-curve attacks): ec_pub with y changed.
        QByteArray y = Base64Url::decode(ec.value(QLatin1String("y")).toString().toLatin1()).value();
        y[y.size() - 1] = char(y.at(y.size() - 1) ^ 1);
        const QJsonObject offCurve = with(ec, "y", QString::fromLatin1(Base64Url::encode(y)));
        QTest::newRow("ec-point-invalid: ec_pub y^1") << setOf({offCurve}) << "ec-point-invalid" << true;
        QTest::newRow("ec-point-invalid: attacks ec_pub") << setOf({ec}) << "ec-point-invalid" << false;
        QTest::newRow("ec-point-invalid: short x is key-invalid")
            << setOf(attackCase(QStringLiteral("jwk-ec-x-too-short")).value(QLatin1String("keys")).toArray())
            << "ec-point-invalid" << false;

        // kid (RFC 7517 §4.5).
        QTest::newRow("kid-missing") << setOf({with(rsa, "kid", QJsonValue::Undefined)}) << "kid-missing" << true;
        QTest::newRow("kid present") << setOf({rsa}) << "kid-missing" << false;
        QTest::newRow("kid-duplicate") << setOf({rsa, rsa}) << "kid-duplicate" << true;
        QTest::newRow("kid unique") << setOf({rsa, ec}) << "kid-duplicate" << false;

        // use/alg (RFC 7517 §4.2, §4.4; RFC 8725 §3.1).
        QTest::newRow("use-missing") << setOf({with(rsa, "use", QJsonValue::Undefined)}) << "use-missing" << true;
        QTest::newRow("use present") << setOf({rsa}) << "use-missing" << false;
        QTest::newRow("alg-missing") << setOf({with(rsa, "alg", QJsonValue::Undefined)}) << "alg-missing" << true;
        QTest::newRow("alg present") << setOf({with(rsa, "alg", QStringLiteral("RS256"))}) << "alg-missing" << false;
        QTest::newRow("use-enc") << setOf({with(rsa, "use", QStringLiteral("enc"))}) << "use-enc" << true;
        QTest::newRow("use sig") << setOf({rsa}) << "use-enc" << false;
        QTest::newRow("alg-inconsistent: RSA ES256")
            << setOf({with(rsa, "alg", QStringLiteral("ES256"))}) << "alg-inconsistent" << true;
        QTest::newRow("alg-inconsistent: P-256 ES384")
            << setOf({with(ec, "alg", QStringLiteral("ES384"))}) << "alg-inconsistent" << true;
        QTest::newRow("alg consistent: P-256 ES256")
            << setOf({with(ec, "alg", QStringLiteral("ES256"))}) << "alg-inconsistent" << false;

        // x5c (RFC 7517 §4.7) and its thumbprints (§4.8, §4.9).
        QTest::newRow("x5c-key-mismatch: attacks jwk-x5c-mismatch")
            << setOf(attackCase(QStringLiteral("jwk-x5c-mismatch")).value(QLatin1String("keys")).toArray())
            << "x5c-key-mismatch" << true;
        QTest::newRow("x5c-key-mismatch: RFC 7517 B") << setOf({x5c}) << "x5c-key-mismatch" << false;
        const QString zeros = QString::fromLatin1(Base64Url::encode(QByteArray(20, '\0')));
        QTest::newRow("x5t-mismatch: RFC 7517 B, x5t zero")
            << setOf({with(x5c, "x5t", zeros)}) << "x5t-mismatch" << true;
        QTest::newRow("x5t-mismatch: RFC 7517 B, x5t#S256 zero")
            << setOf({with(x5c, "x5t#S256", QString::fromLatin1(Base64Url::encode(QByteArray(32, '\0'))))})
            << "x5t-mismatch" << true;
        const QByteArray der =
            Base64Url::decodeStandard(x5c.value(QLatin1String("x5c")).toArray().first().toString().toLatin1()).value();
        const QString realX5t =
            QString::fromLatin1(Base64Url::encode(Certificate::fromDer(der)->fingerprint(HashAlg::Sha1)));
        QTest::newRow("x5t-mismatch: RFC 7517 B, x5t right")
            << setOf({with(x5c, "x5t", realX5t)}) << "x5t-mismatch" << false;
        QTest::newRow("x5c-expired: RFC 7517 B (2018)") << setOf({x5c}) << "x5c-expired" << true;
        QTest::newRow("x5c-expired: generated 2020-2120")
            << setOf({validity.value(QLatin1String("valid"))}) << "x5c-expired" << false;
        QTest::newRow("x5c-not-yet-valid: generated from 2100")
            << setOf({validity.value(QLatin1String("future"))}) << "x5c-not-yet-valid" << true;
        QTest::newRow("x5c-not-yet-valid: generated 2020-2120")
            << setOf({validity.value(QLatin1String("valid"))}) << "x5c-not-yet-valid" << false;

        // Unknown kty (RFC 7517 §5: ignored) and crv.
        QTest::newRow("kty-unknown: attacks jwks-unknown-kty-ignored")
            << setOf(attackCase(QStringLiteral("jwks-unknown-kty-ignored")).value(QLatin1String("keys")).toArray())
            << "kty-unknown" << true;
        QTest::newRow("kty known") << setOf({rsa}) << "kty-unknown" << false;
        QTest::newRow("crv-unknown: attacks jwk-ec-crv-unknown")
            << setOf(attackCase(QStringLiteral("jwk-ec-crv-unknown")).value(QLatin1String("keys")).toArray())
            << "crv-unknown" << true;
        QTest::newRow("crv known") << setOf({ec}) << "crv-unknown" << false;

        // Mixed sets (RFC 8725 §2.1 key confusion).
        QTest::newRow("mixed-symmetric") << setOf({rsa, hs}) << "mixed-symmetric" << true;
        QTest::newRow("not mixed-symmetric") << setOf({rsa, ec}) << "mixed-symmetric" << false;
        QTest::newRow("mixed-private") << setOf({rsa, with(rsaPriv, "kid", QStringLiteral("other"))}) << "mixed-private"
                                       << true;
        QTest::newRow("not mixed-private") << setOf({rsa, ec}) << "mixed-private" << false;

        // HMAC key shorter than the hash (RFC 7518 §3.2).
        QTest::newRow("hmac-key-short: attacks jwk-hs-key-too-short")
            << setOf(attackCase(QStringLiteral("jwk-hs-key-too-short")).value(QLatin1String("keys")).toArray())
            << "hmac-key-short" << true;
        QTest::newRow("hmac key 64 bytes") << setOf({hs}) << "hmac-key-short" << false;
    }
    void lintRules()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, code);
        QFETCH(bool, present);
        auto analysis = KeySetAnalysis::analyse(document);
        QVERIFY2(analysis.ok(), qPrintable(analysis.ok() ? QString() : analysis.error().toString()));
        QStringList codes;
        for (const auto& f : analysis->findings) {
            codes.append(f.code);
            QVERIFY(!f.message.isEmpty());
        }
        QVERIFY2(codes.contains(code) == present, qPrintable(codes.join(QLatin1Char(' '))));
    }

    void severities()
    {
        const QJsonObject keys = attackKeys();
        auto analysis = KeySetAnalysis::analyse(
            setOf(attackCase(QStringLiteral("jwk-x5c-mismatch")).value(QLatin1String("keys")).toArray()));
        QVERIFY(analysis.ok());
        QVERIFY(analysis->hasCritical());
        auto clean = KeySetAnalysis::analyse(
            setOf({with(with(keys.value(QLatin1String("rsa_pub")).toObject(), "use", QStringLiteral("sig")), "alg",
                        QStringLiteral("RS256"))}));
        QVERIFY(clean.ok());
        QVERIFY(!clean->hasCritical());
        QCOMPARE(clean->statuses, QList<KeySetAnalysis::Status>{KeySetAnalysis::Status::Ok});
        auto priv = KeySetAnalysis::analyse(setOf({keys.value(QLatin1String("rsa_priv"))}));
        QCOMPARE(priv->statuses, QList<KeySetAnalysis::Status>{KeySetAnalysis::Status::Critical});
    }

    void summaries()
    {
        auto analysis = KeySetAnalysis::analyse(setOf({rfc7517B()}));
        QVERIFY(analysis.ok());
        QCOMPARE(analysis->summaries.size(), 1);
        const JwkSummary& s = analysis->summaries.first();
        QCOMPARE(s.kid, QStringLiteral("1b94c"));
        QCOMPARE(s.kty, QStringLiteral("RSA"));
        QCOMPARE(s.size, QStringLiteral("2048 bits"));
        QVERIFY(s.hasCertificate);
        QVERIFY(s.certSubject.contains(QLatin1String("Brian Campbell")));
        QCOMPARE(s.certNotAfter.date().year(), 2018);
        QCOMPARE(s.thumbprint, analysis->keys.keys().first().thumbprint());
    }

    void singleKeyFormats()
    {
        QFile pem(QStringLiteral(TOKENSCOPE_TEST_DATA "/crypto/rfc7517-B-x5c.pem"));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        auto cert = KeySetAnalysis::analyse(pem.readAll());
        QVERIFY(cert.ok());
        QCOMPARE(cert->format, ParsedKeyText::Format::PemCertificate);
        QCOMPARE(cert->keys.keys().size(), 1);
        auto jwk = KeySetAnalysis::analyse(compactJson(attackKeys().value(QLatin1String("ec_pub")).toObject()));
        QVERIFY(jwk.ok());
        QCOMPARE(jwk->format, ParsedKeyText::Format::Jwk);
    }

    // Hostile documents: findings or a clear error, never a crash or a hang.
    void hostileCases_data()
    {
        QTest::addColumn<QJsonValue>("document");
        for (const auto& e :
             loadVectorFile("attacks/attack_tokens.json").value(QLatin1String("jwks_cases")).toArray()) {
            QTest::newRow(qPrintable(QStringLiteral("attacks ") + e.toObject().value(QLatin1String("id")).toString()))
                << e.toObject().value(QLatin1String("jwks"));
        }
    }
    void hostileCases()
    {
        QFETCH(QJsonValue, document);
        const QByteArray text =
            document.isObject() ? compactJson(document.toObject()) : QJsonDocument(document.toArray()).toJson();
        auto analysis = KeySetAnalysis::analyse(text);
        if (analysis.ok()) {
            QVERIFY(!analysis->findings.isEmpty() || !analysis->keys.isEmpty());
        } else {
            QVERIFY(!analysis.error().message.isEmpty());
            QVERIFY(analysis.error().code != ErrorCode::None);
        }
    }

    void hostileDocuments_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("array") << QByteArray("[1,2,3]") << ErrorCode::JwkInvalid;
        QTest::newRow("number") << QByteArray("42") << ErrorCode::JwkInvalid;
        QTest::newRow("string") << QByteArray("\"keys\"") << ErrorCode::JwkInvalid;
        QTest::newRow("keys null") << QByteArray("{\"keys\":null}") << ErrorCode::JwksInvalid;
        QTest::newRow("truncated") << QByteArray("{\"keys\":[{\"kty\":\"RSA\"") << ErrorCode::JsonInvalid;
        QTest::newRow("nested 100000") << QByteArray(QByteArray("{\"keys\":") + QByteArray(100000, '[') +
                                                     QByteArray(100000, ']') + '}')
                                       << ErrorCode::JsonInvalid;
        QTest::newRow("nested objects") << QByteArray(QByteArray("{\"keys\":[") + QByteArray("{\"a\":").repeated(5000) +
                                                      QByteArray("1") + QByteArray(5000, '}') + "]}")
                                        << ErrorCode::JsonInvalid;
        QTest::newRow("17 MB") << QByteArray(17 * 1024 * 1024, ' ') << ErrorCode::InputTooLarge;
    }
    void hostileDocuments()
    {
        QFETCH(QByteArray, text);
        QFETCH(ErrorCode, code);
        QElapsedTimer timer;
        timer.start();
        auto analysis = KeySetAnalysis::analyse(text);
        QVERIFY(!analysis.ok());
        QCOMPARE(analysis.error().codeString(), errorCodeString(code));
        QVERIFY(timer.elapsed() < 5000);
    }

    void tenMegabyteDocuments()
    {
        // A 10 MB set: one huge string member, then ~10 MB of junk keys. Both give findings, quickly.
        QElapsedTimer timer;
        timer.start();
        const QByteArray bigString = QByteArray("{\"keys\":[],\"x\":\"") + QByteArray(10 * 1024 * 1024, 'a') + "\"}";
        auto a = KeySetAnalysis::analyse(bigString);
        QVERIFY(a.ok());
        QVERIFY(a->keys.isEmpty());
        QByteArray junk = "{\"keys\":[";
        const QByteArray entry = "{\"kty\":\"RSA\",\"n\":\"" + QByteArray(800, 'A') + "\",\"e\":\"AQAB\"},";
        while (junk.size() < 10 * 1024 * 1024 - entry.size()) {
            junk += entry;
        }
        junk += "1]}";
        auto b = KeySetAnalysis::analyse(junk);
        // More than Jwks::kMaxKeys entries: refused with a clear error.
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, ErrorCode::JwksInvalid);
        QVERIFY(timer.elapsed() < 20000);
    }
};

QTEST_GUILESS_MAIN(TestKeySetAnalysis)
#include "TestKeySetAnalysis.moc"
