// SPDX-License-Identifier: MIT
#include "server/BearerAuthenticator.h"

#include "core/SystemClock.h"

#include <QJsonArray>

#include <cmath>

BearerAuthenticator::BearerAuthenticator(std::shared_ptr<KeySource> keys, BearerPolicy policy)
    : m_keys(std::move(keys))
    , m_policy(std::move(policy))
    , m_cache(m_policy.cacheCapacity)
{
    m_options.allowedAlgorithms = m_policy.algorithms;
    m_options.claims.issuers = {m_policy.issuer};
    m_options.claims.audiences = m_policy.audiences;
    m_options.claims.leewaySeconds = m_policy.leewaySeconds;
    m_options.claims.clock = m_policy.clock;
    m_options.claims.describePassed = m_policy.describeSteps;
    // iss and aud are compared above. RFC 9068 §2.2 makes exp mandatory for access tokens (a token without it
    // never expires); the quickstart middleware accepts tokens without exp, which requireExp = false imitates.
    m_options.claims.requiredClaims = {QStringLiteral("iss"), QStringLiteral("aud")};
    if (m_policy.requireExp) {
        m_options.claims.requiredClaims.append(QStringLiteral("exp"));
    }
    // A token issued in the future (beyond the leeway) is forged or from a misconfigured issuer (RFC 9068 §2.2 iat).
    m_options.claims.rejectFutureIat = true;
    // RFC 9068 §2.1 types access tokens at+jwt; many issuers write JWT or nothing. A DPoP proof (dpop+jwt, RFC 9449
    // §4.2) or any other typed JWT is not an access token (RFC 8725 §3.11, §3.12).
    m_options.claims.allowedTypes = {QStringLiteral("at+jwt"), QStringLiteral("JWT")};
}

std::shared_ptr<const JwtVerifier> BearerAuthenticator::verifierFor(const KeySnapshot& snapshot) const
{
    QMutexLocker locker(&m_verifierMutex);
    if (!m_verifier || m_verifierGeneration != snapshot.generation) {
        m_verifier = std::make_shared<const JwtVerifier>(snapshot.jwks ? *snapshot.jwks : Jwks(), m_options);
        m_verifierGeneration = snapshot.generation;
    }
    return m_verifier;
}

QString BearerAuthenticator::redactedPreview(QByteArrayView token)
{
    // Built with QStringBuilder (one allocation): this runs on every request, and arg() formatting was 7 % of a
    // cached /api/private request's instructions (docs/PERFORMANCE.md).
    const qsizetype shown = std::min<qsizetype>(12, token.size() / 4);
    return QString::fromLatin1(token.first(shown)) + u"…(" + QString::number(token.size()) + u" bytes)";
}

BearerOutcome BearerAuthenticator::fail(int status, const QString& code, const QString& description) const
{
    BearerOutcome o;
    o.status = status;
    o.code = code;
    o.description = description;
    return o;
}

BearerOutcome BearerAuthenticator::mapEngineError(const Error& error)
{
    BearerOutcome o;
    o.status = 401;
    o.engineError = error;
    o.description = error.message;
    switch (error.code) {
    case ErrorCode::JwtExpired:
        o.code = QStringLiteral("token_expired");
        break;
    case ErrorCode::JwtClaimValidationFailed:
    case ErrorCode::JwtNotYetValid:
        o.code = QStringLiteral("invalid_claims");
        break;
    default:
        // Structure, header, crit, algorithm, key selection, key fitness, signature, payload.
        o.code = QStringLiteral("invalid_header");
        break;
    }
    return o;
}

BearerOutcome BearerAuthenticator::checkScope(const QJsonObject& claims, const QString& requiredScope) const
{
    BearerOutcome ok;
    ok.authorized = true;
    ok.claims = claims;
    if (requiredScope.isEmpty()) {
        return ok;
    }
    QStringList granted;
    const QJsonValue scope = claims.value(QStringLiteral("scope"));
    const QJsonValue scp = claims.value(QStringLiteral("scp"));
    if (scope.isString()) {
        granted = scope.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts); // RFC 8693 §4.2
    } else if (scp.isString()) {
        granted = scp.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    } else if (scp.isArray()) {
        for (const QJsonValue& v : scp.toArray()) {
            granted.append(v.toString());
        }
    }
    if (!granted.contains(requiredScope)) {
        BearerOutcome o = fail(403, QStringLiteral("insufficient_scope"),
                               QStringLiteral("Insufficient scope: %1 is required").arg(requiredScope));
        o.claims = claims;
        return o;
    }
    return ok;
}

