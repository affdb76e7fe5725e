// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/IdTokenVerifier.h"
#include "jose/JwtBuilder.h"

#include <QJsonArray>
#include <QTest>

/// id_token verification (OIDC Core §3.1.3.7): the JwtVerifier checklist plus azp, nonce, at_hash and c_hash, each
/// reported as a step; a failure is a failed step and an invalid result, never hidden.
class TestIdTokenVerifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void halfHashOidcCoreVectors();
    void valid();
    void failures_data();
    void failures();
    void laterStepsSkippedAfterSignatureFailure();

private:
    QByteArray sign(const QJsonObject& overrides, const QStringList& remove = {}) const;
    QString status(const VerificationResult& result, const QString& id) const;

    Jwk m_key;
    MockClock m_clock{1'700'000'000};
    IdTokenExpectations m_expected;
};

void TestIdTokenVerifier::initTestCase()
{
    auto generated = AsymmetricKey::generateCurve(Curve::P256);
    QVERIFY(generated.ok());
    m_key = Jwk::fromKey(generated.value());
    m_expected.issuer = QStringLiteral("https://op.example");
    m_expected.clientId = QStringLiteral("client-1");
    m_expected.nonce = QStringLiteral("n-0S6_WzA2Mj");
    m_expected.accessToken = QStringLiteral("at-value");
    m_expected.code = QStringLiteral("code-value");
    m_expected.clock = &m_clock;
}

QByteArray TestIdTokenVerifier::sign(const QJsonObject& overrides, const QStringList& remove) const
{
    QJsonObject claims{
        {QStringLiteral("iss"), m_expected.issuer},
        {QStringLiteral("sub"), QStringLiteral("alice")},
        {QStringLiteral("aud"), m_expected.clientId},
        {QStringLiteral("iat"), m_clock.nowSeconds()},
        {QStringLiteral("exp"), m_clock.nowSeconds() + 300},
        {QStringLiteral("nonce"), m_expected.nonce},
        {QStringLiteral("at_hash"), IdTokenVerifier::halfHash(QStringLiteral("ES256"), m_expected.accessToken)},
        {QStringLiteral("c_hash"), IdTokenVerifier::halfHash(QStringLiteral("ES256"), m_expected.code)}};
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        claims.insert(it.key(), it.value());
    for (const QString& name : remove)
        claims.remove(name);
    return JwtBuilder::sign(QStringLiteral("ES256"), claims, m_key).value();
}

QString TestIdTokenVerifier::status(const VerificationResult& result, const QString& id) const
{
    for (const VerificationStep& step : result.steps) {
        if (step.id == id)
            return VerificationStep::statusName(step.status);
    }
    return QStringLiteral("absent");
}

