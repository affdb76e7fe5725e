// SPDX-License-Identifier: MIT
#include "jose/JwtBuilder.h"
#include "jose/JwtVerifier.h"

#include "core/Base64Url.h"
#include "core/MockClock.h"
#include "support/VectorFiles.h"

#include <QJsonArray>

class TestJwtBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfcDeterministicResign_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jws")).toArray()) {
            const QJsonObject entry = e.toObject();
            if (entry.value(QLatin1String("deterministic")).toBool() && !entry.value(QLatin1String("jwk")).isNull()) {
                QTest::newRow(qPrintable(entry.value(QLatin1String("id")).toString())) << entry;
            }
        }
    }
    void rfcDeterministicResign()
    {
        // HS*/RS*/EdDSA are deterministic: re-signing the exact header and payload reproduces the token.
        QFETCH(QJsonObject, entry);
        const QByteArray token = entry.value(QLatin1String("token")).toString().toUtf8();
        const QList<QByteArray> parts = token.split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonValue priv = entry.value(QLatin1String("jwk_private"));
        auto key = Jwk::fromJson(priv.isObject() ? priv.toObject() : entry.value(QLatin1String("jwk")).toObject(),
                                 JwkImportOptions{true, true});
        QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().toString()));
        const QByteArray header = Base64Url::decode(parts[0]).value();
        QByteArray payload = parts[1].isEmpty() ? entry.value(QLatin1String("payload")).toString().toUtf8()
                                                : Base64Url::decode(parts[1]).value();
        const bool b64 = entry.value(QLatin1String("b64")).toBool(true);
        if (!b64) {
            payload = entry.value(QLatin1String("payload")).toString().toUtf8();
        }
        auto signedToken = JwtBuilder::signCompact(header, payload, key.value(), parts[1].isEmpty());
        QVERIFY2(signedToken.ok(), qPrintable(signedToken.ok() ? QString() : signedToken.error().toString()));
        const QList<QByteArray> got = signedToken.value().split('.');
        QCOMPARE(got.value(0), parts[0]);
        QCOMPARE(got.value(2), parts[2]);
    }

    void roundTripEveryAlgorithm_data()
    {
        QTest::addColumn<QString>("alg");
        for (const auto& name : AlgorithmTable::signingNames()) {
            QTest::newRow(qPrintable(name)) << name;
        }
        QTest::newRow("EdDSA Ed448") << QStringLiteral("EdDSA/Ed448");
    }
    void roundTripEveryAlgorithm()
    {
        QFETCH(QString, alg);
        const bool ed448 = alg.endsWith(QLatin1String("Ed448"));
        const QString name = alg.section(QLatin1Char('/'), 0, 0);
        const AlgorithmInfo* info = AlgorithmTable::find(name);
        QVERIFY(info);
        Jwk key;
        switch (info->family) {
        case AlgorithmInfo::Family::Hmac:
            key = Jwk::fromSecret(QByteArray(info->signatureSize, 'k'));
            break;
        case AlgorithmInfo::Family::Rsa:
        case AlgorithmInfo::Family::RsaPss:
            key = Jwk::fromKey(AsymmetricKey::generateRsa(2048).value());
            break;
        case AlgorithmInfo::Family::Ecdsa:
            key = Jwk::fromKey(AsymmetricKey::generateCurve(*info->curve).value());
            break;
        case AlgorithmInfo::Family::EdDsa:
            key = Jwk::fromKey(AsymmetricKey::generateCurve(ed448 ? Curve::Ed448 : Curve::Ed25519).value());
            break;
        case AlgorithmInfo::Family::None:
            QFAIL("none is not a signing algorithm");
        }
        key = key.withKid(QStringLiteral("k1"));
        MockClock clock(1700000000);
        const QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("alice")},
                                 {QStringLiteral("aud"), QStringLiteral("api")},
                                 {QStringLiteral("exp"), 1700000600}};
        auto token = JwtBuilder::sign(name, claims, key);
        QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().toString()));
        VerifyOptions options;
        options.claims.clock = &clock;
        options.claims.audiences = {QStringLiteral("api")};
        // Verify with the public half through a set, selected by kid.
        const Jwks set(QList<Jwk>{key.isSymmetric() ? key : key.publicJwk()});
        const auto r = JwtVerifier(set, options).verify(token.value());
        QVERIFY2(r.valid, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        // ECDSA signatures are raw R||S of the fixed size (RFC 7518 §3.4).
        if (info->signatureSize) {
            QCOMPARE(CompactToken::parse(token.value()).signature.size(), ed448 ? 114 : info->signatureSize);
        }
        // Expired one second later than exp.
        clock.setSeconds(1700000600);
        const auto expired = JwtVerifier(set, options).verify(token.value());
        QCOMPARE(expired.error->code, ErrorCode::JwtExpired);
    }

    void refusesNoneAndMismatchedKeys()
    {
        const Jwk secret = Jwk::fromSecret(QByteArray(32, 's'));
        auto none = JwtBuilder::signCompact("{\"alg\":\"none\"}", "{}", secret);
        QCOMPARE(none.error().code, ErrorCode::AlgNotAllowed);
        auto rsWithSecret = JwtBuilder::signCompact("{\"alg\":\"RS256\"}", "{}", secret);
        QCOMPARE(rsWithSecret.error().code, ErrorCode::KeyAlgMismatch);
        auto badHeader = JwtBuilder::signCompact("{\"alg\":", "{}", secret);
        QCOMPARE(badHeader.error().code, ErrorCode::JsonInvalid);
        const Jwk pub = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value()).publicJwk();
        auto withPublic = JwtBuilder::signCompact("{\"alg\":\"ES256\"}", "{}", pub);
        QCOMPARE(withPublic.error().code, ErrorCode::KeyAlgMismatch);
    }
};

QTEST_GUILESS_MAIN(TestJwtBuilder)
#include "TestJwtBuilder.moc"
