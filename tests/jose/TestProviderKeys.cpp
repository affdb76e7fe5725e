// SPDX-License-Identifier: MIT
#include "jose/Jwks.h"

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

QTEST_GUILESS_MAIN(TestProviderKeys)
#include "TestProviderKeys.moc"