void TestIdTokenVerifier::halfHashOidcCoreVectors()
{
    // OpenID Connect Core 1.0 Appendix A.4 / A.6 (RS256): the access token and code of the examples.
    QCOMPARE(IdTokenVerifier::halfHash(QStringLiteral("RS256"),
                                       QStringLiteral("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y")),
             QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QCOMPARE(IdTokenVerifier::halfHash(QStringLiteral("RS256"),
                                       QStringLiteral("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk")),
             QStringLiteral("LDktKdoQak3Pk0cnXxCltA"));
    QCOMPARE(IdTokenVerifier::halfHash(QStringLiteral("ES384"), QStringLiteral("x")).size(), 32); // 24 bytes
    QVERIFY(IdTokenVerifier::halfHash(QStringLiteral("XX999"), QStringLiteral("x")).isEmpty());
}

void TestIdTokenVerifier::valid()
{
    const Jwks keys(QList<Jwk>{m_key.publicJwk()});
    const VerificationResult result = IdTokenVerifier::verify(sign({}), keys, m_expected);
    QVERIFY2(result.valid, qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(status(result, QStringLiteral("signature")), QStringLiteral("passed"));
    QCOMPARE(status(result, QStringLiteral("azp")), QStringLiteral("info"));
    QCOMPARE(status(result, QStringLiteral("nonce")), QStringLiteral("passed"));
    QCOMPARE(status(result, QStringLiteral("at_hash")), QStringLiteral("passed"));
    QCOMPARE(status(result, QStringLiteral("c_hash")), QStringLiteral("passed"));
    // The OIDC steps come after the JWT checklist, in a fixed order.
    QStringList ids;
    for (const VerificationStep& step : result.steps)
        ids.append(step.id);
    QCOMPARE(ids.mid(ids.size() - 4), (QStringList{QStringLiteral("azp"), QStringLiteral("nonce"),
                                                   QStringLiteral("at_hash"), QStringLiteral("c_hash")}));
}

void TestIdTokenVerifier::failures_data()
{
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QStringList>("remove");
    QTest::addColumn<QString>("failedStep");
    QTest::newRow("OIDC Core §3.1.3.7 item 2 other iss")
        << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://evil")}} << QStringList()
        << QStringLiteral("iss");
    QTest::newRow("OIDC Core §3.1.3.7 item 3 other aud")
        << QJsonObject{{QStringLiteral("aud"), QStringLiteral("client-2")}} << QStringList() << QStringLiteral("aud");
    QTest::newRow("OIDC Core §3.1.3.7 item 4 several aud, no azp")
        << QJsonObject{{QStringLiteral("aud"), QJsonArray{QStringLiteral("client-1"), QStringLiteral("api")}}}
        << QStringList() << QStringLiteral("azp");
    QTest::newRow("OIDC Core §3.1.3.7 item 5 azp of another client")
        << QJsonObject{{QStringLiteral("azp"), QStringLiteral("client-2")}} << QStringList() << QStringLiteral("azp");
    QTest::newRow("OIDC Core §3.1.3.7 item 9 expired")
        << QJsonObject{{QStringLiteral("exp"), 1'699'999'000}} << QStringList() << QStringLiteral("exp");
    QTest::newRow("OIDC Core §2 iat required")
        << QJsonObject() << QStringList{QStringLiteral("iat")} << QStringLiteral("required");
    QTest::newRow("OIDC Core §3.1.3.7 item 11 other nonce")
        << QJsonObject{{QStringLiteral("nonce"), QStringLiteral("replayed")}} << QStringList()
        << QStringLiteral("nonce");
    QTest::newRow("OIDC Core §3.1.3.7 item 11 nonce missing")
        << QJsonObject() << QStringList{QStringLiteral("nonce")} << QStringLiteral("nonce");
    QTest::newRow("OIDC Core §3.1.3.6 at_hash of another token")
        << QJsonObject{{QStringLiteral("at_hash"),
                        IdTokenVerifier::halfHash(QStringLiteral("ES256"), QStringLiteral("other"))}}
        << QStringList() << QStringLiteral("at_hash");
    QTest::newRow("OIDC Core §3.3.2.11 c_hash of another code")
        << QJsonObject{{QStringLiteral("c_hash"), QStringLiteral("AAAA")}} << QStringList() << QStringLiteral("c_hash");
}

void TestIdTokenVerifier::failures()
{
    QFETCH(QJsonObject, overrides);
    QFETCH(QStringList, remove);
    QFETCH(QString, failedStep);
    const Jwks keys(QList<Jwk>{m_key.publicJwk()});
    const VerificationResult result = IdTokenVerifier::verify(sign(overrides, remove), keys, m_expected);
    QVERIFY(!result.valid);
    QVERIFY(result.error.has_value());
    QVERIFY(result.claims.isEmpty()); // never the claims of a token that failed
    QCOMPARE(status(result, failedStep), QStringLiteral("failed"));
}

void TestIdTokenVerifier::laterStepsSkippedAfterSignatureFailure()
{
    auto other = AsymmetricKey::generateCurve(Curve::P256);
    QVERIFY(other.ok());
    const Jwks keys(QList<Jwk>{Jwk::fromKey(other.value()).publicJwk()});
    const VerificationResult result = IdTokenVerifier::verify(sign({}), keys, m_expected);
    QVERIFY(!result.valid);
    QCOMPARE(result.error->code, ErrorCode::JwsSignatureVerificationFailed);
    QCOMPARE(status(result, QStringLiteral("nonce")), QStringLiteral("skipped"));
    QCOMPARE(status(result, QStringLiteral("at_hash")), QStringLiteral("skipped"));
}

QTEST_GUILESS_MAIN(TestIdTokenVerifier)
#include "TestIdTokenVerifier.moc"