BearerOutcome BearerAuthenticator::checkToken(const HttpRequest& request, const QByteArray& token, bool dpopScheme,
                                              const QJsonObject& claims, const QString& requiredScope) const
{
    if (m_policy.isRevoked && m_policy.isRevoked(claims)) {
        return fail(401, QStringLiteral("invalid_token"), QStringLiteral("The token was revoked"));
    }
    const QString jkt = claims.value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")).toString();
    if (dpopScheme) {
        // RFC 9449 §7.1: the proof (with ath of this token) and the key the token is bound to.
        const DpopVerifier::Outcome proof = m_policy.dpop->check(request, token);
        if (!proof.present) {
            return fail(401, QStringLiteral("invalid_dpop_proof"), QStringLiteral("A DPoP proof is required"));
        }
        if (proof.useNonce) {
            return fail(401, QStringLiteral("use_dpop_nonce"), proof.error->message); // §9
        }
        if (proof.error) {
            return fail(401, QStringLiteral("invalid_dpop_proof"), proof.error->message);
        }
        if (jkt.isEmpty()) {
            return fail(401, QStringLiteral("invalid_token"), QStringLiteral("The token is not DPoP-bound"));
        }
        if (proof.info->jkt != jkt) {
            return fail(401, QStringLiteral("invalid_dpop_proof"),
                        QStringLiteral("The DPoP proof's key is not the one the token is bound to"));
        }
    } else if (!jkt.isEmpty()) {
        // RFC 9449 §7.2: a DPoP-bound token presented as a bearer token is refused.
        return fail(401, QStringLiteral("invalid_token"),
                    QStringLiteral("A DPoP-bound token must be sent with Authorization: DPoP and a proof"));
    }
    return checkScope(claims, requiredScope);
}

BearerOutcome BearerAuthenticator::authenticate(const HttpRequest& request, const QString& requiredScope,
                                                RequestContext& context) const
{
    BearerOutcome outcome;
    const QList<QByteArray> values = request.headerValues("Authorization");
    if (values.isEmpty()) {
        outcome = fail(401, QStringLiteral("authorization_header_missing"),
                       QStringLiteral("Authorization header is expected"));
    } else if (values.size() > 1) {
        outcome = fail(401, QStringLiteral("invalid_header"), QStringLiteral("More than one Authorization header"));
    } else {
        // credentials = auth-scheme [ 1*SP token68 ] (RFC 9110 §11.4); the scheme is case-insensitive.
        const QList<QByteArray> parts = values.first().split(' ');
        QList<QByteArray> nonEmpty;
        for (const QByteArray& p : parts) {
            if (!p.isEmpty()) {
                nonEmpty.append(p);
            }
        }
        const bool dpopEnabled = m_policy.dpop && m_policy.dpop->mode() != DpopMode::Off;
        const bool dpopScheme =
            !nonEmpty.isEmpty() && dpopEnabled && nonEmpty.first().compare("dpop", Qt::CaseInsensitive) == 0;
        if (nonEmpty.isEmpty() || (!dpopScheme && nonEmpty.first().compare("bearer", Qt::CaseInsensitive) != 0)) {
            outcome = fail(401, QStringLiteral("invalid_header"),
                           dpopEnabled ? QStringLiteral("Authorization header must start with \"Bearer\" or \"DPoP\"")
                                       : QStringLiteral("Authorization header must start with \"Bearer\""));
        } else if (!dpopScheme && dpopEnabled && m_policy.dpop->mode() == DpopMode::Required) {
            outcome = fail(401, QStringLiteral("invalid_token"),
                           QStringLiteral("This API requires DPoP-bound tokens (Authorization: DPoP)"));
        } else if (nonEmpty.size() == 1) {
            outcome = fail(401, QStringLiteral("invalid_header"), QStringLiteral("Token not found"));
        } else if (nonEmpty.size() > 2) {
            outcome = fail(401, QStringLiteral("invalid_header"),
                           QStringLiteral("Authorization header must be \"Bearer <token>\""));
        } else {
            const QByteArray& token = nonEmpty.at(1);
            context.tokenPreview = redactedPreview(token);
            if (m_policy.keepTokenDetails) {
                context.token = token;
            }
            const Clock& clock = m_policy.clock ? *m_policy.clock : SystemClock::instance();
            KeySnapshot snapshot = m_keys->current();
            TokenCache::Entry cached;
            const TokenCache::Lookup lookup =
                m_cache.lookup(token, snapshot.generation, clock.nowSeconds(), m_policy.leewaySeconds, &cached);
            if (lookup == TokenCache::Lookup::Hit) {
                context.cacheHit = true;
                context.steps = cached.result->steps;
                if (m_policy.keepTokenDetails) {
                    // The cache keeps the verdict, not the texts: a repeated token is decoded again for the log.
                    const CompactToken parsed = CompactToken::parse(token);
                    context.tokenHeaderJson = parsed.headerText;
                    context.tokenPayloadJson = parsed.payload;
                }
                outcome = checkToken(request, token, dpopScheme, cached.result->claims, requiredScope);
            } else {
                std::shared_ptr<const JwtVerifier> verifier = verifierFor(snapshot);
                const CompactToken parsed = CompactToken::parse(token);
                VerificationResult result = verifier->verify(parsed);
                if (!result.valid && result.error && result.error->code == ErrorCode::JwksNoMatchingKey &&
                    parsed.hasKid() && m_keys->refreshForUnknownKid(parsed.kid())) {
                    // Key rotation: the issuer may have published a new key since we fetched.
                    snapshot = m_keys->current();
                    verifier = verifierFor(snapshot);
                    result = verifier->verify(parsed);
                }
                if (m_policy.keepTokenDetails) {
                    context.tokenHeaderJson = parsed.headerText;
                    context.tokenPayloadJson = parsed.payload;
                }
                context.steps = result.steps;
                if (result.valid) {
                    TokenCache::Entry entry;
                    entry.generation = snapshot.generation;
                    const QJsonValue exp = result.claims.value(QStringLiteral("exp"));
                    if (exp.isDouble()) {
                        entry.exp = static_cast<qint64>(std::floor(exp.toDouble()));
                    }
                    entry.result = std::make_shared<const VerificationResult>(result);
                    m_cache.insert(token, std::move(entry));
                    outcome = checkToken(request, token, dpopScheme, result.claims, requiredScope);
                } else {
                    outcome = mapEngineError(result.error.value_or(
                        Error(ErrorCode::JwsInvalid, QStringLiteral("Token verification failed"))));
                }
            }
            if (outcome.authorized || outcome.status == 403) {
                context.subject = outcome.claims.value(QStringLiteral("sub")).toString();
            }
        }
        outcome.dpopScheme = dpopScheme;
    }
    if (!outcome.authorized) {
        context.errorCode = outcome.code;
        context.errorDescription = outcome.description;
    }
    return outcome;
}

