// SPDX-License-Identifier: MIT
#include "jose/IdTokenVerifier.h"

#include "core/Base64Url.h"
#include "crypto/Digest.h"
#include "jose/AlgorithmTable.h"
#include "jose/CompactToken.h"

#include <QJsonArray>

namespace {

VerificationStep oidcStep(const QString& id, const QString& title)
{
    VerificationStep s;
    s.id = id;
    s.title = title;
    s.claim = id;
    return s;
}

void failStep(VerificationResult& result, VerificationStep step, const QString& reason, const QString& message)
{
    step.status = VerificationStep::Status::Failed;
    step.code = ErrorCode::JwtClaimValidationFailed;
    step.reason = reason;
    step.message = message;
    if (result.valid) {
        result.valid = false;
        result.error = Error(ErrorCode::JwtClaimValidationFailed, message, step.claim, reason);
    }
    result.steps.append(step);
}

void passStep(VerificationResult& result, VerificationStep step, const QString& message,
              VerificationStep::Status status = VerificationStep::Status::Passed)
{
    step.status = status;
    step.message = message;
    result.steps.append(step);
}

} // namespace

QString IdTokenVerifier::halfHash(const QString& alg, const QString& value)
{
    HashAlg hash = HashAlg::Sha256;
    if (alg == QLatin1String("EdDSA") || alg == QLatin1String("Ed25519")) {
        hash = HashAlg::Sha512; // OIDC Core errata / OpenID Foundation guidance for Ed25519
    } else if (const AlgorithmInfo* info = AlgorithmTable::find(alg)) {
        hash = info->hash;
    } else {
        return {};
    }
    const QByteArray digest = Digest::hash(hash, value.toUtf8());
    return QString::fromLatin1(Base64Url::encode(digest.left(digest.size() / 2)));
}

VerificationResult IdTokenVerifier::verify(QByteArrayView idToken, const Jwks& keys,
                                           const IdTokenExpectations& expected)
{
    VerifyOptions options;
    options.allowedAlgorithms = expected.allowedAlgorithms;
    // OIDC Core §2: iss, sub, aud, exp and iat are required.
    options.claims.requiredClaims = {QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud"),
                                     QStringLiteral("exp"), QStringLiteral("iat")};
    options.claims.issuers = {expected.issuer};
    options.claims.audiences = {expected.clientId};
    options.claims.leewaySeconds = expected.leewaySeconds;
    options.claims.clock = expected.clock;
    VerificationResult result = JwtVerifier(keys, options).verify(idToken);

    VerificationStep azp = oidcStep(QStringLiteral("azp"), QStringLiteral("Authorized party (azp)"));
    VerificationStep nonce = oidcStep(QStringLiteral("nonce"), QStringLiteral("Nonce"));
    VerificationStep atHash = oidcStep(QStringLiteral("at_hash"), QStringLiteral("Access token hash (at_hash)"));
    VerificationStep cHash = oidcStep(QStringLiteral("c_hash"), QStringLiteral("Code hash (c_hash)"));
    if (!result.valid) {
        for (VerificationStep step : {azp, nonce, atHash, cHash}) {
            step.message = QStringLiteral("not checked: an earlier step failed");
            result.steps.append(step);
        }
        return result;
    }
    const QJsonObject& claims = result.claims;
    const QString alg = CompactToken::parse(idToken.toByteArray()).alg();

    // OIDC Core §3.1.3.7 items 4-5.
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    const bool severalAudiences = aud.isArray() && aud.toArray().size() > 1;
    if (claims.contains(QStringLiteral("azp"))) {
        const QString value = claims.value(QStringLiteral("azp")).toString();
        if (value != expected.clientId)
            failStep(result, azp, QStringLiteral("check_failed"),
                     QStringLiteral("azp is \"%1\", not this client (\"%2\")").arg(value, expected.clientId));
        else
            passStep(result, azp, QStringLiteral("azp is this client"));
    } else if (severalAudiences) {
        failStep(result, azp, QStringLiteral("missing"),
                 QStringLiteral("aud has several values but there is no azp (OIDC Core §3.1.3.7)"));
    } else {
        passStep(result, azp, QStringLiteral("no azp; aud is this client alone"), VerificationStep::Status::Info);
    }

    // §3.1.3.7 item 11.
    if (!expected.nonce.isEmpty()) {
        if (!claims.contains(QStringLiteral("nonce")))
            failStep(result, nonce, QStringLiteral("missing"),
                     QStringLiteral("the request sent a nonce; the id_token "
                                    "has none"));
        else if (claims.value(QStringLiteral("nonce")).toString() != expected.nonce)
            failStep(result, nonce, QStringLiteral("check_failed"),
                     QStringLiteral("the nonce is not the one this request sent (a replayed id_token?)"));
        else
            passStep(result, nonce, QStringLiteral("the nonce is the one this request sent"));
    } else {
        passStep(result, nonce, QStringLiteral("no nonce was sent"), VerificationStep::Status::Skipped);
    }

    const auto checkHash = [&](VerificationStep step, const char* name, const QString& value, const char* what) {
        if (value.isEmpty()) {
            passStep(result, step, QStringLiteral("no %1 to compare").arg(QLatin1String(what)),
                     VerificationStep::Status::Skipped);
            return;
        }
        if (!claims.contains(QLatin1String(name))) {
            // Required only with response types that return the value from the authorization endpoint.
            passStep(result, step, QStringLiteral("absent (optional for this response type)"),
                     VerificationStep::Status::Info);
            return;
        }
        const QString computed = halfHash(alg, value);
        if (computed.isEmpty() || claims.value(QLatin1String(name)).toString() != computed)
            failStep(result, step, QStringLiteral("check_failed"),
                     QStringLiteral("%1 does not match the %2 (OIDC Core §3.1.3.6)")
                         .arg(QLatin1String(name), QLatin1String(what)));
        else
            passStep(result, step, QStringLiteral("%1 matches the %2").arg(QLatin1String(name), QLatin1String(what)));
    };
    checkHash(atHash, "at_hash", expected.accessToken, "access token");
    checkHash(cHash, "c_hash", expected.code, "authorization code");
    if (!result.valid)
        result.claims = {};
    return result;
}
