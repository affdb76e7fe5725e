// SPDX-License-Identifier: MIT
#include "jose/ClaimsValidator.h"

#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "core/TimeText.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {
using Status = VerificationStep::Status;

// Ids and titles arrive as QStringLiteral (static data: no allocation, no shared reference count).
VerificationStep step(const QString& id, const QString& title, Status status, const QString& message,
                      ErrorCode code = ErrorCode::None, const QString& claim = QString(),
                      const QString& reason = QString())
{
    return VerificationStep{id, title, status, code, message, claim, reason};
}

// The machine-readable reason of a failed claim, as panva/jose sets it at each failure: never derived from the
// English message, so rewording a message cannot change it.
enum class Reason
{
    Missing,     // the claim is absent
    Invalid,     // present with the wrong JSON type
    CheckFailed, // present and well-typed, but its value fails the check
};

QString reasonText(Reason reason)
{
    switch (reason) {
    case Reason::Missing:
        return QStringLiteral("missing");
    case Reason::Invalid:
        return QStringLiteral("invalid");
    case Reason::CheckFailed:
        break;
    }
    return QStringLiteral("check_failed");
}

VerificationStep claimFailure(const QString& id, const QString& title, const QString& claim, Reason reason,
                              const QString& message, ErrorCode code = ErrorCode::JwtClaimValidationFailed)
{
    return step(id, title, Status::Failed, message, code, claim, reasonText(reason));
}

// "application/at+jwt" and "at+jwt" name the same media type (RFC 7515 §4.1.9); compare case-insensitively.
QString normaliseTyp(QString typ)
{
    typ = typ.toLower();
    if (typ.startsWith(QLatin1String("application/"))) {
        typ = typ.mid(12);
    }
    return typ;
}

// Microsoft Entra's multi-tenant discovery documents (/common/v2.0, /organizations/v2.0) publish the issuer as
// "https://login.microsoftonline.com/{tenantid}/v2.0"; each token's "iss" carries its own tenant, named by its
// "tid" claim. The template matches exactly that filling, nothing else (no wildcard).
const QString kTenantTemplate = QStringLiteral("{tenantid}");

bool isTenantId(const QString& tid)
{
    // A GUID in practice; at least: non-empty, no characters that could change the URL's structure.
    return !tid.isEmpty() && tid.size() <= 64 &&
           std::all_of(tid.cbegin(), tid.cend(), [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('-'); });
}

// The expected issuer with {tenantid} filled from the token's "tid", or a null string.
QString entraTenantIssuer(const QStringList& issuers, const QJsonObject& claims)
{
    const QString tid = claims.value(QLatin1String("tid")).toString();
    for (const QString& expected : issuers) {
        if (expected.contains(kTenantTemplate)) {
            if (!isTenantId(tid)) {
                return QString();
            }
            return QString(expected).replace(kTenantTemplate, tid);
        }
    }
    return QString();
}

QString describe(const QJsonValue& v)
{
    if (v.isString()) {
        // Claim values come from the token: no control characters into logs and terminals (issue 15 #5).
        return QLatin1Char('"') + DisplayText::escapeControls(v.toString()) + QLatin1Char('"');
    }
    if (v.isArray()) {
        QStringList parts;
        for (const auto& e : v.toArray()) {
            parts.append(describe(e));
        }
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    if (v.isDouble()) {
        return QString::number(v.toDouble(), 'g', 17);
    }
    if (v.isBool()) {
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (v.isNull()) {
        return QStringLiteral("null");
    }
    return QStringLiteral("an object");
}

QString quotedList(const QStringList& l)
{
    QStringList q;
    for (const auto& s : l) {
        q.append(QLatin1Char('"') + s + QLatin1Char('"'));
    }
    return q.join(QLatin1String(", "));
}
} // namespace

std::optional<double> ClaimsValidator::numericDate(const QJsonObject& claims, const QString& name)
{
    const QJsonValue v = claims.value(name);
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        return std::nullopt;
    }
    return v.toDouble();
}

