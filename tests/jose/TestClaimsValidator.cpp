// SPDX-License-Identifier: MIT
#include "jose/ClaimsValidator.h"

#include "core/MockClock.h"

#include <QJsonArray>
#include <QTest>

namespace {
const VerificationStep* find(const VerificationSteps& steps, const char* id)
{
    for (const auto& s : steps) {
        if (s.id == QLatin1String(id)) {
            return &s;
        }
    }
    return nullptr;
}
} // namespace

class TestClaimsValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checks_data()
    {
        QTest::addColumn<QJsonObject>("claims");
        QTest::addColumn<QString>("step");
        QTest::addColumn<int>("status");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("reason");
        using S = VerificationStep::Status;
        const qint64 now = 1700000000;
        auto row = [](const char* name) -> QTestData& { return QTest::newRow(name); };
        row("RFC7519 4.1.4 exp in the past")
            << QJsonObject{{QStringLiteral("exp"), now - 61}} << QStringLiteral("exp") << int(S::Failed)
            << ErrorCode::JwtExpired << QStringLiteral("check_failed");
        row("RFC7519 4.1.4 exp equal to now minus leeway is expired")
            << QJsonObject{{QStringLiteral("exp"), now - 60}} << QStringLiteral("exp") << int(S::Failed)
            << ErrorCode::JwtExpired << QStringLiteral("check_failed");
        row("exp within leeway") << QJsonObject{{QStringLiteral("exp"), now - 30}} << QStringLiteral("exp")
                                 << int(S::Passed) << ErrorCode::None << QString();
        row("exp in the future") << QJsonObject{{QStringLiteral("exp"), now + 1}} << QStringLiteral("exp")
                                 << int(S::Passed) << ErrorCode::None << QString();
        row("RFC7519 2 exp as string") << QJsonObject{{QStringLiteral("exp"), QStringLiteral("1700000100")}}
                                       << QStringLiteral("exp") << int(S::Failed) << ErrorCode::JwtClaimValidationFailed
                                       << QStringLiteral("invalid");
        row("RFC7519 4.1.5 nbf in the future")
            << QJsonObject{{QStringLiteral("nbf"), now + 61}} << QStringLiteral("nbf") << int(S::Failed)
            << ErrorCode::JwtNotYetValid << QStringLiteral("check_failed");
        row("nbf within leeway") << QJsonObject{{QStringLiteral("nbf"), now + 60}} << QStringLiteral("nbf")
                                 << int(S::Passed) << ErrorCode::None << QString();
        row("iss exact") << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://issuer.example/")}}
                         << QStringLiteral("iss") << int(S::Passed) << ErrorCode::None << QString();
        row("iss without trailing slash")
            << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://issuer.example")}} << QStringLiteral("iss")
            << int(S::Failed) << ErrorCode::JwtClaimValidationFailed << QStringLiteral("check_failed");
        row("iss missing") << QJsonObject{} << QStringLiteral("iss") << int(S::Failed)
                           << ErrorCode::JwtClaimValidationFailed << QStringLiteral("missing");
        row("aud array overlap") << QJsonObject{{QStringLiteral("aud"),
                                                 QJsonArray{QStringLiteral("x"), QStringLiteral("api")}}}
                                 << QStringLiteral("aud") << int(S::Passed) << ErrorCode::None << QString();
        row("aud mismatch") << QJsonObject{{QStringLiteral("aud"), QStringLiteral("other")}} << QStringLiteral("aud")
                            << int(S::Failed) << ErrorCode::JwtClaimValidationFailed << QStringLiteral("check_failed");
        row("aud array of numbers") << QJsonObject{{QStringLiteral("aud"), QJsonArray{1}}} << QStringLiteral("aud")
                                    << int(S::Failed) << ErrorCode::JwtClaimValidationFailed
                                    << QStringLiteral("invalid");
        row("required sub missing") << QJsonObject{} << QStringLiteral("required") << int(S::Failed)
                                    << ErrorCode::JwtClaimValidationFailed << QStringLiteral("missing");
        row("max age exceeded") << QJsonObject{{QStringLiteral("iat"), now - 3700}} << QStringLiteral("max-age")
                                << int(S::Failed) << ErrorCode::JwtExpired << QStringLiteral("check_failed");
        row("max age ok") << QJsonObject{{QStringLiteral("iat"), now - 3600}} << QStringLiteral("max-age")
                          << int(S::Passed) << ErrorCode::None << QString();
    }
    void checks()
    {
        QFETCH(QJsonObject, claims);
        QFETCH(QString, step);
        QFETCH(int, status);
        QFETCH(ErrorCode, code);
        QFETCH(QString, reason);
        MockClock clock(1700000000);
        ClaimsPolicy policy;
        policy.clock = &clock;
        policy.leewaySeconds = 60;
        policy.issuers = {QStringLiteral("https://issuer.example/")};
        policy.audiences = {QStringLiteral("api")};
        policy.requiredClaims = {QStringLiteral("sub")};
        policy.maxAgeSeconds = 3600 - 60;
        const VerificationSteps steps = ClaimsValidator::validate(QJsonObject(), claims, policy);
        const VerificationStep* s = find(steps, qPrintable(step));
        QVERIFY(s);
        QCOMPARE(int(s->status), status);
        QCOMPARE(s->code, code);
        QCOMPARE(s->reason, reason);
        if (s->status == VerificationStep::Status::Failed && s->id != QLatin1String("required")) {
            QVERIFY(!s->claim.isEmpty());
        }
    }

    void entraTenantTemplate_data()
    {
        QTest::addColumn<QString>("iss");
        QTest::addColumn<QJsonValue>("tid");
        QTest::addColumn<bool>("passes");
        const QString tenant = QStringLiteral("9188040d-6c67-4c5b-b112-36a304b66dad"); // Microsoft's consumer tenant
        const QString issuer = QStringLiteral("https://login.microsoftonline.com/%1/v2.0");
        QTest::newRow("iss of the token's own tenant") << issuer.arg(tenant) << QJsonValue(tenant) << true;
        QTest::newRow("iss of another tenant")
            << issuer.arg(QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47")) << QJsonValue(tenant) << false;
        QTest::newRow("no tid") << issuer.arg(tenant) << QJsonValue(QJsonValue::Undefined) << false;
        QTest::newRow("tid that changes the URL")
            << issuer.arg(QStringLiteral("a/b")) << QJsonValue(QStringLiteral("a/b")) << false;
        QTest::newRow("the template itself")
            << issuer.arg(QStringLiteral("{tenantid}")) << QJsonValue(QStringLiteral("{tenantid}")) << false;
        QTest::newRow("empty iss, no tid") << QString(QLatin1String("")) << QJsonValue(QJsonValue::Undefined) << false;
    }
    void entraTenantTemplate()
    {
        // Microsoft Entra multi-tenant discovery (/common/v2.0, /organizations/v2.0) publishes the issuer
        // "https://login.microsoftonline.com/{tenantid}/v2.0"; the token's iss matches when its own tid fills it.
        QFETCH(QString, iss);
        QFETCH(QJsonValue, tid);
        QFETCH(bool, passes);
        ClaimsPolicy policy;
        MockClock clock(1700000000);
        policy.clock = &clock;
        policy.issuers = {QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0")};
        QJsonObject claims{{QStringLiteral("iss"), iss}};
        if (!tid.isUndefined()) {
            claims.insert(QStringLiteral("tid"), tid);
        }
        // The steps must outlive the pointer into them (a temporary here was a use-after-free under ASan).
        const auto steps = ClaimsValidator::validate(QJsonObject(), claims, policy);
        const VerificationStep* s = find(steps, "iss");
        QVERIFY(s);
        QCOMPARE(s->status, passes ? VerificationStep::Status::Passed : VerificationStep::Status::Failed);
        if (!passes) {
            QVERIFY2(s->message.contains(QLatin1String("{tenantid} is the template of Microsoft Entra")),
                     qPrintable(s->message));
        }
    }
    void fixedOrder()
    {
        ClaimsPolicy policy;
        MockClock clock(0);
        policy.clock = &clock;
        policy.maxAgeSeconds = 10;
        QStringList ids;
        for (const auto& s : ClaimsValidator::validate({}, {{QStringLiteral("iat"), 0}}, policy)) {
            ids.append(s.id);
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("typ"), QStringLiteral("required"), QStringLiteral("iss"),
                                   QStringLiteral("sub"), QStringLiteral("aud"), QStringLiteral("nbf"),
                                   QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("max-age")}));
    }

    void explicitTyping()
    {
        // RFC 8725 §3.11 / RFC 9068 §2.1: "at+jwt" equals "application/at+jwt", case-insensitively.
        ClaimsPolicy policy;
        policy.typ = QStringLiteral("at+jwt");
        auto typStep = [&](const QJsonObject& header) {
            return *find(ClaimsValidator::validate(header, {}, policy), "typ");
        };
        QCOMPARE(typStep({{QStringLiteral("typ"), QStringLiteral("application/AT+JWT")}}).status,
                 VerificationStep::Status::Passed);
        QCOMPARE(typStep({{QStringLiteral("typ"), QStringLiteral("JWT")}}).status, VerificationStep::Status::Failed);
        QCOMPARE(typStep({}).status, VerificationStep::Status::Failed);
    }

    void allowedTypes()
    {
        // RFC 9449 §4.2: a DPoP proof (typ dpop+jwt) is never an access token; at+jwt, JWT or no typ are.
        ClaimsPolicy policy;
        policy.allowedTypes = {QStringLiteral("at+jwt"), QStringLiteral("JWT")};
        auto typStep = [&](const QJsonObject& header) {
            return *find(ClaimsValidator::validate(header, {}, policy), "typ");
        };
        for (const char* ok : {"at+jwt", "application/at+jwt", "JWT", "jwt"}) {
            QCOMPARE(typStep({{QStringLiteral("typ"), QString::fromLatin1(ok)}}).status,
                     VerificationStep::Status::Passed);
        }
        QCOMPARE(typStep({}).status, VerificationStep::Status::Passed);
        const VerificationStep dpop = typStep({{QStringLiteral("typ"), QStringLiteral("dpop+jwt")}});
        QCOMPARE(dpop.status, VerificationStep::Status::Failed);
        QCOMPARE(dpop.code, ErrorCode::JwtClaimValidationFailed);
        QCOMPARE(dpop.claim, QStringLiteral("typ"));
        QCOMPARE(dpop.reason, QStringLiteral("check_failed"));
        QCOMPARE(dpop.message,
                 QStringLiteral(
                     "unexpected \"typ\" header value: expected \"at+jwt\", \"JWT\" or none, found \"dpop+jwt\""));
        QCOMPARE(typStep({{QStringLiteral("typ"), 7}}).status, VerificationStep::Status::Failed);
        // typ wins over allowedTypes when both are set.
        policy.typ = QStringLiteral("at+jwt");
        QCOMPARE(typStep({}).status, VerificationStep::Status::Failed);
    }

    void futureIat()
    {
        ClaimsPolicy policy;
        MockClock clock(1000);
        policy.clock = &clock;
        policy.leewaySeconds = 30;
        auto iatStep = [&](double iat) {
            return *find(ClaimsValidator::validate({}, {{QStringLiteral("iat"), iat}}, policy), "iat");
        };
        // Informational by default (RFC 7519 §4.1.6 sets no rule) ...
        QCOMPARE(iatStep(2000).status, VerificationStep::Status::Info);
        // ... an error when asked for, beyond the leeway only.
        policy.rejectFutureIat = true;
        const VerificationStep future = iatStep(1031);
        QCOMPARE(future.status, VerificationStep::Status::Failed);
        QCOMPARE(future.code, ErrorCode::JwtClaimValidationFailed);
        QCOMPARE(future.claim, QStringLiteral("iat"));
        QCOMPARE(future.reason, QStringLiteral("check_failed"));
        QCOMPARE(iatStep(1030).status, VerificationStep::Status::Passed);
        QCOMPARE(iatStep(900).status, VerificationStep::Status::Passed);
    }
};

QTEST_GUILESS_MAIN(TestClaimsValidator)
#include "TestClaimsValidator.moc"
