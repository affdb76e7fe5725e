// SPDX-License-Identifier: MIT
#include "jose/JwtVerifier.h"

#include "core/MockClock.h"
#include "support/VectorFiles.h"

#include <QJsonArray>

namespace {
// Known upstream label defects (tests/data/README.md): tcId -> corrected "valid" flag.
const QHash<int, bool> kWycheproofSignatureCorrections = {
    {346, false}, {350, false}, {347, false}, {351, false}, {367, true}, {370, true}, {372, false}, {373, false},
};

struct KeyMaterial
{
    std::optional<Jwk> jwk;
    std::optional<Jwks> jwks;
    QString error;
};

KeyMaterial importKey(const QJsonObject& o)
{
    KeyMaterial k;
    if (o.contains(QLatin1String("keys"))) {
        auto set = Jwks::fromJsonObject(o);
        if (set) {
            k.jwks = set.value();
        } else {
            k.error = set.error().toString();
        }
    } else {
        auto jwk = Jwk::fromJson(o);
        if (jwk) {
            k.jwk = jwk.value();
        } else {
            k.error = jwk.error().toString();
        }
    }
    return k;
}

VerificationResult verifyWith(const KeyMaterial& k, const QByteArray& token, const VerifyOptions& options)
{
    if (k.jwk) {
        return JwtVerifier(*k.jwk, options).verify(token);
    }
    if (k.jwks) {
        return JwtVerifier(*k.jwks, options).verify(token);
    }
    VerificationResult r;
    r.error = Error(ErrorCode::JwkInvalid, k.error);
    return r;
}

QString stepSummary(const VerificationResult& r)
{
    QStringList parts;
    for (const auto& s : r.steps) {
        parts.append(s.id + QLatin1Char('=') + VerificationStep::statusName(s.status));
    }
    return parts.join(QLatin1Char(' ')) + (r.error ? QStringLiteral(" | ") + r.error->toString() : QString());
}
} // namespace

class TestJwtVerifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wycheproof_data()
    {
        QTest::addColumn<QJsonObject>("key");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<bool>("valid");
        for (const char* file : {"wycheproof/json_web_signature_test.json", "wycheproof/json_web_key_test.json"}) {
            const bool keyFile = QByteArrayView(file).contains("key_test");
            const QJsonObject root = loadVectorFile(file);
            for (const auto& g : root.value(QLatin1String("testGroups")).toArray()) {
                const QJsonObject group = g.toObject();
                // Verify with the public half when the group has one, else the (symmetric) private key.
                const QJsonObject key = group.contains(QLatin1String("public"))
                                            ? group.value(QLatin1String("public")).toObject()
                                            : group.value(QLatin1String("private")).toObject();
                for (const auto& t : group.value(QLatin1String("tests")).toArray()) {
                    const QJsonObject test = t.toObject();
                    const int tcId = test.value(QLatin1String("tcId")).toInt();
                    bool valid = test.value(QLatin1String("result")).toString() == QLatin1String("valid");
                    if (!keyFile && kWycheproofSignatureCorrections.contains(tcId)) {
                        valid = kWycheproofSignatureCorrections.value(tcId);
                    }
                    const QJsonValue jws = test.value(QLatin1String("jws"));
                    const QString name = QStringLiteral("Wycheproof %1 tcId %2 %3 %4")
                                             .arg(keyFile ? QStringLiteral("key") : QStringLiteral("sig"))
                                             .arg(tcId)
                                             .arg(group.value(QLatin1String("comment")).toString(),
                                                  test.value(QLatin1String("comment")).toString());
                    QTest::newRow(qPrintable(name)) << key << jws.toString().toUtf8() << valid;
                }
            }
        }
    }
    void wycheproof()
    {
        QFETCH(QJsonObject, key);
        QFETCH(QByteArray, token);
        QFETCH(bool, valid);
        VerifyOptions options;
        options.signatureOnly = true; // Wycheproof payloads are not all JWT claim sets
        const VerificationResult r = verifyWith(importKey(key), token, options);
        QVERIFY2(r.valid == valid, qPrintable(stepSummary(r)));
        QVERIFY(r.valid != r.error.has_value());
    }

    void rfcCompact_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jws")).toArray()) {
            const QJsonObject entry = e.toObject();
            QTest::newRow(qPrintable(entry.value(QLatin1String("id")).toString())) << entry;
        }
    }
    void rfcCompact()
    {
        QFETCH(QJsonObject, entry);
        const QByteArray token = entry.value(QLatin1String("token")).toString().toUtf8();
        const bool valid = entry.value(QLatin1String("expected")).toString() == QLatin1String("valid");
        VerifyOptions options;
        options.signatureOnly = true; // A.4's payload is text; the 2011 exp is not what is tested here
        if (entry.value(QLatin1String("detached")).toBool() || entry.contains(QLatin1String("b64"))) {
            options.detachedPayload = entry.value(QLatin1String("payload")).toString().toUtf8();
        }
        if (entry.value(QLatin1String("jwk")).isNull()) {
            // RFC 7515 A.5 (alg none): rejected with every key in the file.
            QVERIFY(!valid);
            int tried = 0;
            for (const auto& other : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jws")).toArray()) {
                const QJsonValue k = other.toObject().value(QLatin1String("jwk"));
                if (!k.isObject()) {
                    continue;
                }
                auto jwk = Jwk::fromJson(k.toObject(), JwkImportOptions{true, true});
                QVERIFY(jwk.ok());
                VerifyOptions all = options;
                all.allowedAlgorithms = QStringList{QStringLiteral("none")} + AlgorithmTable::signingNames();
                const auto r = JwtVerifier(jwk.value(), all).verify(token);
                QVERIFY(!r.valid);
                QCOMPARE(r.error->code, ErrorCode::AlgNotAllowed);
                ++tried;
            }
            QVERIFY(tried >= 10);
            return;
        }
        auto jwk = Jwk::fromJson(entry.value(QLatin1String("jwk")).toObject());
        QVERIFY2(jwk.ok(), qPrintable(jwk.ok() ? QString() : jwk.error().toString()));
        const auto r = JwtVerifier(jwk.value(), options).verify(token);
        QVERIFY2(r.valid == valid, qPrintable(stepSummary(r)));
        // One flipped payload bit must break every valid signature.
        if (valid && !options.detachedPayload) {
            QByteArray tampered = token;
            const qsizetype dot = tampered.indexOf('.');
            tampered[dot + 2] = tampered[dot + 2] == 'A' ? 'B' : 'A';
            const auto bad = JwtVerifier(jwk.value(), options).verify(tampered);
            QVERIFY(!bad.valid);
        }
    }

    void attacks_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QTest::addColumn<QJsonObject>("key");
        QTest::addColumn<qint64>("now");
        const QJsonObject root = loadVectorFile("attacks/attack_tokens.json");
        const QJsonObject keys = root.value(QLatin1String("keys")).toObject();
        const qint64 now = root.value(QLatin1String("now")).toInteger();
        for (const auto& t : root.value(QLatin1String("tokens")).toArray()) {
            const QJsonObject entry = t.toObject();
            QTest::newRow(qPrintable(
                QStringLiteral("attacks %1 (%2)")
                    .arg(entry.value(QLatin1String("id")).toString(), entry.value(QLatin1String("attack")).toString())))
                << entry << keys.value(entry.value(QLatin1String("verify_key")).toString()).toObject()
                << entry.value(QLatin1String("now")).toInteger(now);
        }
    }
    void attacks()
    {
        QFETCH(QJsonObject, entry);
        QFETCH(QJsonObject, key);
        QFETCH(qint64, now);
        MockClock clock(now);
        VerifyOptions options;
        options.allowedAlgorithms = entry.value(QLatin1String("allowed_algs")).toVariant().toStringList();
        options.claims.clock = &clock;
        options.claims.issuers = entry.value(QLatin1String("expected_iss")).toVariant().toStringList();
        if (entry.contains(QLatin1String("expected_iss"))) {
            options.claims.issuers = {entry.value(QLatin1String("expected_iss")).toString()};
        }
        if (entry.contains(QLatin1String("expected_aud"))) {
            options.claims.audiences = {entry.value(QLatin1String("expected_aud")).toString()};
        }
        options.claims.typ = entry.value(QLatin1String("expected_typ")).toString();
        options.claims.requiredClaims = entry.value(QLatin1String("required_claims")).toVariant().toStringList();
        if (entry.contains(QLatin1String("detached_payload"))) {
            options.detachedPayload = entry.value(QLatin1String("detached_payload")).toString().toUtf8();
            options.signatureOnly = true; // RFC 7797 payloads are not claim sets
        }
        const QString expected = entry.value(QLatin1String("expected")).toString();
        const QString id = entry.value(QLatin1String("id")).toString();
        const auto r = verifyWith(importKey(key), entry.value(QLatin1String("token")).toString().toUtf8(), options);
        if (expected == QLatin1String("acceptable")) {
            QVERIFY(r.valid != r.error.has_value());
            return;
        }
        QVERIFY2(r.valid == (expected == QLatin1String("valid")), qPrintable(stepSummary(r)));
        if (!r.valid) {
            QVERIFY(r.claims.isEmpty()); // never hand out the claims of a rejected token
        }
        // The failure must be the right one, not an accident of an earlier step.
        static const QList<QPair<QString, ErrorCode>> codes = {
            {QStringLiteral("none-two-segments"), ErrorCode::JwsInvalid},
            {QStringLiteral("none-"), ErrorCode::AlgNotAllowed},
            {QStringLiteral("confusion-rsa-hs256"), ErrorCode::KeyAlgMismatch},
            {QStringLiteral("confusion-ec-hs256"), ErrorCode::KeyAlgMismatch},
            {QStringLiteral("confusion-ed-hs256"), ErrorCode::KeyAlgMismatch},
            {QStringLiteral("confusion-ps256-with-rs256-only"), ErrorCode::AlgNotAllowed},
            {QStringLiteral("embedded-"), ErrorCode::JwsSignatureVerificationFailed},
            {QStringLiteral("remote-"), ErrorCode::JwsSignatureVerificationFailed},
            {QStringLiteral("kid-not-string"), ErrorCode::JwsInvalid},
            {QStringLiteral("crit-unknown-extension"), ErrorCode::CritUnsupported},
            {QStringLiteral("crit-"), ErrorCode::JwsInvalid},
            {QStringLiteral("dup-alg-last-none"), ErrorCode::JwsInvalid},
            {QStringLiteral("payload-"), ErrorCode::JwtInvalid},
            {QStringLiteral("es256-"), ErrorCode::JwsSignatureVerificationFailed},
            {QStringLiteral("rs256-"), ErrorCode::JwsSignatureVerificationFailed},
            {QStringLiteral("claims-expired"), ErrorCode::JwtExpired},
            {QStringLiteral("claims-nbf-future"), ErrorCode::JwtNotYetValid},
            {QStringLiteral("claims-"), ErrorCode::JwtClaimValidationFailed},
            {QStringLiteral("typ-"), ErrorCode::JwtClaimValidationFailed},
            {QStringLiteral("jwe-instead-of-jws"), ErrorCode::JweNotSupported},
        };
        if (!r.valid) {
            for (const auto& [prefix, code] : codes) {
                if (id.startsWith(prefix)) {
                    QVERIFY2(r.error->code == code, qPrintable(stepSummary(r)));
                    break;
                }
            }
        }
    }

    void stepsFollowTheFixedOrder()
    {
        const QJsonObject root = loadVectorFile("attacks/attack_tokens.json");
        auto key =
            Jwk::fromJson(root.value(QLatin1String("keys")).toObject().value(QLatin1String("rsa_pub")).toObject());
        QVERIFY(key.ok());
        QByteArray token;
        for (const auto& t : root.value(QLatin1String("tokens")).toArray()) {
            if (t.toObject().value(QLatin1String("id")).toString() == QLatin1String("control-rs256-valid")) {
                token = t.toObject().value(QLatin1String("token")).toString().toUtf8();
            }
        }
        MockClock clock(root.value(QLatin1String("now")).toInteger());
        VerifyOptions options;
        options.claims.clock = &clock;
        const auto r = JwtVerifier(key.value(), options).verify(token);
        QVERIFY2(r.valid, qPrintable(stepSummary(r)));
        QStringList ids;
        for (const auto& s : r.steps) {
            ids.append(s.id);
        }
        const QStringList expected = {
            QStringLiteral("parts"),     QStringLiteral("header"),  QStringLiteral("crit"),
            QStringLiteral("alg"),       QStringLiteral("key"),     QStringLiteral("key-fits-alg"),
            QStringLiteral("signature"), QStringLiteral("payload"), QStringLiteral("typ"),
            QStringLiteral("required"),  QStringLiteral("iss"),     QStringLiteral("sub"),
            QStringLiteral("aud"),       QStringLiteral("nbf"),     QStringLiteral("exp"),
            QStringLiteral("iat")};
        QCOMPARE(ids, expected);
        QVERIFY(!r.claims.isEmpty());

        // A bad signature: the signature step fails and everything after it is "not reached".
        QByteArray tampered = token;
        tampered.chop(2);
        tampered.append("AA");
        const auto bad = JwtVerifier(key.value(), options).verify(tampered);
        QVERIFY(!bad.valid);
        QCOMPARE(bad.error->code, ErrorCode::JwsSignatureVerificationFailed);
        int failedAt = -1;
        for (int i = 0; i < bad.steps.size(); ++i) {
            if (bad.steps[i].status == VerificationStep::Status::Failed) {
                QCOMPARE(failedAt, -1);
                failedAt = i;
            } else if (failedAt >= 0) {
                QCOMPARE(bad.steps[i].status, VerificationStep::Status::Skipped);
            }
        }
        QCOMPARE(bad.steps.value(failedAt).id, QStringLiteral("signature"));
        QVERIFY(bad.claims.isEmpty());
    }

    void keySetSelection()
    {
        // kid selects within a set; a kid that is not there is ERR_JWKS_NO_MATCHING_KEY.
        const QJsonObject root = loadVectorFile("attacks/attack_tokens.json");
        const QJsonObject keys = root.value(QLatin1String("keys")).toObject();
        auto rsa = Jwk::fromJson(keys.value(QLatin1String("rsa_pub")).toObject());
        auto ec = Jwk::fromJson(keys.value(QLatin1String("ec_pub")).toObject());
        QVERIFY(rsa.ok() && ec.ok());
        const Jwks set(QList<Jwk>{rsa.value(), ec.value()});
        MockClock clock(root.value(QLatin1String("now")).toInteger());
        VerifyOptions options;
        options.claims.clock = &clock;
        options.allowedAlgorithms = {QStringLiteral("RS256"), QStringLiteral("ES256")};
        for (const auto& t : root.value(QLatin1String("tokens")).toArray()) {
            const QJsonObject entry = t.toObject();
            const QString id = entry.value(QLatin1String("id")).toString();
            if (id == QLatin1String("control-rs256-valid") || id == QLatin1String("es256-control")) {
                const auto r =
                    JwtVerifier(set, options).verify(entry.value(QLatin1String("token")).toString().toUtf8());
                QVERIFY2(r.valid, qPrintable(id + stepSummary(r)));
                QCOMPARE(r.keyIndex, id.startsWith(QLatin1String("control")) ? 0 : 1);
            }
        }
        // The same token against a set whose only RSA key has another kid: no matching key.
        const Jwks other(QList<Jwk>{rsa->withKid(QStringLiteral("other"))});
        for (const auto& t : root.value(QLatin1String("tokens")).toArray()) {
            const QJsonObject entry = t.toObject();
            if (entry.value(QLatin1String("id")).toString() == QLatin1String("control-rs256-valid")) {
                const auto r =
                    JwtVerifier(other, options).verify(entry.value(QLatin1String("token")).toString().toUtf8());
                QVERIFY(!r.valid);
                QCOMPARE(r.error->code, ErrorCode::JwksNoMatchingKey);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "TestJwtVerifier.moc"
