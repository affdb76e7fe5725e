// SPDX-License-Identifier: MIT
#include "jose/TokenLint.h"

#include "core/Base64Url.h"
#include "core/SystemClock.h"
#include "core/TimeText.h"
#include "crypto/Hmac.h"
#include "jose/AlgorithmTable.h"
#include "jose/ClaimsValidator.h"

namespace {
using S = LintFinding::Severity;

// Secrets seen in tutorials, framework defaults and leaked-secret lists (jwt.io's default among them).
// A token MACed with one of these can be forged by anyone.
const char* const kWeakSecrets[] = {
    "secret",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "password",
    "123456",
    "12345678",
    "1234567890",
    "changeme",
    "change-me",
    "changeit",
    "jwt",
    "jwt-secret",
    "jwt_secret",
    "JWT_SECRET",
    "jwtsecret",
    "key",
    "secretkey",
    "secret-key",
    "secret_key",
    "mysecret",
    "my-secret",
    "my_secret",
    "mysecretkey",
    "my-secret-key",
    "supersecret",
    "super-secret",
    "supersecretkey",
    "topsecret",
    "s3cr3t",
    "s3cret",
    "shhhhh",
    "shhhhhhared-secret",
    "default",
    "admin",
    "qwerty",
    "test",
    "testing",
    "dev",
    "development",
    "example",
    "hello",
    "letmein",
    "abc123",
    "pass",
    "private",
    "token",
    "auth",
    "HS256",
    "your_jwt_secret",
    "your-secret-key",
    "your_secret_key",
    "keyboard cat",
    "notasecret",
    "thisismysecret",
    "secret123",
    "Secret",
    "SECRET",
    "gonnabe",
    "a-string-secret-at-least-256-bits-long",
    "hard!to-guess_secret",
    "ThisIsMySuperSecretKey",
    "0123456789abcdef",
};

bool hasMetacharacters(const QString& kid)
{
    // Path traversal, SQL and shell metacharacters, NUL: signs of kid injection (ATTACKS.md D1).
    static const QString chars = QStringLiteral("/\\'\";|`$&<>*%") + QChar(0);
    for (const QChar c : kid) {
        if (chars.contains(c) || c.unicode() < 0x20) {
            return true;
        }
    }
    return kid.contains(QLatin1String("..")) || kid.contains(QLatin1String("--"));
}

bool segmentIsNonCanonical(const TokenSegment& s)
{
    return !Base64Url::isValid(s.text) && Base64Url::decodeLenient(s.text).has_value();
}
} // namespace

