// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/JwtBuilder.h"
#include "net/HttpClient.h"
#include "net/UnauthorizedDiagnosis.h"
#include "server/MockApiServer.h"
#include "support/ServerTestSupport.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using Cause = Diagnosis::Cause;

/// "Why 401/403?" end to end: real 401/403 answers of the local mock API for expired, wrong-audience,
/// unknown-kid and missing-scope tokens (minted by its embedded issuer), plus the causes the server cannot show
/// (issuer trailing slash, HS256 vs RS256, clock skew) and RFC 6750 §3 challenge parsing.
class TestUnauthorizedDiagnosis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void parseChallenges_data();
    void parseChallenges();
    void mockServer_data();
    void mockServer();
    void expiredWithinSkew();
    void issuerTrailingSlash();
    void hs256AgainstRsaKeys();
    void malformedAndMissing();
    void looksValid();
    void serverHintWithoutKeys();
    void notAnAuthFailure();

private:
    QByteArray mint(const MintOptions& options) const;
    DiagnosisInput inputFor(const QString& path, const QByteArray& token) const;

    QTemporaryDir m_dir;
    MockClock m_clock{QDateTime::currentSecsSinceEpoch()};
    MockApiServer m_server;
    Jwk m_otherKey;
};

void TestUnauthorizedDiagnosis::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    config.clock = &m_clock;
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    const auto other = AsymmetricKey::generateRsa(2048);
    QVERIFY(other.ok());
    m_otherKey = Jwk::fromKey(other.value()).withKid(QStringLiteral("other-kid"));
}

void TestUnauthorizedDiagnosis::cleanupTestCase()
{
    m_server.stop();
}

QByteArray TestUnauthorizedDiagnosis::mint(const MintOptions& options) const
{
    const auto token = m_server.embeddedIssuer()->mint(options, &m_clock);
    return token.ok() ? token.value() : QByteArray();
}

DiagnosisInput TestUnauthorizedDiagnosis::inputFor(const QString& path, const QByteArray& token) const
{
    HttpRequestSpec request;
    request.url = QString(m_server.baseUrl() + path);
    if (!token.isEmpty()) {
        request.auth.kind = HttpRequestSpec::AuthKind::Bearer;
        request.auth.token = QString::fromLatin1(token);
    }
    const auto response = HttpClient::sendAndWait(request);
    DiagnosisInput input;
    input.status = response.status;
    input.wwwAuthenticate = QString::fromLatin1(response.headerValue("WWW-Authenticate"));
    input.body = response.body;
    input.sentToken = token;
    input.keys = m_server.embeddedIssuer()->publicJwks();
    input.expectedIssuer = m_server.issuer();
    input.expectedAudience = m_server.audience();
    input.clock = &m_clock;
    return input;
}

void TestUnauthorizedDiagnosis::parseChallenges_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("scope");
    QTest::newRow("RFC6750 3 example 1") << QStringLiteral("Bearer realm=\"example\"") << 1 << QStringLiteral("Bearer")
                                         << QString() << QString();
    QTest::newRow("RFC6750 3 example 2")
        << QStringLiteral("Bearer realm=\"example\",\n error=\"invalid_token\",\n error_description=\"The access "
                          "token expired\"")
        << 1 << QStringLiteral("Bearer") << QStringLiteral("invalid_token") << QString();
    QTest::newRow("RFC6750 3.1 insufficient_scope")
        << QStringLiteral("Bearer error=\"insufficient_scope\", scope=\"read:messages write:messages\"") << 1
        << QStringLiteral("Bearer") << QStringLiteral("insufficient_scope")
        << QStringLiteral("read:messages write:messages");
    QTest::newRow("two challenges, token values")
        << QStringLiteral("Basic realm=\"x\", Bearer error=invalid_token, realm=\"a, b\"") << 2
        << QStringLiteral("Basic") << QString() << QString();
    QTest::newRow("token68") << QStringLiteral("Negotiate abc123==, Bearer realm=\"r\"") << 2
                             << QStringLiteral("Negotiate") << QString() << QString();
    QTest::newRow("quoted-pair") << QStringLiteral("Bearer error_description=\"say \\\"hi\\\"\", error=\"e\"") << 1
                                 << QStringLiteral("Bearer") << QStringLiteral("e") << QString();
}