namespace {
// RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E — no quote, no backslash, ASCII only.
QByteArray quotedDescription(const QString& text)
{
    QByteArray out;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7e) {
            continue;
        }
        out += (u == '"' || u == '\\') ? '\'' : static_cast<char>(u);
    }
    return out;
}
} // namespace

HttpResponse BearerAuthenticator::errorResponse(const BearerOutcome& outcome, const QString& requiredScope) const
{
    HttpResponse response = HttpResponse::jsonError(outcome.status, outcome.code, outcome.description);
    const bool dpopEnabled = m_policy.dpop && m_policy.dpop->mode() != DpopMode::Off;
    // RFC 9449 §7.1: the DPoP challenge names the accepted algorithms; error is invalid_dpop_proof or RFC 6750's.
    const QByteArray dpopChallenge =
        "DPoP algs=\"" + DpopVerifier::algorithms().join(QLatin1Char(' ')).toLatin1() + '"';
    const bool nonceError = outcome.code == QLatin1String("use_dpop_nonce");
    const bool dpopError = nonceError || outcome.code == QLatin1String("invalid_dpop_proof");
    if (outcome.dpopScheme || dpopError || (dpopEnabled && m_policy.dpop->mode() == DpopMode::Required)) {
        QByteArray challenge = dpopChallenge;
        challenge += nonceError  ? QByteArrayView(", error=\"use_dpop_nonce\"")
                     : dpopError ? QByteArrayView(", error=\"invalid_dpop_proof\"")
                                 : (outcome.status == 403 ? QByteArrayView(", error=\"insufficient_scope\"")
                                                          : QByteArrayView(", error=\"invalid_token\""));
        challenge += ", error_description=\"" + quotedDescription(outcome.description) + '"';
        response.addHeader(QByteArrayLiteral("WWW-Authenticate"), challenge);
        if (nonceError) {
            response.addHeader(QByteArrayLiteral("DPoP-Nonce"), m_policy.dpop->currentNonce().toLatin1()); // §9
        }
        return response;
    }
    QByteArray challenge = "Bearer realm=\"" + quotedDescription(m_policy.realm) + '"';
    // RFC 6750 §3.1 says a request without authentication information SHOULD NOT get an error code. We deviate
    // on purpose: our acceptance spec requires error= and error_description= on every 401/403, and
    // clients written against the quickstart expect an error code on every 401. A missing header is therefore
    // reported as invalid_token with the quickstart's description ("Authorization header is expected").
    const bool scopeError = outcome.status == 403;
    challenge +=
        scopeError ? QByteArrayView(", error=\"insufficient_scope\"") : QByteArrayView(", error=\"invalid_token\"");
    challenge += ", error_description=\"" + quotedDescription(outcome.description) + '"';
    if (scopeError && !requiredScope.isEmpty()) {
        challenge += ", scope=\"" + quotedDescription(requiredScope) + '"'; // RFC 6750 §3
    }
    response.addHeader(QByteArrayLiteral("WWW-Authenticate"), challenge);
    if (dpopEnabled) {
        response.addHeader(QByteArrayLiteral("WWW-Authenticate"), dpopChallenge); // both schemes work (§7.1)
    }
    return response;
}