LintFindings TokenLint::lint(const CompactToken& t, const Clock* clock)
{
    LintFindings out;
    auto add = [&out](const char* code, S severity, const QString& message, const QString& subject = QString()) {
        out.append(LintFinding{QLatin1String(code), severity, message, subject});
    };
    const qint64 now = (clock ? *clock : static_cast<const Clock&>(SystemClock::instance())).nowSeconds();

    if (t.kind == CompactToken::Kind::Jwe) {
        add("jwe", S::Info, QStringLiteral("an encrypted token (JWE): only the header can be read without the key"));
        const QJsonValue p2c = t.header.value(QLatin1String("p2c"));
        if (p2c.isDouble() && p2c.toDouble() < 1000) {
            // RFC 7518 §4.8.1.2 recommends at least 1000 PBKDF2 iterations.
            add("jwe-p2c-low", S::Warning,
                QStringLiteral("\"p2c\": %1 PBKDF2 iterations; RFC 7518 §4.8.1.2 recommends at least 1000")
                    .arg(p2c.toDouble()));
        }
        if (t.header.value(QLatin1String("alg")) == QJsonValue(QStringLiteral("RSA1_5"))) {
            add("jwe-rsa1_5", S::Warning,
                QStringLiteral("RSA1_5 key transport is prone to padding-oracle attacks (RFC 8725 §3.2)"));
        }
    }
    const QString alg = t.alg();
    if (t.headerOk) {
        if (alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            add("alg-none", S::Critical,
                QStringLiteral("\"alg\": \"%1\" — an unsecured token: anyone can forge it (RFC 8725 §3.1)").arg(alg),
                alg);
        } else if (t.kind != CompactToken::Kind::Jwe && !AlgorithmTable::find(alg)) {
            add("alg-unknown", S::Warning, QStringLiteral("unknown algorithm \"%1\"").arg(alg), alg);
        }
        struct H
        {
            const char* name;
            const char* code;
            const char* why;
        };
        for (const H& h : {H{"jku", "header-jku", "a URL for the verification keys"},
                           H{"x5u", "header-x5u", "a URL for the certificate chain"},
                           H{"jwk", "header-jwk", "an embedded public key"},
                           H{"x5c", "header-x5c", "an embedded certificate chain"}}) {
            if (t.header.contains(QLatin1String(h.name))) {
                add(h.code, S::Warning,
                    QStringLiteral("\"%1\" header carries %2: it is never fetched or trusted automatically; a verifier "
                                   "that uses it lets the signer choose its own key (RFC 8725 §3.10)")
                        .arg(QLatin1String(h.name), QLatin1String(h.why)),
                    QLatin1String(h.name));
            }
        }
        if (t.hasKid()) {
            const QJsonValue kid = t.header.value(QLatin1String("kid"));
            if (!kid.isString()) {
                add("kid-not-string", S::Warning, QStringLiteral("\"kid\" is not a string"), QStringLiteral("kid"));
            } else if (hasMetacharacters(kid.toString())) {
                add("kid-metacharacters", S::Warning,
                    QStringLiteral("\"kid\" contains path, SQL or shell metacharacters: a key lookup that uses it "
                                   "unescaped is injectable"),
                    kid.toString());
            }
        }
        if (t.header.contains(QLatin1String("crit"))) {
            add("crit-present", S::Info,
                QStringLiteral("\"crit\" header: verifiers must understand every listed extension"),
                QStringLiteral("crit"));
        }
        if (!t.b64) {
            add("b64-false", S::Warning,
                QStringLiteral("\"b64\": false — the payload is not base64url encoded (RFC 7797); many libraries "
                               "mis-handle it"),
                QStringLiteral("b64"));
        }
        if (t.typ().compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0 &&
            t.header.value(QLatin1String("cty")).toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0) {
            add("nested-jwt", S::Info,
                QStringLiteral("\"cty\": \"JWT\" — the payload is itself a token (RFC 7519 §5.2)"));
        }
    }
    if (!t.headerDuplicates.isEmpty()) {
        add("duplicate-members", S::Critical,
            QStringLiteral("the header repeats \"%1\": parsers disagree about which value counts")
                .arg(t.headerDuplicates.join(QLatin1String("\", \""))));
    }
    for (int i = 0; i < t.segments.size() && i < 3; ++i) {
        if (segmentIsNonCanonical(t.segments[i])) {
            add("base64-noncanonical", S::Warning,
                QStringLiteral("segment %1 is not strict base64url (padding, '+', '/', or non-zero trailing bits); "
                               "RFC 7515 §2 forbids it")
                    .arg(i + 1));
        }
    }

    // Claims (only when the payload is a JSON object; this is a decode: nothing here is verified).
    if (t.kind == CompactToken::Kind::Jws || t.kind == CompactToken::Kind::Unsecured) {
        auto analysis = JsonText::analyse(t.payload);
        if (analysis && analysis->topType == JsonAnalysis::Type::Object) {
            if (!analysis->duplicateKeys.isEmpty()) {
                add("duplicate-members", S::Critical,
                    QStringLiteral("the claims repeat \"%1\": parsers disagree about which value counts")
                        .arg(analysis->duplicateKeys.join(QLatin1String("\", \""))));
            }
            const auto claims = JsonText::parseObject(t.payload, false);
            if (claims) {
                const auto exp = ClaimsValidator::numericDate(claims.value(), QStringLiteral("exp"));
                const auto iat = ClaimsValidator::numericDate(claims.value(), QStringLiteral("iat"));
                const auto nbf = ClaimsValidator::numericDate(claims.value(), QStringLiteral("nbf"));
                if (!claims->contains(QLatin1String("exp"))) {
                    add("exp-missing", S::Warning, QStringLiteral("no \"exp\" claim: the token never expires"),
                        QStringLiteral("exp"));
                } else if (!exp) {
                    add("exp-invalid", S::Warning, QStringLiteral("\"exp\" is not a NumericDate (a JSON number)"),
                        QStringLiteral("exp"));
                } else {
                    const double start = iat ? *iat : double(now);
                    if (*exp - start > 86400.0) {
                        add("lifetime-long", S::Warning,
                            QStringLiteral("valid for %1 (more than 24 h): a stolen token stays useful that long")
                                .arg(TimeText::duration(TimeText::seconds(*exp - start))),
                            QStringLiteral("exp"));
                    }
                    if (*exp <= double(now)) {
                        add("expired", S::Info,
                            QStringLiteral("expired %1").arg(TimeText::relative(TimeText::seconds(*exp), now)),
                            QStringLiteral("exp"));
                    }
                }
                if (iat && *iat > double(now + 60)) {
                    add("iat-future", S::Warning,
                        QStringLiteral("\"iat\" is in the future (%1): clock skew or a forged token")
                            .arg(TimeText::relative(TimeText::seconds(*iat), now)),
                        QStringLiteral("iat"));
                }
                if (nbf && *nbf > double(now)) {
                    add("not-yet-valid", S::Info,
                        QStringLiteral("not valid until %1 (%2)")
                            .arg(TimeText::utc(*nbf), TimeText::relative(TimeText::seconds(*nbf), now)),
                        QStringLiteral("nbf"));
                }
            }
        }
    }
    if (t.kind == CompactToken::Kind::Jws && t.isStructurallyValid()) {
        if (auto weak = findWeakSecret(t)) {
            add("hmac-secret-weak", S::Critical,
                QStringLiteral("the MAC verifies with the well-known secret \"%1\": anyone can forge this token")
                    .arg(QString::fromUtf8(*weak)),
                alg);
        }
    }
    return out;
}

