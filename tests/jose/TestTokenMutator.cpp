// SPDX-License-Identifier: MIT
#include "jose/TokenMutator.h"

#include "core/Base64Url.h"
#include "core/MockClock.h"
#include "crypto/Certificate.h"
#include "crypto/Hmac.h"
#include "crypto/Signer.h"
#include "jose/AlgorithmTable.h"
#include "jose/CompactToken.h"
#include "jose/Jwks.h"
#include "jose/JwtBuilder.h"
#include "jose/JwtVerifier.h"
#include "support/VectorFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>

namespace {

// RFC 7515 A.1–A.3 and RFC 7520 §4.2 (tests/data/rfc/rfc_examples.json): tokens with their keys.
struct Fixture
{
    QByteArray token;
    Jwk privateKey; // or the secret for HS256
    Jwk publicKey;
};

Fixture fixture(const char* id)
{
    for (const auto& e : loadVectorFile("rfc/rfc_examples.json").value(QLatin1String("jws")).toArray()) {
        const QJsonObject entry = e.toObject();
        if (entry.value(QLatin1String("id")).toString() != QLatin1String(id)) {
            continue;
        }
        const QJsonValue priv = entry.value(QLatin1String("jwk_private"));
        const JwkImportOptions weakOk{true, true};
        Fixture f;
        f.token = entry.value(QLatin1String("token")).toString().toUtf8();
        f.privateKey =
            Jwk::fromJson(priv.isObject() ? priv.toObject() : entry.value(QLatin1String("jwk")).toObject(), weakOk)
                .value();
        f.publicKey = f.privateKey.isSymmetric() ? f.privateKey : f.privateKey.publicJwk();
        return f;
    }
    qFatal("no fixture %s", id);
}

// RFC 7515 A.1-A.3 tokens expire at 1300819380 (2011-03-22T18:43:00Z); the clock stands 10 minutes earlier.
constexpr qint64 kNow = 1300819380 - 600;

QList<TokenMutation> rowsOf(const QList<TokenMutation>& all, const QString& id)
{
    QList<TokenMutation> out;
    for (const auto& m : all) {
        if (m.id == id) {
            out.append(m);
        }
    }
    return out;
}

/// Does `key` produce the token's signature over its signing input (any alg, no policy)?
bool signedBy(const QByteArray& token, const Jwk& key)
{
    const CompactToken t = CompactToken::parse(token);
    const AlgorithmInfo* alg = AlgorithmTable::find(t.alg());
    if (t.segments.size() != 3 || alg == nullptr || alg->isNone()) {
        return false;
    }
    if (alg->isSymmetric()) {
        return Hmac::verify(alg->hash, key.secret(), t.signingInput(), t.signature);
    }
    return Signer::verify(key.asymmetricKey(), alg->scheme(), t.signingInput(), t.signature);
}

bool verifies(const QByteArray& token, const Jwk& key)
{
    VerifyOptions options;
    options.signatureOnly = true;
    return JwtVerifier(key, options).verify(token).valid;
}

QJsonObject claimsOf(const QByteArray& token)
{
    return CompactToken::parse(token).payloadObject().value();
}

} // namespace

