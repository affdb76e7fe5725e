// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/JwtVerifier.h"
#include "server/EmbeddedIssuer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestEmbeddedIssuer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createdOnFirstUseWithOwnerOnlyMode();
    void persistsAcrossRestarts();
    void mintedTokensVerify();
    void presets();
    void corruptKeyFile();
};

void TestEmbeddedIssuer::createdOnFirstUseWithOwnerOnlyMode()
{
    QTemporaryDir dir;
    const QString sub = dir.filePath(QStringLiteral("a/b"));
    const auto issuer = EmbeddedIssuer::openOrCreate(sub);
    QVERIFY2(issuer.ok(), qPrintable(issuer.ok() ? QString() : issuer.error().toString()));
    for (const QString& path : {issuer->keyPath(), issuer->secretPath()}) {
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                                               QFileDevice::WriteUser); // 0600
    }
    QCOMPARE(issuer->clientId(), QStringLiteral("tokenscope-demo"));
    QVERIFY(issuer->clientSecret().size() >= 32);
    QCOMPARE(issuer->signingKey().bits(), 2048);
    QCOMPARE(issuer->kid(), issuer->signingKey().thumbprint()); // RFC 7638
    QCOMPARE(issuer->signingKey().alg(), QStringLiteral("RS256"));
    QVERIFY(!issuer->publicJwks().keys().first().isPrivate());
}

void TestEmbeddedIssuer::persistsAcrossRestarts()
{
    QTemporaryDir dir;
    const auto first = EmbeddedIssuer::openOrCreate(dir.path());
    const auto second = EmbeddedIssuer::openOrCreate(dir.path());
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(first->kid(), second->kid());
    QCOMPARE(first->clientSecret(), second->clientSecret());
    const auto overridden = EmbeddedIssuer::openOrCreate(dir.path(), QStringLiteral("me"), "s3cret");
    QVERIFY(overridden.ok());
    QCOMPARE(overridden->clientSecret(), QByteArray("s3cret"));
    QCOMPARE(overridden->kid(), first->kid());
}

void TestEmbeddedIssuer::mintedTokensVerify()
{
    QTemporaryDir dir;
    auto issuer = EmbeddedIssuer::openOrCreate(dir.path());
    QVERIFY(issuer.ok());
    issuer->setIssuerUrl(QStringLiteral("http://127.0.0.1:8000/"));
    MockClock clock(1700000000);
    MintOptions options;
    options.audiences = {QStringLiteral("api")};
    options.scope = QStringLiteral("read:messages");
    const auto token = issuer->mint(options, &clock);
    QVERIFY(token.ok());
    VerifyOptions verify;
    verify.allowedAlgorithms = {QStringLiteral("RS256")};
    verify.claims.issuers = {QStringLiteral("http://127.0.0.1:8000/")};
    verify.claims.audiences = {QStringLiteral("api")};
    verify.claims.clock = &clock;
    const VerificationResult result = JwtVerifier(issuer->publicJwks(), verify).verify(token.value());
    QVERIFY(result.valid);
    QCOMPARE(result.claims.value(QStringLiteral("sub")).toString(), QStringLiteral("tokenscope-demo@clients"));
    QCOMPARE(result.claims.value(QStringLiteral("exp")).toInteger(), 1700003600);
    QCOMPARE(result.claims.value(QStringLiteral("scope")).toString(), QStringLiteral("read:messages"));
    const QJsonObject openid = issuer->openIdConfiguration();
    QCOMPARE(openid.value(QStringLiteral("jwks_uri")).toString(),
             QStringLiteral("http://127.0.0.1:8000/.well-known/jwks.json"));
}

void TestEmbeddedIssuer::presets()
{
    QTemporaryDir dir;
    const auto issuer = EmbeddedIssuer::openOrCreate(dir.path());
    QVERIFY(issuer.ok());
    const QString aud = QStringLiteral("api");
    const QString scope = QStringLiteral("read:messages");
    QCOMPARE(issuer->preset(MintPreset::Valid, aud, scope).scope, scope);
    QVERIFY(issuer->preset(MintPreset::Expired, aud, scope).issuedAtOffsetSeconds +
                issuer->preset(MintPreset::Expired, aud, scope).lifetimeSeconds <
            0);
    QVERIFY(!issuer->preset(MintPreset::WrongAudience, aud, scope).audiences.contains(aud));
    QVERIFY(issuer->preset(MintPreset::MissingScope, aud, scope).scope.isEmpty());
}

void TestEmbeddedIssuer::corruptKeyFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QLatin1String(EmbeddedIssuer::kKeyFileName)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n");
    file.close();
    const auto issuer = EmbeddedIssuer::openOrCreate(dir.path());
    QVERIFY(!issuer.ok());
    QCOMPARE(issuer.error().code, ErrorCode::PemInvalid);
}

QTEST_GUILESS_MAIN(TestEmbeddedIssuer)
#include "TestEmbeddedIssuer.moc"