LintFindings TokenLint::lintSecret(const QByteArray& secret, const QString& alg)
{
    LintFindings out;
    const AlgorithmInfo* info = AlgorithmTable::find(alg);
    const int minimum = (info && info->isSymmetric()) ? info->signatureSize : 32;
    if (secret.size() < minimum) {
        out.append(
            LintFinding{QStringLiteral("hmac-secret-short"), S::Critical,
                        QStringLiteral("the secret is %1 bytes, shorter than the %2-byte hash of %3 (RFC 7518 §3.2)")
                            .arg(secret.size())
                            .arg(minimum)
                            .arg(info ? alg : QStringLiteral("HS256")),
                        alg});
    }
    for (const char* weak : kWeakSecrets) {
        if (secret == QByteArrayView(weak)) {
            out.append(LintFinding{QStringLiteral("hmac-secret-weak"), S::Critical,
                                   QStringLiteral("\"%1\" is a well-known secret from tutorials and leaked lists")
                                       .arg(QString::fromUtf8(secret)),
                                   alg});
            break;
        }
    }
    return out;
}

std::optional<QByteArray> TokenLint::findWeakSecret(const CompactToken& t)
{
    const AlgorithmInfo* info = AlgorithmTable::find(t.alg());
    if (!info || !info->isSymmetric() || t.segments.size() != 3 || t.signature.size() != info->signatureSize) {
        return std::nullopt;
    }
    const QByteArray input = t.signingInput();
    for (const char* weak : kWeakSecrets) {
        if (Hmac::verify(info->hash, QByteArrayView(weak), input, t.signature)) {
            return QByteArray(weak);
        }
    }
    return std::nullopt;
}