class TestTokenMutator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogueHasEveryIdOfTheIssueInOrder()
    {
        // Issue 13, "Mutations": every id, in table order, with its severity.
        const QList<std::pair<const char*, MutationSeverity>> expected = {
            {"sig-stripped", MutationSeverity::Must},
            {"sig-truncated", MutationSeverity::Must},
            {"sig-bitflip", MutationSeverity::Must},
            {"sig-other-key", MutationSeverity::Must},
            {"payload-tampered", MutationSeverity::Must},
            {"alg-none", MutationSeverity::Must},
            {"alg-none-case", MutationSeverity::Must},
            {"alg-missing", MutationSeverity::Must},
            {"alg-unknown", MutationSeverity::Must},
            {"alg-hs-with-public-key", MutationSeverity::Must},
            {"ecdsa-psychic", MutationSeverity::Must},
            {"alg-downgrade", MutationSeverity::Should},
            {"jwk-embedded", MutationSeverity::Must},
            {"jku-attacker", MutationSeverity::Must},
            {"x5u-attacker", MutationSeverity::Must},
            {"x5c-self-signed", MutationSeverity::Must},
            {"kid-unknown", MutationSeverity::Must},
            {"kid-injection", MutationSeverity::Must},
            {"crit-unknown", MutationSeverity::Must},
            {"b64-false", MutationSeverity::Must},
            {"exp-past", MutationSeverity::Must},
            {"exp-missing", MutationSeverity::Must},
            {"nbf-future", MutationSeverity::Must},
            {"aud-wrong", MutationSeverity::Must},
            {"aud-missing", MutationSeverity::Must},
            {"iss-wrong", MutationSeverity::Must},
            {"iss-missing", MutationSeverity::Must},
            {"iat-future", MutationSeverity::Should},
            {"typ-wrong", MutationSeverity::Should},
            {"scope-removed", MutationSeverity::Info},
            {"bearer-lowercase-scheme", MutationSeverity::Accept},
            {"token-in-query", MutationSeverity::Info},
            {"token-in-body", MutationSeverity::Info},
            {"two-authorization-headers", MutationSeverity::Should},
            {"oversized-token", MutationSeverity::Should},
        };
        const auto& catalogue = TokenMutator::catalogue();
        QCOMPARE(catalogue.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(catalogue[i].id, QString::fromLatin1(expected[i].first));
            QCOMPARE(severityName(catalogue[i].severity), severityName(expected[i].second));
        }
    }

    void catalogueIdsAreUniqueWithReferenceAndReason()
    {
        QSet<QString> ids;
        for (const auto& info : TokenMutator::catalogue()) {
            QVERIFY2(!ids.contains(info.id), qPrintable(info.id));
            ids.insert(info.id);
            QVERIFY2(!info.description.isEmpty(), qPrintable(info.id));
            QVERIFY2(info.reference.contains(QLatin1String("RFC")) || info.reference.contains(QLatin1String("CVE")),
                     qPrintable(info.id));
            QVERIFY2(!info.reason.isEmpty(), qPrintable(info.id));
            QCOMPARE(TokenMutator::find(info.id), &info);
        }
        QVERIFY(TokenMutator::find(QStringLiteral("no-such-mutation")) == nullptr);
        // The references the issue names.
        QVERIFY(TokenMutator::find(QStringLiteral("alg-hs-with-public-key"))
                    ->reference.contains(QLatin1String("CVE-2015-9235 / CVE-2016-10555")));
        QVERIFY(
            TokenMutator::find(QStringLiteral("ecdsa-psychic"))->reference.contains(QLatin1String("CVE-2022-21449")));
        QVERIFY(TokenMutator::find(QStringLiteral("jwk-embedded"))->reference.contains(QLatin1String("CVE-2018-0114")));
        QVERIFY(TokenMutator::find(QStringLiteral("exp-missing"))->reference.contains(QStringLiteral("RFC 9068 §2.2")));
        QVERIFY(TokenMutator::find(QStringLiteral("typ-wrong"))->reference.contains(QStringLiteral("RFC 9449 §4.2")));
        QVERIFY(TokenMutator::find(QStringLiteral("exp-past"))->needsSigningKey);
        QVERIFY(TokenMutator::find(QStringLiteral("alg-hs-with-public-key"))->needsPublicKey);
        QVERIFY(!TokenMutator::find(QStringLiteral("alg-none"))->needsSigningKey);
    }

    void everyIdYieldsRowsInCatalogueOrder()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture rs = fixture("rfc7515-A.2-RS256");
        auto all = mutator.mutate({rs.token, rs.privateKey, rs.publicKey, QStringLiteral("http://127.0.0.1:1/jwks"),
                                   QStringLiteral("http://127.0.0.1:1/cert.pem")});
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().toString()));
        qsizetype next = 0;
        for (const auto& info : TokenMutator::catalogue()) {
            const auto rows = rowsOf(all.value(), info.id);
            QVERIFY2(!rows.isEmpty(), qPrintable(info.id));
            QCOMPARE(rows.size() > 1, info.hasVariants); // RS256 with a public key: every variant applies
            QCOMPARE(placementName(rows.first().placement), placementName(info.placement));
            for (const auto& row : rows) {
                QCOMPARE(all.value()[next++].id, info.id); // grouped, in catalogue order
                if (row.isSkipped()) {
                    QVERIFY(row.token.isEmpty());
                } else {
                    QVERIFY2(!row.token.isEmpty() && !row.changed.isEmpty(), qPrintable(info.id));
                }
            }
        }
        QCOMPARE(next, all.value().size());
        // RS256 with both keys and both URLs: only what cannot apply to this token is skipped, each with its reason
        // (the RFC 7515 A.2 payload has iss and exp but no aud and no scope).
        QStringList skippedIds;
        for (const auto& row : all.value()) {
            if (row.isSkipped()) {
                skippedIds.append(row.id + QLatin1String(": ") + row.skippedReason);
            }
        }
        QCOMPARE(skippedIds, (QStringList{QStringLiteral("ecdsa-psychic: token is not ES256/ES384/ES512/ES256K"),
                                          QStringLiteral("aud-missing: the token has no aud"),
                                          QStringLiteral("scope-removed: the token has no scope or scp")}));
    }

    void onlySelectedIdsAndErrors()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture rs = fixture("rfc7515-A.2-RS256");
        auto some =
            mutator.mutate({rs.token, {}, {}, {}, {}}, {QStringLiteral("alg-none"), QStringLiteral("sig-stripped")});
        QVERIFY(some.ok());
        QCOMPARE(some->size(), 2);
        QCOMPARE(some->at(0).id, QStringLiteral("sig-stripped")); // catalogue order, not argument order
        QCOMPARE(some->at(1).id, QStringLiteral("alg-none"));

        auto unknown = mutator.mutate({rs.token, {}, {}, {}, {}}, {QStringLiteral("alg-nope")});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::Usage);
        for (const QByteArray& bad : {QByteArray("not a token"), QByteArray("eyJhbGciOiJub25lIn0.e30."),
                                      QByteArray("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d")}) {
            auto r = mutator.mutate({bad, {}, {}, {}, {}});
            QVERIFY2(!r.ok(), bad.constData());
            QCOMPARE(r.error().code, ErrorCode::JwsInvalid);
        }
    }

    void signatureRowsFailWithTheRealKey_data()
    {
        QTest::addColumn<QString>("fixtureId");
        QTest::newRow("RFC 7515 A.1 HS256") << QStringLiteral("rfc7515-A.1-HS256");
        QTest::newRow("RFC 7515 A.2 RS256") << QStringLiteral("rfc7515-A.2-RS256");
        QTest::newRow("RFC 7515 A.3 ES256") << QStringLiteral("rfc7515-A.3-ES256");
        QTest::newRow("RFC 7520 4.2 PS384") << QStringLiteral("rfc7520-4.2-PS384");
        QTest::newRow("RFC 8037 A.4 EdDSA") << QStringLiteral("rfc8037-A.4-EdDSA-Ed25519");
    }
    void signatureRowsFailWithTheRealKey()
    {
        QFETCH(QString, fixtureId);
        const Fixture f = fixture(qPrintable(fixtureId));
        QVERIFY(signedBy(f.token, f.publicKey)); // the control
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        auto all =
            mutator.mutate({f.token, {}, {}, {}, {}}, {QStringLiteral("sig-stripped"), QStringLiteral("sig-truncated"),
                                                       QStringLiteral("sig-bitflip"), QStringLiteral("sig-other-key"),
                                                       QStringLiteral("payload-tampered")});
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 5);
        const CompactToken original = CompactToken::parse(f.token);
        for (const auto& row : all.value()) {
            QVERIFY2(!row.isSkipped(), qPrintable(row.id + row.skippedReason));
            QVERIFY2(!signedBy(row.token, f.publicKey), qPrintable(row.id));
            const CompactToken t = CompactToken::parse(row.token);
            QCOMPARE(t.alg(), original.alg());
            if (row.id == QLatin1String("sig-stripped")) {
                QVERIFY(row.token.endsWith('.'));
                QVERIFY(t.signature.isEmpty());
            } else if (row.id == QLatin1String("sig-truncated")) {
                QCOMPARE(t.signature, original.signature.left(original.signature.size() / 2));
            } else if (row.id == QLatin1String("sig-bitflip")) {
                QCOMPARE(t.signature.size(), original.signature.size());
                int differing = 0;
                for (qsizetype i = 0; i < t.signature.size(); ++i) {
                    differing += qPopulationCount(quint8(t.signature[i] ^ original.signature[i]));
                }
                QCOMPARE(differing, 1);
            } else if (row.id == QLatin1String("payload-tampered")) {
                QCOMPARE(t.signature, original.signature);
                QVERIFY(t.payload != original.payload);
                if (original.payloadObject().ok()) {
                    QCOMPARE(claimsOf(row.token).value(QLatin1String("sub")).toString(),
                             QStringLiteral("tokenscope-probe"));
                }
            } else if (row.id == QLatin1String("sig-other-key")) {
                QCOMPARE(t.headerText, original.headerText);
                QCOMPARE(t.payload, original.payload);
                QCOMPARE(t.signature.size() > 0, true);
                if (!f.publicKey.isSymmetric()) {
                    // Signed by one of the probe's keys, of the same type as the real one.
                    auto jwks = Jwks::fromJson(mutator.attackerJwksJson());
                    QVERIFY(jwks.ok());
                    bool byAttacker = false;
                    for (const Jwk& k : jwks->keys()) {
                        byAttacker = byAttacker || (k.kty() == f.publicKey.kty() && verifies(row.token, k));
                    }
                    QVERIFY(byAttacker);
                }
            }
        }
    }

    void algNoneRowsAreUnsigned()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture("rfc7515-A.2-RS256");
        auto all =
            mutator.mutate({f.token, {}, {}, {}, {}}, {QStringLiteral("alg-none"), QStringLiteral("alg-none-case"),
                                                       QStringLiteral("alg-missing"), QStringLiteral("alg-unknown")});
        QVERIFY(all.ok());
        QStringList algs;
        for (const auto& row : all.value()) {
            const CompactToken t = CompactToken::parse(row.token);
            QVERIFY(t.headerOk);
            QCOMPARE(t.payload, CompactToken::parse(f.token).payload);
            algs.append(row.id == QLatin1String("alg-missing") ? QStringLiteral("<missing>") : t.alg());
            QCOMPARE(t.header.contains(QLatin1String("alg")), row.id != QLatin1String("alg-missing"));
            if (row.id == QLatin1String("alg-unknown")) {
                QCOMPARE(t.signature, CompactToken::parse(f.token).signature);
            } else {
                QVERIFY(row.token.endsWith('.'));
                QVERIFY(t.signature.isEmpty());
            }
        }
        QCOMPARE(algs, (QStringList{QStringLiteral("none"), QStringLiteral("None"), QStringLiteral("NONE"),
                                    QStringLiteral("nOnE"), QStringLiteral("<missing>"), QStringLiteral("XS256")}));
        QCOMPARE(all->at(2).variant, QStringLiteral("NONE"));
    }

    void hsWithPublicKeyIsHmacKeyedWithThePublicKeyBytes()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture("rfc7515-A.2-RS256");
        const QStringList id{QStringLiteral("alg-hs-with-public-key")};
        auto without = mutator.mutate({f.token, f.privateKey, {}, {}, {}}, id);
        QVERIFY(without.ok());
        QCOMPARE(without->size(), 1);
        QCOMPARE(without->at(0).skippedReason, QStringLiteral("needs the issuer's public key"));

        auto all = mutator.mutate({f.token, {}, f.publicKey, {}, {}}, id);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 12);
        // The key bytes an API would hold, written independently of the mutator: the PEM file of the RFC key.
        QFile pemFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/gui-rfc7515-A.2-RS256-public.pem"));
        QVERIFY(pemFile.open(QIODevice::ReadOnly));
        const QByteArray pem = pemFile.readAll();
        QVERIFY(pem.endsWith("-----END PUBLIC KEY-----\n"));
        const QHash<QString, QByteArray> keyBytes = {
            {QStringLiteral("pem"), pem},
            {QStringLiteral("pem-no-newline"), pem.chopped(1)},
            {QStringLiteral("der"), f.publicKey.asymmetricKey().spkiDer()},
            {QStringLiteral("jwk-json"), compactJson(f.publicKey.toJson())},
        };
        QSet<QString> variants;
        for (const auto& row : all.value()) {
            variants.insert(row.variant);
            const QString alg = row.variant.section(QLatin1Char('/'), 0, 0);
            const QString form = row.variant.section(QLatin1Char('/'), 1);
            const CompactToken t = CompactToken::parse(row.token);
            QCOMPARE(t.alg(), alg);
            const AlgorithmInfo* info = AlgorithmTable::find(alg);
            QVERIFY(info && info->isSymmetric());
            QVERIFY2(keyBytes.contains(form), qPrintable(form));
            QVERIFY2(Hmac::verify(info->hash, keyBytes.value(form), t.signingInput(), t.signature),
                     qPrintable(row.variant));
            // ... and not with the other forms: each variant is its own key.
            for (auto it = keyBytes.begin(); it != keyBytes.end(); ++it) {
                if (it.key() != form) {
                    QVERIFY(!Hmac::verify(info->hash, it.value(), t.signingInput(), t.signature));
                }
            }
            QVERIFY(!signedBy(row.token, f.publicKey.withAlg({})) || info->isSymmetric());
        }
        QCOMPARE(variants.size(), 12);
    }

    void ecdsaPsychicIsZeroRAndS_data()
    {
        QTest::addColumn<QString>("fixtureId");
        QTest::addColumn<int>("size");
        QTest::newRow("RFC 7515 A.3 ES256") << QStringLiteral("rfc7515-A.3-ES256") << 64;
        QTest::newRow("RFC 7515 A.4 ES512") << QStringLiteral("rfc7515-A.4-ES512") << 132;
    }
    void ecdsaPsychicIsZeroRAndS()
    {
        QFETCH(QString, fixtureId);
        QFETCH(int, size);
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture(qPrintable(fixtureId));
        auto rows = mutator.mutate({f.token, {}, {}, {}, {}}, {QStringLiteral("ecdsa-psychic")});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        const CompactToken t = CompactToken::parse(rows->at(0).token);
        QCOMPARE(t.signature, QByteArray(size, '\0'));
        QCOMPARE(t.headerText, CompactToken::parse(f.token).headerText);
        QVERIFY(!signedBy(rows->at(0).token, f.publicKey));

        auto rsa =
            mutator.mutate({fixture("rfc7515-A.2-RS256").token, {}, {}, {}, {}}, {QStringLiteral("ecdsa-psychic")});
        QVERIFY(rsa.ok());
        QVERIFY(rsa->at(0).isSkipped());
    }

    void keyHeaderRowsAreSignedByTheProbesKeys()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture("rfc7515-A.2-RS256");
        const QString jwksUrl = QStringLiteral("http://127.0.0.1:4711/jwks.json");
        const QString x5uUrl = QStringLiteral("http://127.0.0.1:4711/cert.pem");
        const QStringList ids{QStringLiteral("jwk-embedded"), QStringLiteral("jku-attacker"),
                              QStringLiteral("x5u-attacker"), QStringLiteral("x5c-self-signed")};
        auto noUrls = mutator.mutate({f.token, {}, {}, {}, {}}, ids);
        QVERIFY(noUrls.ok());
        QCOMPARE(noUrls->size(), 4);
        QVERIFY(!noUrls->at(0).isSkipped());
        QCOMPARE(noUrls->at(1).skippedReason, QStringLiteral("needs the probe's JWKS URL"));
        QCOMPARE(noUrls->at(2).skippedReason, QStringLiteral("needs the probe's certificate URL"));
        QVERIFY(!noUrls->at(3).isSkipped());

        auto rows = mutator.mutate({f.token, {}, {}, jwksUrl, x5uUrl}, ids);
        QVERIFY(rows.ok());
        auto attackerSet = Jwks::fromJson(mutator.attackerJwksJson());
        QVERIFY2(attackerSet.ok(), qPrintable(attackerSet.ok() ? QString() : attackerSet.error().toString()));
        QCOMPARE(mutator.attackerJwksJson(), mutator.attackerJwksJson()); // generated once
        VerifyOptions byKid;
        byKid.signatureOnly = true;
        const JwtVerifier attackerVerifier(attackerSet.value(), byKid);
        for (const auto& row : rows.value()) {
            QVERIFY2(!row.isSkipped(), qPrintable(row.id));
            const CompactToken t = CompactToken::parse(row.token);
            QCOMPARE(t.alg(), QStringLiteral("RS256"));
            QVERIFY2(!verifies(row.token, f.publicKey), qPrintable(row.id));
            QCOMPARE(t.payload, CompactToken::parse(f.token).payload);
            if (row.id == QLatin1String("jwk-embedded")) {
                // CVE-2018-0114: the key in the header verifies the token.
                auto embedded = Jwk::fromJson(t.header.value(QLatin1String("jwk")).toObject());
                QVERIFY(embedded.ok());
                QVERIFY(!embedded->isPrivate());
                QVERIFY(verifies(row.token, embedded.value()));
            } else if (row.id == QLatin1String("jku-attacker")) {
                QCOMPARE(t.header.value(QLatin1String("jku")).toString(), jwksUrl);
                const auto result = attackerVerifier.verify(row.token); // selected by the header's kid
                QVERIFY2(result.valid, qPrintable(result.error ? result.error->toString() : QString()));
            } else if (row.id == QLatin1String("x5u-attacker")) {
                QCOMPARE(t.header.value(QLatin1String("x5u")).toString(), x5uUrl);
                auto cert = Certificate::fromPem(mutator.attackerCertificatePem(QStringLiteral("RS256")));
                QVERIFY(cert.ok());
                QVERIFY(cert->isSelfSigned());
                QVERIFY(verifies(row.token, Jwk::fromKey(cert->publicKey())));
                QCOMPARE(mutator.attackerCertificatePem(), mutator.attackerCertificatePem(QStringLiteral("PS512")));
            } else {
                const QJsonArray x5c = t.header.value(QLatin1String("x5c")).toArray();
                QCOMPARE(x5c.size(), 1);
                auto der = Base64Url::decodeStandard(x5c.at(0).toString().toLatin1());
                QVERIFY(der.ok());
                auto cert = Certificate::fromDer(der.value());
                QVERIFY(cert.ok());
                QVERIFY(cert->isSelfSigned());
                QVERIFY(verifies(row.token, Jwk::fromKey(cert->publicKey())));
            }
        }
    }

    void keyHeaderRowsFollowTheTokensAlgorithm()
    {
        // ES256 token: the probe signs with its P-256 key and serves a P-256 certificate; HMAC tokens get RS256.
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture es = fixture("rfc7515-A.3-ES256");
        auto rows = mutator.mutate({es.token, {}, {}, {}, QStringLiteral("http://127.0.0.1:1/c.pem")},
                                   {QStringLiteral("x5u-attacker")});
        QVERIFY(rows.ok());
        QCOMPARE(CompactToken::parse(rows->at(0).token).alg(), QStringLiteral("ES256"));
        auto cert = Certificate::fromPem(mutator.attackerCertificatePem(QStringLiteral("ES256")));
        QVERIFY(cert.ok());
        QVERIFY(verifies(rows->at(0).token, Jwk::fromKey(cert->publicKey())));

        const Fixture hs = fixture("rfc7515-A.1-HS256");
        auto hsRows = mutator.mutate({hs.token, {}, {}, {}, {}}, {QStringLiteral("jwk-embedded")});
        QVERIFY(hsRows.ok());
        QCOMPARE(CompactToken::parse(hsRows->at(0).token).alg(), QStringLiteral("RS256"));
        QVERIFY(hsRows->at(0).changed.contains(QLatin1String("was HS256")));
    }

    void kidInjectionSignsWithTheKeyTheKidWouldSelect()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        auto rows =
            mutator.mutate({fixture("rfc7515-A.2-RS256").token, {}, {}, {}, {}}, {QStringLiteral("kid-injection")});
        QVERIFY(rows.ok());
        const QList<std::tuple<QString, QString, QByteArray>> expected = {
            {QStringLiteral("path-traversal"), QStringLiteral("../../dev/null"), QByteArray()},
            {QStringLiteral("sql"), QStringLiteral("x' UNION SELECT 'tokenscope-probe' -- "), "tokenscope-probe"},
            {QStringLiteral("command"), QStringLiteral("/dev/null | echo tokenscope-probe"), "tokenscope-probe\n"},
        };
        QCOMPARE(rows->size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const auto& [variant, kid, key] = expected[i];
            const TokenMutation& row = rows->at(i);
            QCOMPARE(row.variant, variant);
            const CompactToken t = CompactToken::parse(row.token);
            QCOMPARE(t.kid(), kid);
            QCOMPARE(t.alg(), QStringLiteral("HS256"));
            QVERIFY2(Hmac::verify(HashAlg::Sha256, key, t.signingInput(), t.signature), qPrintable(variant));
            QVERIFY(!Hmac::verify(HashAlg::Sha256, "x", t.signingInput(), t.signature));
        }
    }

    void claimRowsVerifyWithTheRealKeyAndCarryTheChange()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture("rfc7515-A.2-RS256");
        // A payload with every claim the rows touch, signed with the RFC key: the control.
        QJsonObject claims{{QStringLiteral("iss"), QStringLiteral("https://issuer.example")},
                           {QStringLiteral("aud"), QStringLiteral("https://api.example")},
                           {QStringLiteral("sub"), QStringLiteral("alice")},
                           {QStringLiteral("exp"), double(kNow + 300)},
                           {QStringLiteral("iat"), double(kNow - 10)},
                           {QStringLiteral("scope"), QStringLiteral("read write")}};
        auto control = JwtBuilder::sign(QStringLiteral("RS256"), claims, f.privateKey);
        QVERIFY(control.ok());
        const QStringList ids{
            QStringLiteral("exp-past"),      QStringLiteral("exp-missing"), QStringLiteral("nbf-future"),
            QStringLiteral("aud-wrong"),     QStringLiteral("aud-missing"), QStringLiteral("iss-wrong"),
            QStringLiteral("iss-missing"),   QStringLiteral("iat-future"),  QStringLiteral("typ-wrong"),
            QStringLiteral("scope-removed"), QStringLiteral("kid-unknown"), QStringLiteral("crit-unknown"),
            QStringLiteral("b64-false")};
        auto unsigned_ = mutator.mutate({control.value(), {}, f.publicKey, {}, {}}, ids);
        QVERIFY(unsigned_.ok());
        QCOMPARE(unsigned_->size(), ids.size());
        for (const auto& row : unsigned_.value()) {
            QCOMPARE(row.skippedReason, QStringLiteral("needs signing key"));
        }

        auto rows = mutator.mutate({control.value(), f.privateKey, {}, {}, {}}, ids);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), ids.size());
        for (const auto& row : rows.value()) {
            QVERIFY2(!row.isSkipped(), qPrintable(row.id + QLatin1String(": ") + row.skippedReason));
            QVERIFY2(signedBy(row.token, f.publicKey), qPrintable(row.id));
            const CompactToken t = CompactToken::parse(row.token);
            QCOMPARE(t.alg(), QStringLiteral("RS256"));
            if (row.id == QLatin1String("b64-false")) {
                // RFC 7797: the payload segment is the signed bytes as they are; it is the original segment.
                QCOMPARE(t.header.value(QLatin1String("b64")), QJsonValue(false));
                QCOMPARE(t.header.value(QLatin1String("crit")).toArray(), QJsonArray{QStringLiteral("b64")});
                QCOMPARE(row.token.split('.').at(1), control.value().split('.').at(1));
                continue;
            }
            const QJsonObject c = claimsOf(row.token);
            QJsonObject expected = claims;
            if (row.id == QLatin1String("exp-past")) {
                expected.insert(QStringLiteral("exp"), double(kNow - 3600));
            } else if (row.id == QLatin1String("exp-missing")) {
                expected.remove(QStringLiteral("exp"));
            } else if (row.id == QLatin1String("nbf-future")) {
                expected.insert(QStringLiteral("nbf"), double(kNow + 3600));
            } else if (row.id == QLatin1String("aud-wrong")) {
                expected.insert(QStringLiteral("aud"), QStringLiteral("https://other-api.tokenscope-probe.invalid"));
            } else if (row.id == QLatin1String("aud-missing")) {
                expected.remove(QStringLiteral("aud"));
            } else if (row.id == QLatin1String("iss-wrong")) {
                expected.insert(QStringLiteral("iss"), QStringLiteral("https://issuer.tokenscope-probe.invalid"));
            } else if (row.id == QLatin1String("iss-missing")) {
                expected.remove(QStringLiteral("iss"));
            } else if (row.id == QLatin1String("iat-future")) {
                expected.insert(QStringLiteral("iat"), double(kNow + 3600));
            } else if (row.id == QLatin1String("scope-removed")) {
                expected.remove(QStringLiteral("scope"));
            } else if (row.id == QLatin1String("typ-wrong")) {
                QCOMPARE(t.typ(), QStringLiteral("dpop+jwt"));
            } else if (row.id == QLatin1String("kid-unknown")) {
                QCOMPARE(t.kid(), QStringLiteral("tokenscope-probe-unknown-kid"));
            } else if (row.id == QLatin1String("crit-unknown")) {
                QCOMPARE(t.header.value(QLatin1String("crit")).toArray(),
                         QJsonArray{QStringLiteral("x-tokenscope-probe")});
            }
            QCOMPARE(c, expected);
        }
        // The clock moves, so do the times.
        MockClock later(kNow + 1000);
        const TokenMutator laterMutator(later);
        auto moved = laterMutator.mutate({control.value(), f.privateKey, {}, {}, {}}, {QStringLiteral("iat-future")});
        QVERIFY(moved.ok());
        QCOMPARE(claimsOf(moved->at(0).token).value(QLatin1String("iat")).toDouble(), double(kNow + 1000 + 3600));
    }

    void signingKeyThatDoesNotFitIsAReason()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture rs = fixture("rfc7515-A.2-RS256");
        auto rows = mutator.mutate({rs.token, fixture("rfc7515-A.3-ES256").privateKey, {}, {}, {}},
                                   {QStringLiteral("exp-past")});
        QVERIFY(rows.ok());
        QVERIFY(rows->at(0).skippedReason.startsWith(QLatin1String("the signing key cannot sign RS256")));
    }

    void algDowngradeSignsAnotherAlgorithmWithTheSameKey()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture ps = fixture("rfc7520-4.2-PS384");
        auto rows = mutator.mutate({ps.token, ps.privateKey, {}, {}, {}}, {QStringLiteral("alg-downgrade")});
        QVERIFY(rows.ok());
        QCOMPARE(rows->at(0).variant, QStringLiteral("RS256")); // the issue's example: RS256 where tokens are PS*
        QCOMPARE(CompactToken::parse(rows->at(0).token).alg(), QStringLiteral("RS256"));
        QVERIFY(signedBy(rows->at(0).token, ps.publicKey.withAlg({})));

        const Fixture es = fixture("rfc7515-A.3-ES256");
        auto none = mutator.mutate({es.token, es.privateKey, {}, {}, {}}, {QStringLiteral("alg-downgrade")});
        QVERIFY(none.ok());
        QCOMPARE(none->at(0).skippedReason, QStringLiteral("the signing key allows no algorithm other than ES256"));
    }

    void transportRowsKeepTheTokenAndSetThePlacement()
    {
        const MockClock clock(kNow);
        const TokenMutator mutator(clock);
        const Fixture f = fixture("rfc7515-A.2-RS256");
        auto rows = mutator.mutate({QByteArray("Bearer " + f.token + "\n"), {}, {}, {}, {}},
                                   {QStringLiteral("bearer-lowercase-scheme"), QStringLiteral("token-in-query"),
                                    QStringLiteral("token-in-body"), QStringLiteral("two-authorization-headers"),
                                    QStringLiteral("oversized-token")});
        QVERIFY(rows.ok());
        const QList<TokenPlacement> placements = {TokenPlacement::LowercaseBearerScheme, TokenPlacement::QueryParameter,
                                                  TokenPlacement::FormBody, TokenPlacement::TwoAuthorizationHeaders,
                                                  TokenPlacement::BearerHeader};
        QCOMPARE(rows->size(), placements.size());
        for (qsizetype i = 0; i < 4; ++i) {
            QCOMPARE(rows->at(i).token, f.token); // normalised: no "Bearer ", no newline
            QCOMPARE(placementName(rows->at(i).placement), placementName(placements[i]));
        }
        const QByteArray big = rows->at(4).token;
        QVERIFY2(big.size() >= 16 * 1024 && big.size() < 16 * 1024 + 8, QByteArray::number(big.size()).constData());
        QCOMPARE(big.split('.').at(1), f.token.split('.').at(1));
        QVERIFY(CompactToken::parse(big).headerOk);
    }

    void docsProbeTableListsEveryIdWithItsSeverity()
    {
        // docs/PROBE.md is written by hand: every catalogue id has a row "| `id` | severity | ... |", and no row
        // names an id the catalogue does not have.
        QFile file(QStringLiteral(TOKENSCOPE_DOCS_DIR "/PROBE.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QHash<QString, QString> documented;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (!line.startsWith("| `")) {
                continue;
            }
            const QList<QByteArray> cells = line.split('|');
            QVERIFY2(cells.size() >= 4, line.constData());
            const QString id = QString::fromUtf8(cells[1].trimmed()).remove(QLatin1Char('`'));
            QVERIFY2(!documented.contains(id), qPrintable(id));
            documented.insert(id, QString::fromUtf8(cells[2].trimmed()));
        }
        for (const auto& info : TokenMutator::catalogue()) {
            QVERIFY2(documented.contains(info.id), qPrintable(info.id));
            QCOMPARE(documented.value(info.id), severityName(info.severity));
        }
        QCOMPARE(documented.size(), TokenMutator::catalogue().size());
    }

    void severityNamesRoundTrip()
    {
        for (auto s :
             {MutationSeverity::Must, MutationSeverity::Should, MutationSeverity::Info, MutationSeverity::Accept}) {
            QCOMPARE(severityFromName(severityName(s)), std::optional<MutationSeverity>(s));
        }
        QCOMPARE(severityName(MutationSeverity::Must), QStringLiteral("must"));
        QCOMPARE(severityName(MutationSeverity::Accept), QStringLiteral("accept"));
        QVERIFY(!severityFromName(QStringLiteral("MUST")));
    }
};

QTEST_GUILESS_MAIN(TestTokenMutator)
#include "TestTokenMutator.moc"