void TestUnauthorizedDiagnosis::parseChallenges()
{
    QFETCH(QString, header);
    QFETCH(int, count);
    QFETCH(QString, scheme);
    QFETCH(QString, error);
    QFETCH(QString, scope);
    const auto challenges = UnauthorizedDiagnosis::parseWwwAuthenticate(header);
    QCOMPARE(challenges.size(), count);
    QCOMPARE(challenges.first().scheme, scheme);
    QCOMPARE(challenges.first().params.value(QStringLiteral("error")), error);
    QCOMPARE(challenges.first().params.value(QStringLiteral("scope")), scope);
    if (QByteArray(QTest::currentDataTag()) == "two challenges, token values") {
        QCOMPARE(challenges.at(1).params.value(QStringLiteral("error")), QStringLiteral("invalid_token"));
        QCOMPARE(challenges.at(1).params.value(QStringLiteral("realm")), QStringLiteral("a, b"));
    }
    if (QByteArray(QTest::currentDataTag()) == "token68")
        QCOMPARE(challenges.first().token68, QStringLiteral("abc123=="));
    if (QByteArray(QTest::currentDataTag()) == "quoted-pair")
        QCOMPARE(challenges.first().params.value(QStringLiteral("error_description")), QStringLiteral("say \"hi\""));
}

void TestUnauthorizedDiagnosis::mockServer_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("preset"); // -1: signed with another key, -3: another key under the issuer's kid
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("cause");
    QTest::newRow("expired") << QStringLiteral("/api/private") << int(MintPreset::Expired) << 401
                             << int(Cause::Expired);
    QTest::newRow("wrong audience") << QStringLiteral("/api/private") << int(MintPreset::WrongAudience) << 401
                                    << int(Cause::AudienceMismatch);
    QTest::newRow("unknown kid") << QStringLiteral("/api/private") << -1 << 401 << int(Cause::UnknownKid);
    QTest::newRow("bad signature") << QStringLiteral("/api/private") << -3 << 401 << int(Cause::SignatureInvalid);
    QTest::newRow("missing scope") << QStringLiteral("/api/private-scoped") << int(MintPreset::MissingScope) << 403
                                   << int(Cause::MissingScope);
    QTest::newRow("no token") << QStringLiteral("/api/private") << -2 << 401 << int(Cause::NoTokenSent);
}

void TestUnauthorizedDiagnosis::mockServer()
{
    QFETCH(QString, path);
    QFETCH(int, preset);
    QFETCH(int, status);
    QFETCH(int, cause);
    QByteArray token;
    if (preset >= 0) {
        token = mint(m_server.embeddedIssuer()->preset(MintPreset(preset), m_server.audience(),
                                                       m_server.config().requiredScope));
    } else if (preset == -1 || preset == -3) {
        const qint64 now = m_clock.nowSeconds();
        token = JwtBuilder::sign(QStringLiteral("RS256"),
                                 QJsonObject{{QStringLiteral("iss"), m_server.issuer()},
                                             {QStringLiteral("aud"), m_server.audience()},
                                             {QStringLiteral("iat"), now},
                                             {QStringLiteral("exp"), now + 600}},
                                 preset == -1 ? m_otherKey : m_otherKey.withKid(m_server.embeddedIssuer()->kid()))
                    .value();
    }
    const DiagnosisInput input = inputFor(path, token);
    QCOMPARE(input.status, status);
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QVERIFY2(d.cause == Cause(cause), qPrintable(d.toText()));
    QVERIFY(!d.summary.isEmpty());
    QVERIFY(!d.challenges.isEmpty());
    QVERIFY(!d.toText().contains(QString::fromLatin1(token.isEmpty() ? QByteArray("\x01") : token)));
    switch (Cause(cause)) {
    case Cause::Expired:
        QVERIFY(qAbs(d.expiredBySeconds - 3600) <= 2);
        QVERIFY(!d.clockSkewExplains);
        QVERIFY2(d.summary.contains(QLatin1String("expired 1 h")) ||
                     d.summary.contains(QLatin1String("expired 60 min")),
                 qPrintable(d.summary));
        break;
    case Cause::MissingScope:
        QCOMPARE(d.requiredScope, QStringLiteral("read:messages"));
        QCOMPARE(d.missingScopes, QStringList{QStringLiteral("read:messages")});
        QCOMPARE(d.serverError, QStringLiteral("insufficient_scope"));
        break;
    case Cause::UnknownKid:
        QVERIFY(d.summary.contains(QLatin1String("other-kid")));
        QVERIFY(d.verified);
        break;
    case Cause::AudienceMismatch:
        QVERIFY(d.summary.contains(QLatin1String("wrong-audience.invalid")));
        break;
    case Cause::SignatureInvalid:
        QVERIFY(d.verified);
        QVERIFY2(d.summary.contains(QLatin1String("signature does not verify")), qPrintable(d.summary));
        break;
    default:
        break;
    }
}