VerificationSteps ClaimsValidator::validate(const QJsonObject& header, const QJsonObject& claims,
                                            const ClaimsPolicy& policy)
{
    VerificationSteps out;
    const Clock& clock = policy.clock ? *policy.clock : static_cast<const Clock&>(SystemClock::instance());
    const qint64 now = clock.nowSeconds();
    const qint64 leeway = policy.leewaySeconds;
    // Passed steps format their message only when asked: batch verification skips the date formatting.
    auto passed = [&](const QString& id, const QString& title, const auto& makeMessage) {
        out.append(step(id, title, Status::Passed, policy.describePassed ? makeMessage() : QString()));
    };

    // typ (RFC 8725 §3.11 explicit typing).
    if (policy.typ.isEmpty() && !policy.allowedTypes.isEmpty()) {
        const QJsonValue typ = header.value(QLatin1String("typ"));
        const bool allowed = typ.isUndefined() ||
                             (typ.isString() && std::any_of(policy.allowedTypes.cbegin(), policy.allowedTypes.cend(),
                                                            [&](const QString& t) {
                                                                return normaliseTyp(t) == normaliseTyp(typ.toString());
                                                            }));
        if (allowed) {
            passed(QStringLiteral("typ"), QStringLiteral("Type (typ)"), [&] {
                return typ.isUndefined()
                           ? QStringLiteral("no typ (allowed)")
                           : QString(QStringLiteral("typ is \"%1\"").arg(DisplayText::escapeControls(typ.toString())));
            });
        } else {
            out.append(claimFailure(QStringLiteral("typ"), QStringLiteral("Type (typ)"), QStringLiteral("typ"),
                                    Reason::CheckFailed,
                                    QStringLiteral("unexpected \"typ\" header value: expected %1 or none, found %2")
                                        .arg(quotedList(policy.allowedTypes), describe(typ))));
        }
    } else if (policy.typ.isEmpty()) {
        out.append(step(QStringLiteral("typ"), QStringLiteral("Type (typ)"), Status::Skipped,
                        QStringLiteral("no expected typ configured")));
    } else {
        const QJsonValue typ = header.value(QLatin1String("typ"));
        if (typ.isString() && normaliseTyp(typ.toString()) == normaliseTyp(policy.typ)) {
            passed(QStringLiteral("typ"), QStringLiteral("Type (typ)"), [&] {
                return QString(QStringLiteral("typ is \"%1\"").arg(DisplayText::escapeControls(typ.toString())));
            });
        } else {
            out.append(claimFailure(QStringLiteral("typ"), QStringLiteral("Type (typ)"), QStringLiteral("typ"),
                                    Reason::CheckFailed,
                                    QStringLiteral("unexpected \"typ\" header value: expected \"%1\", found %2")
                                        .arg(policy.typ, typ.isUndefined() ? QStringLiteral("none") : describe(typ))));
        }
    }

    // Required claims.
    QStringList missing;
    for (const auto& name : policy.requiredClaims) {
        if (!claims.contains(name)) {
            missing.append(name);
        }
    }
    if (policy.requiredClaims.isEmpty()) {
        out.append(step(QStringLiteral("required"), QStringLiteral("Required claims"), Status::Skipped,
                        QStringLiteral("no required claims configured")));
    } else if (missing.isEmpty()) {
        passed(QStringLiteral("required"), QStringLiteral("Required claims"), [&] {
            return QString(QStringLiteral("present: %1").arg(policy.requiredClaims.join(QLatin1String(", "))));
        });
    } else {
        auto s = claimFailure(
            QStringLiteral("required"), QStringLiteral("Required claims"), missing.first(), Reason::Missing,
            QStringLiteral("missing required \"%1\" claim").arg(missing.join(QLatin1String("\", \""))));
        out.append(s);
    }

    // iss (RFC 7519 §4.1.1): case-sensitive exact match; no prefix or substring matching.
    const QJsonValue iss = claims.value(QLatin1String("iss"));
    if (!iss.isUndefined() && !iss.isString()) {
        out.append(claimFailure(QStringLiteral("iss"), QStringLiteral("Issuer (iss)"), QStringLiteral("iss"),
                                Reason::Invalid,
                                QStringLiteral("\"iss\" claim must be a string, found %1").arg(describe(iss))));
    } else if (policy.issuers.isEmpty()) {
        out.append(step(QStringLiteral("iss"), QStringLiteral("Issuer (iss)"), Status::Skipped,
                        iss.isUndefined()
                            ? QStringLiteral("no expected issuer configured; token has no iss")
                            : QStringLiteral("no expected issuer configured; token says %1").arg(describe(iss))));
    } else if (iss.isUndefined()) {
        out.append(claimFailure(QStringLiteral("iss"), QStringLiteral("Issuer (iss)"), QStringLiteral("iss"),
                                Reason::Missing,
                                QStringLiteral("missing \"iss\" claim; expected %1").arg(quotedList(policy.issuers))));
    } else if (std::any_of(policy.issuers.cbegin(), policy.issuers.cend(), [&](const QString& expected) {
                   // A {tenantid} template is not an issuer itself: a token claiming it literally does not match.
                   return expected == iss.toString() && !expected.contains(kTenantTemplate);
               })) {
        passed(QStringLiteral("iss"), QStringLiteral("Issuer (iss)"),
               [&] { return QString(QStringLiteral("iss is %1").arg(describe(iss))); });
    } else if (const QString tenantIssuer = entraTenantIssuer(policy.issuers, claims);
               !tenantIssuer.isNull() && tenantIssuer == iss.toString()) {
        passed(QStringLiteral("iss"), QStringLiteral("Issuer (iss)"), [&] {
            return QString(QStringLiteral("iss is %1: the {tenantid} template of a Microsoft Entra multi-tenant "
                                          "issuer, filled with the token's \"tid\"")
                               .arg(describe(iss)));
        });
    } else {
        const bool templated = std::any_of(policy.issuers.cbegin(), policy.issuers.cend(),
                                           [](const QString& i) { return i.contains(kTenantTemplate); });
        out.append(claimFailure(
            QStringLiteral("iss"), QStringLiteral("Issuer (iss)"), QStringLiteral("iss"), Reason::CheckFailed,
            QStringLiteral("unexpected \"iss\" claim value: expected %1, found %2%3")
                .arg(quotedList(policy.issuers), describe(iss),
                     templated
                         ? QStringLiteral(" ({tenantid} is the template of Microsoft Entra multi-tenant "
                                          "discovery (/common, /organizations); it matches only with the "
                                          "token's own \"tid\" claim, which %1)")
                               .arg(tenantIssuer.isNull() ? QStringLiteral("is missing or not a tenant id")
                                                          : QStringLiteral("gives %1").arg(describe(tenantIssuer)))
                         : QString())));
    }

    // sub (RFC 7519 §4.1.2).
    const QJsonValue sub = claims.value(QLatin1String("sub"));
    if (!sub.isUndefined() && !sub.isString()) {
        out.append(claimFailure(QStringLiteral("sub"), QStringLiteral("Subject (sub)"), QStringLiteral("sub"),
                                Reason::Invalid,
                                QStringLiteral("\"sub\" claim must be a string, found %1").arg(describe(sub))));
    } else if (policy.subject.isEmpty()) {
        out.append(step(QStringLiteral("sub"), QStringLiteral("Subject (sub)"), Status::Skipped,
                        QStringLiteral("no expected subject configured")));
    } else if (sub.toString() == policy.subject && sub.isString()) {
        passed(QStringLiteral("sub"), QStringLiteral("Subject (sub)"),
               [&] { return QString(QStringLiteral("sub is %1").arg(describe(sub))); });
    } else {
        out.append(claimFailure(QStringLiteral("sub"), QStringLiteral("Subject (sub)"), QStringLiteral("sub"),
                                Reason::CheckFailed,
                                QStringLiteral("unexpected \"sub\" claim value: expected \"%1\", found %2")
                                    .arg(policy.subject, sub.isUndefined() ? QStringLiteral("none") : describe(sub))));
    }

    // aud (RFC 7519 §4.1.3): a string or an array of strings; any overlap with the expected values.
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    QStringList auds;
    bool audTypeOk = aud.isUndefined() || aud.isString();
    if (aud.isString()) {
        auds.append(aud.toString());
    } else if (aud.isArray()) {
        audTypeOk = true;
        for (const auto& v : aud.toArray()) {
            if (!v.isString()) {
                audTypeOk = false;
            }
            auds.append(v.toString());
        }
    }
    if (!audTypeOk) {
        out.append(claimFailure(
            QStringLiteral("aud"), QStringLiteral("Audience (aud)"), QStringLiteral("aud"), Reason::Invalid,
            QStringLiteral("\"aud\" claim must be a string or an array of strings, found %1").arg(describe(aud))));
    } else if (policy.audiences.isEmpty()) {
        out.append(step(QStringLiteral("aud"), QStringLiteral("Audience (aud)"), Status::Skipped,
                        aud.isUndefined()
                            ? QStringLiteral("no expected audience configured; token has no aud")
                            : QStringLiteral("no expected audience configured; token says %1").arg(describe(aud))));
    } else if (aud.isUndefined()) {
        out.append(claimFailure(
            QStringLiteral("aud"), QStringLiteral("Audience (aud)"), QStringLiteral("aud"), Reason::Missing,
            QStringLiteral("missing \"aud\" claim; expected %1").arg(quotedList(policy.audiences))));
    } else {
        QString match;
        for (const auto& a : std::as_const(auds)) {
            if (policy.audiences.contains(a)) {
                match = a;
                break;
            }
        }
        if (!match.isEmpty()) {
            passed(QStringLiteral("aud"), QStringLiteral("Audience (aud)"),
                   [&] { return QString(QStringLiteral("aud contains \"%1\"").arg(match)); });
        } else {
            out.append(claimFailure(QStringLiteral("aud"), QStringLiteral("Audience (aud)"), QStringLiteral("aud"),
                                    Reason::CheckFailed,
                                    QStringLiteral("unexpected \"aud\" claim value: expected %1, found %2")
                                        .arg(quotedList(policy.audiences), describe(aud))));
        }
    }

    auto timeClaim = [&](const QString& name, const QString& title) -> std::optional<double> {
        const QString& key = name;
        const QJsonValue v = claims.value(key);
        if (v.isUndefined()) {
            out.append(step(name, title, Status::Skipped, QStringLiteral("no \"%1\" claim").arg(key)));
            return std::nullopt;
        }
        const auto date = numericDate(claims, key);
        if (!date) {
            // RFC 7519 §2: NumericDate is a JSON number; "1700000000" (a string) is not one.
            out.append(claimFailure(
                name, title, key, Reason::Invalid,
                QStringLiteral("\"%1\" claim must be a number (NumericDate), found %2").arg(key, describe(v))));
            return std::nullopt;
        }
        return date;
    };
    const QString leewayText = leeway ? QStringLiteral(" (leeway %1 s)").arg(leeway) : QString();

    // nbf (RFC 7519 §4.1.5): reject when now + leeway < nbf.
    if (const auto nbf = timeClaim(QStringLiteral("nbf"), QStringLiteral("Not before (nbf)"))) {
        const auto when = [&] { return TimeText::utc(*nbf); };
        if (*nbf > double(now + leeway)) {
            out.append(claimFailure(
                QStringLiteral("nbf"), QStringLiteral("Not before (nbf)"), QStringLiteral("nbf"), Reason::CheckFailed,
                QStringLiteral("\"nbf\" claim timestamp check failed: not valid until %1, %2%3")
                    .arg(when(), TimeText::relative(TimeText::seconds(std::ceil(*nbf)), now), leewayText),
                ErrorCode::JwtNotYetValid));
        } else {
            passed(QStringLiteral("nbf"), QStringLiteral("Not before (nbf)"),
                   [&] { return QString(QStringLiteral("valid since %1").arg(when())); });
        }
    }

    // exp (RFC 7519 §4.1.4): the current time MUST be before exp (plus leeway).
    if (const auto exp = timeClaim(QStringLiteral("exp"), QStringLiteral("Expiration (exp)"))) {
        const auto when = [&] { return TimeText::utc(*exp); };
        if (double(now - leeway) >= *exp) {
            out.append(claimFailure(
                QStringLiteral("exp"), QStringLiteral("Expiration (exp)"), QStringLiteral("exp"), Reason::CheckFailed,
                QStringLiteral("\"exp\" claim timestamp check failed: expired at %1, %2%3")
                    .arg(when(), TimeText::relative(TimeText::seconds(std::floor(*exp)), now), leewayText),
                ErrorCode::JwtExpired));
        } else {
            passed(QStringLiteral("exp"), QStringLiteral("Expiration (exp)"), [&] {
                return QString(QStringLiteral("expires at %1, %2")
                                   .arg(when(), TimeText::relative(TimeText::seconds(std::floor(*exp)), now)));
            });
        }
    }

    // iat (RFC 7519 §4.1.6): informational unless a maximum age is required.
    const auto iat = timeClaim(QStringLiteral("iat"), QStringLiteral("Issued at (iat)"));
    if (iat) {
        if (*iat > double(now + leeway) && policy.rejectFutureIat) {
            out.append(claimFailure(QStringLiteral("iat"), QStringLiteral("Issued at (iat)"), QStringLiteral("iat"),
                                    Reason::CheckFailed,
                                    QStringLiteral("\"iat\" claim timestamp check failed (it should be in the past)")));
        } else if (*iat > double(now + leeway)) {
            out.append(step(QStringLiteral("iat"), QStringLiteral("Issued at (iat)"), Status::Info,
                            QStringLiteral("issued in the future: %1 (%2)")
                                .arg(TimeText::utc(*iat), TimeText::relative(TimeText::seconds(*iat), now))));
        } else {
            passed(QStringLiteral("iat"), QStringLiteral("Issued at (iat)"), [&] {
                return QString(QStringLiteral("issued %1 (%2)")
                                   .arg(TimeText::utc(*iat), TimeText::relative(TimeText::seconds(*iat), now)));
            });
        }
    }

    if (policy.maxAgeSeconds) {
        if (!claims.contains(QLatin1String("iat"))) {
            out.append(claimFailure(QStringLiteral("max-age"), QStringLiteral("Maximum age"), QStringLiteral("iat"),
                                    Reason::Missing,
                                    QStringLiteral("missing \"iat\" claim, needed for the maximum age check")));
        } else if (iat) {
            const double age = double(now) - *iat;
            if (age - double(leeway) > double(*policy.maxAgeSeconds)) {
                out.append(claimFailure(
                    QStringLiteral("max-age"), QStringLiteral("Maximum age"), QStringLiteral("iat"),
                    Reason::CheckFailed,
                    QStringLiteral("\"iat\" claim timestamp check failed: token is %1 old, maximum %2")
                        .arg(TimeText::duration(TimeText::seconds(age)), TimeText::duration(*policy.maxAgeSeconds)),
                    ErrorCode::JwtExpired));
            } else if (*iat - double(leeway) > double(now)) {
                out.append(claimFailure(QStringLiteral("max-age"), QStringLiteral("Maximum age"), QStringLiteral("iat"),
                                        Reason::CheckFailed,
                                        QStringLiteral("\"iat\" claim timestamp check failed: issued in the future")));
            } else {
                passed(QStringLiteral("max-age"), QStringLiteral("Maximum age"), [&] {
                    return QString(QStringLiteral("%1 old, maximum %2")
                                       .arg(TimeText::duration(TimeText::seconds(age)),
                                            TimeText::duration(*policy.maxAgeSeconds)));
                });
            }
        }
    }
    return out;
}
