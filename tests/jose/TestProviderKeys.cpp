// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/AlgorithmTable.h"
#include "jose/Jwks.h"
#include "jose/JwtVerifier.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

/// Real published key sets of identity providers (tests/data/providers, sources in tests/data/README.md): every
/// key imports and is usable, and the providers' quirks are recognised rather than rejected.
class TestProviderKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsEveryKey_data();
    void importsEveryKey();
    void auth0LegacyX5t();
    void auth0HexX5tMustStillNameTheCertificate();
    void everyKeyVerifiesRs256_data();
    void everyKeyVerifiesRs256();
    void providerQuirks();
    void githubActionsTokenVerifies();
};

namespace {
QByteArray readProviderFile(const QString& name)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool hasFinding(const LintFindings& findings, const QString& code)
{
    return std::any_of(findings.cbegin(), findings.cend(), [&](const LintFinding& f) { return f.code == code; });
}
} // namespace

void TestProviderKeys::importsEveryKey_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Auth0 common.auth0.com") << QStringLiteral("auth0-common-jwks.json");
    QTest::newRow("Google oauth2/v3/certs") << QStringLiteral("google-oauth2-v3-certs.json");
    QTest::newRow("Okta common oauth2/v1/keys") << QStringLiteral("okta-common-keys.json");
    QTest::newRow("Keycloak realm certs") << QStringLiteral("keycloak-master-certs.json");
    QTest::newRow("Microsoft Entra common keys") << QStringLiteral("entra-common-keys-excerpt.json");
    QTest::newRow("Microsoft Entra common keys 2024") << QStringLiteral("entra-common-jwks.json");
    QTest::newRow("Microsoft Entra organizations keys") << QStringLiteral("entra-organizations-jwks.json");
    QTest::newRow("Apple appleid auth/keys") << QStringLiteral("apple-jwks.json");
    QTest::newRow("GitLab oauth/discovery/keys") << QStringLiteral("gitlab-jwks.json");
    QTest::newRow("Amazon Cognito user pool") << QStringLiteral("cognito-us-east-1-jwks.json");
    QTest::newRow("GitHub Actions OIDC") << QStringLiteral("github-actions-jwks.json");
}

void TestProviderKeys::importsEveryKey()
{
    QFETCH(QString, file);
    const QByteArray text = readProviderFile(file);
    QVERIFY(!text.isEmpty());
    const int published = int(QJsonDocument::fromJson(text).object().value(QLatin1String("keys")).toArray().size());
    const auto set = Jwks::fromJson(text);
    QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().toString()));
    QCOMPARE(int(set->keys().size()), published);
    QVERIFY(set->ignored().isEmpty());
    for (const Jwk& key : set->keys()) {
        QVERIFY(!hasFinding(key.lint(), QStringLiteral("x5t-mismatch")));
        QVERIFY(!hasFinding(key.lint(), QStringLiteral("rsa-weak")));
    }
}

void TestProviderKeys::auth0LegacyX5t()
{
    // common.auth0.com's older key publishes x5t (and kid) as base64url("B61CE5A5B398E2E4B10DF7CA9EAA95413E7055A2"),
    // the uppercase hex SHA-1 of its certificate; the newer key has a standard x5t. Both are usable; only the first
    // carries the warning, and the warning names the quirk.
    const auto set = Jwks::fromJson(readProviderFile(QStringLiteral("auth0-common-jwks.json")));
    QVERIFY(set.ok());
    QCOMPARE(set->keys().size(), 2);
    const LintFindings legacy = set->keys().at(0).lint();
    const auto it = std::find_if(legacy.cbegin(), legacy.cend(),
                                 [](const LintFinding& f) { return f.code == QLatin1String("x5t-hex-sha1"); });
    QVERIFY(it != legacy.cend());
    QCOMPARE(it->severity, LintFinding::Severity::Warning);
    QVERIFY(it->message.contains(QLatin1String("Auth0")));
    QVERIFY(it->message.contains(QLatin1String("hex")));
    QVERIFY(!hasFinding(set->keys().at(1).lint(), QStringLiteral("x5t-hex-sha1")));
}

