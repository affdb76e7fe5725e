// SPDX-License-Identifier: MIT
#include "core/ErrorCode.h"
#include "core/Result.h"

#include <QSet>
#include <QTest>

class TestErrorCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesAreStableAndUnique()
    {
        // These strings are a public contract (CLI --json, scripts): changing one is a breaking change.
        QCOMPARE(errorCodeString(ErrorCode::JwtExpired), QStringLiteral("ERR_JWT_EXPIRED"));
        QCOMPARE(errorCodeString(ErrorCode::JwsSignatureVerificationFailed),
                 QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
        QCOMPARE(errorCodeString(ErrorCode::AlgNotAllowed), QStringLiteral("ERR_JOSE_ALG_NOT_ALLOWED"));
        QSet<QString> seen;
        for (int i = int(ErrorCode::Generic); i <= int(ErrorCode::OAuthError); ++i) {
            const QString name = errorCodeString(ErrorCode(i));
            QVERIFY2(name.startsWith(QLatin1String("ERR_")), qPrintable(name));
            QVERIFY2(!seen.contains(name), qPrintable(name));
            seen.insert(name);
            QCOMPARE(errorCodeFromString(name), ErrorCode(i));
        }
    }

    void resultHoldsValueOrError()
    {
        Result<int> good(42);
        QVERIFY(good.ok());
        QCOMPARE(good.value(), 42);
        Result<int> bad(Error(ErrorCode::JwtExpired, QStringLiteral("\"exp\" claim timestamp check failed"),
                              QStringLiteral("exp"), QStringLiteral("check_failed")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().claim, QStringLiteral("exp"));
        QCOMPARE(bad.error().toString(), QStringLiteral("ERR_JWT_EXPIRED: \"exp\" claim timestamp check failed"));
        Result<void> v;
        QVERIFY(v.ok());
        Result<void> e(Error(ErrorCode::Io, QStringLiteral("x")));
        QVERIFY(!e.ok());
    }
};

QTEST_GUILESS_MAIN(TestErrorCode)
#include "TestErrorCode.moc"