void TestUnauthorizedDiagnosis::expiredWithinSkew()
{
    MintOptions o = m_server.embeddedIssuer()->preset(MintPreset::Valid, m_server.audience(), QString());
    o.issuedAtOffsetSeconds = -3690;
    o.lifetimeSeconds = 3600; // expired 90 s ago
    DiagnosisInput input;
    input.status = 401;
    input.wwwAuthenticate = QStringLiteral("Bearer error=\"invalid_token\", error_description=\"jwt expired\"");
    input.sentToken = mint(o);
    input.clock = &m_clock;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::Expired);
    QCOMPARE(d.expiredBySeconds, 90);
    QVERIFY(d.clockSkewExplains);
    QVERIFY(d.summary.contains(QLatin1String("clock skew")));
}

void TestUnauthorizedDiagnosis::issuerTrailingSlash()
{
    MintOptions o = m_server.embeddedIssuer()->preset(MintPreset::Valid, m_server.audience(), QString());
    DiagnosisInput input;
    input.status = 401;
    input.sentToken = mint(o);                 // iss "http://127.0.0.1:port/"
    input.expectedIssuer = m_server.baseUrl(); // without the slash
    input.clock = &m_clock;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::IssuerMismatch);
    QVERIFY2(d.summary.contains(QLatin1String("trailing slash")), qPrintable(d.summary));
}

void TestUnauthorizedDiagnosis::hs256AgainstRsaKeys()
{
    const qint64 now = m_clock.nowSeconds();
    DiagnosisInput input;
    input.status = 401;
    input.sentToken =
        JwtBuilder::sign(QStringLiteral("HS256"),
                         QJsonObject{{QStringLiteral("iss"), m_server.issuer()}, {QStringLiteral("exp"), now + 60}},
                         Jwk::fromSecret(QByteArray(32, 's')))
            .value();
    input.keys = m_server.embeddedIssuer()->publicJwks();
    input.clock = &m_clock;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::AlgorithmNotAllowed);
    QVERIFY2(d.summary.contains(QLatin1String("HS256")) && d.summary.contains(QLatin1String("RS256")),
             qPrintable(d.summary));
}

void TestUnauthorizedDiagnosis::malformedAndMissing()
{
    DiagnosisInput input;
    input.status = 401;
    input.sentToken = "Bearer not-a-jwt";
    QCOMPARE(UnauthorizedDiagnosis::diagnose(input).cause, Cause::TokenMalformed);
    input.sentToken.clear();
    QCOMPARE(UnauthorizedDiagnosis::diagnose(input).cause, Cause::NoTokenSent);
}

void TestUnauthorizedDiagnosis::looksValid()
{
    DiagnosisInput input;
    input.status = 401;
    input.sentToken = mint(
        m_server.embeddedIssuer()->preset(MintPreset::Valid, m_server.audience(), QStringLiteral("read:messages")));
    input.keys = m_server.embeddedIssuer()->publicJwks();
    input.expectedIssuer = m_server.issuer();
    input.expectedAudience = m_server.audience();
    input.clock = &m_clock;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::LooksValid);
    QVERIFY(d.verified);
    QVERIFY(d.summary.contains(QLatin1String("server disagrees")));
}

void TestUnauthorizedDiagnosis::serverHintWithoutKeys()
{
    DiagnosisInput input;
    input.status = 401;
    input.body = "{\"code\":\"invalid_token\",\"description\":\"No matching signing key (kid)\"}";
    input.sentToken = mint(
        m_server.embeddedIssuer()->preset(MintPreset::Valid, m_server.audience(), QStringLiteral("read:messages")));
    input.clock = &m_clock;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::UnknownKid);
    QCOMPARE(d.serverError, QStringLiteral("invalid_token"));
}

void TestUnauthorizedDiagnosis::notAnAuthFailure()
{
    DiagnosisInput input;
    input.status = 200;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QCOMPARE(d.cause, Cause::NotAnAuthFailure);
    QCOMPARE(Diagnosis::causeCode(d.cause), QStringLiteral("not_an_auth_failure"));
}

QTEST_GUILESS_MAIN(TestUnauthorizedDiagnosis)
#include "TestUnauthorizedDiagnosis.moc"