void TestProviderKeys::auth0HexX5tMustStillNameTheCertificate()
{
    // The tolerance is exact: hex of a different digest (one character changed) is still "x5t-mismatch".
    QJsonObject key = QJsonDocument::fromJson(readProviderFile(QStringLiteral("auth0-common-jwks.json")))
                          .object()
                          .value(QLatin1String("keys"))
                          .toArray()
                          .at(0)
                          .toObject();
    key.insert(QStringLiteral("x5t"),
               QString::fromLatin1(QByteArray("B61CE5A5B398E2E4B10DF7CA9EAA95413E7055A3")
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    const auto jwk = Jwk::fromJson(key);
    QVERIFY(!jwk.ok());
    QCOMPARE(jwk.error().reason, QStringLiteral("x5t-mismatch"));
}

void TestProviderKeys::everyKeyVerifiesRs256_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Entra common") << QStringLiteral("entra-common-jwks.json");
    QTest::newRow("Entra organizations") << QStringLiteral("entra-organizations-jwks.json");
    QTest::newRow("Apple") << QStringLiteral("apple-jwks.json");
    QTest::newRow("GitLab") << QStringLiteral("gitlab-jwks.json");
    QTest::newRow("Cognito") << QStringLiteral("cognito-us-east-1-jwks.json");
    QTest::newRow("GitHub Actions") << QStringLiteral("github-actions-jwks.json");
}

void TestProviderKeys::everyKeyVerifiesRs256()
{
    // Every one of these providers signs with RS256 only: each published key must fit it for verification (kty,
    // "alg" when present, "use" sig or absent, RSA >= 2048), so a token naming it can be checked.
    QFETCH(QString, file);
    const auto set = Jwks::fromJson(readProviderFile(file));
    QVERIFY(set.ok());
    QVERIFY(set->rejected().isEmpty());
    const AlgorithmInfo* rs256 = AlgorithmTable::find(QStringLiteral("RS256"));
    QVERIFY(rs256);
    for (const Jwk& key : set->keys()) {
        QVERIFY2(key.checkUsableFor(*rs256).ok(), qPrintable(key.kid()));
        QVERIFY(key.bits() >= 2048);
        QVERIFY(!key.kid().isEmpty());
    }
}

void TestProviderKeys::providerQuirks()
{
    // What a user sees for each provider's set, beyond "usable": the quirks are reported as information at most.
    const auto kidsOf = [](const Jwks& set) {
        QStringList kids;
        for (const Jwk& k : set.keys()) {
            kids.append(k.kid());
        }
        return kids;
    };
    // Entra publishes neither "alg" nor any other algorithm hint; x5t equals kid (the SHA-1 thumbprint).
    for (const char* file : {"entra-common-jwks.json", "entra-organizations-jwks.json"}) {
        const auto set = Jwks::fromJson(readProviderFile(QString::fromLatin1(file)));
        QVERIFY(set.ok());
        for (const Jwk& key : set->keys()) {
            QVERIFY(key.alg().isEmpty());
            QCOMPARE(key.use(), QStringLiteral("sig"));
            QVERIFY(hasFinding(key.lint(), QStringLiteral("alg-missing")));
            QCOMPARE(key.sourceJson().value(QLatin1String("x5t")).toString(), key.kid());
            QCOMPARE(key.x5c().size(), 1);
        }
    }
    // Apple: ten-character kids, alg and use set, no certificates.
    const auto apple = Jwks::fromJson(readProviderFile(QStringLiteral("apple-jwks.json")));
    QVERIFY(apple.ok());
    for (const Jwk& key : apple->keys()) {
        QCOMPARE(key.kid().size(), 10);
        QCOMPARE(key.alg(), QStringLiteral("RS256"));
        QVERIFY(key.x5c().isEmpty());
        QVERIFY(!hasFinding(key.lint(), QStringLiteral("alg-missing")));
    }
    // GitLab: the kid is the RFC 7638 thumbprint of the key.
    const auto gitlab = Jwks::fromJson(readProviderFile(QStringLiteral("gitlab-jwks.json")));
    QVERIFY(gitlab.ok());
    for (const Jwk& key : gitlab->keys()) {
        QCOMPARE(key.kid(), key.thumbprint());
    }
    // Cognito: kids in standard base64 ('+', '/', '='), not base64url; matched as opaque strings, byte for byte.
    const auto cognito = Jwks::fromJson(readProviderFile(QStringLiteral("cognito-us-east-1-jwks.json")));
    QVERIFY(cognito.ok());
    QCOMPARE(kidsOf(cognito.value()), (QStringList{QStringLiteral("vyVQH7UMjwYboVvyFf+zd4KHZfgc+RtmU/A2vHhgITI="),
                                                   QStringLiteral("fUyIG0h6R5HFGfHDV8uebcRXldQ09dCZXbFKf6zy1rs=")}));
    // GitHub Actions: the kid is the uppercase hex SHA-1 of the certificate, x5t the standard base64url of it.
    const auto github = Jwks::fromJson(readProviderFile(QStringLiteral("github-actions-jwks.json")));
    QVERIFY(github.ok());
    for (const Jwk& key : github->keys()) {
        const QByteArray x5t = QByteArray::fromBase64(
            key.sourceJson().value(QLatin1String("x5t")).toString().toLatin1(), QByteArray::Base64UrlEncoding);
        QCOMPARE(key.kid(), QString::fromLatin1(x5t.toHex().toUpper()));
        QVERIFY(!hasFinding(key.lint(), QStringLiteral("x5t-hex-sha1")));
        // These 2022 keys came with two-year certificates: the key stays usable, the expiry is a warning.
        const LintFindings findings = key.lint();
        const auto expired = std::find_if(findings.cbegin(), findings.cend(),
                                          [](const LintFinding& f) { return f.code == QLatin1String("x5c-expired"); });
        QVERIFY(expired != findings.cend());
        QCOMPARE(expired->severity, LintFinding::Severity::Warning);
    }
}

void TestProviderKeys::githubActionsTokenVerifies()
{
    // A real GitHub Actions ID token (2022-08-05) against GitHub's key set of the time, with the clock frozen inside
    // its validity: the keys are usable, not only importable. One flipped signature byte fails.
    const QByteArray token = readProviderFile(QStringLiteral("github-actions-token.jwt")).trimmed();
    QVERIFY(!token.isEmpty());
    const auto set = Jwks::fromJson(readProviderFile(QStringLiteral("github-actions-jwks.json")));
    QVERIFY(set.ok());
    MockClock clock(1659663000); // iat 1659662993, exp 1659663293
    VerifyOptions options;
    options.allowedAlgorithms = {QStringLiteral("RS256")};
    options.claims.issuers = {QStringLiteral("https://token.actions.githubusercontent.com")};
    options.claims.audiences = {QStringLiteral("https://github.com/varunsh-coder")};
    options.claims.clock = &clock;
    const JwtVerifier verifier(set.value(), options);
    const VerificationResult result = verifier.verify(token);
    QVERIFY2(result.valid, qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.keyIndex, 0);
    QCOMPARE(result.claims.value(QLatin1String("repository")).toString(),
             QStringLiteral("varunsh-coder/actions-playground"));
    QByteArray tampered = token;
    tampered[tampered.size() - 5] = tampered.at(tampered.size() - 5) == 'A' ? 'B' : 'A';
    QVERIFY(!verifier.verify(tampered).valid);
    clock.setSeconds(1659663293 + 1);
    QCOMPARE(verifier.verify(token).error->code, ErrorCode::JwtExpired);
}

QTEST_GUILESS_MAIN(TestProviderKeys)
#include "TestProviderKeys.moc"
