// SPDX-License-Identifier: MIT
#include "jose/DpopProof.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "crypto/Digest.h"
#include "crypto/SecureRandom.h"
#include "jose/DpopReplayCache.h"
#include "jose/JwtBuilder.h"
#include "jose/JwtVerifier.h"

#include <QUrl>

#include <cmath>

namespace {

Error dpopClaimError(const QString& claim, const QString& reason, const QString& message)
{
    return Error(ErrorCode::JwtClaimValidationFailed, message, claim, reason);
}

} // namespace

bool DpopProof::hasPrivateMembers(const QJsonObject& jwk)
{
    // RFC 7517 §4 / RFC 7518 §6.2.2, §6.3.2, §6.4: members that only a private or symmetric key has.
    for (const char* name : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
        if (jwk.contains(QLatin1String(name))) {
            return true;
        }
    }
    return false;
}

QStringList DpopValidationOptions::defaultAlgorithms()
{
    return {QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"), QStringLiteral("RS256"),
            QStringLiteral("RS384"), QStringLiteral("RS512"), QStringLiteral("PS256"), QStringLiteral("PS384"),
            QStringLiteral("PS512"), QStringLiteral("EdDSA")};
}

QString DpopProof::accessTokenHash(QByteArrayView accessToken)
{
    return QString::fromLatin1(Base64Url::encode(Digest::hash(HashAlg::Sha256, accessToken)));
}

QString DpopProof::normaliseHtu(const QString& url)
{
    QUrl u(url, QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (!u.isValid() || u.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return {};
    }
    // RFC 9449 §4.3 step 9: compare "without query and fragment parts", after syntax- and scheme-based
    // normalisation (RFC 3986 §6.2.2, §6.2.3): lower-case scheme and host (QUrl does), default port dropped,
    // empty path "/".
    u.setQuery(QString());
    u.setFragment(QString());
    u.setScheme(scheme);
    if ((scheme == QLatin1String("http") && u.port() == 80) || (scheme == QLatin1String("https") && u.port() == 443)) {
        u.setPort(-1);
    }
    if (u.path().isEmpty()) {
        u.setPath(QStringLiteral("/"));
    }
    u.setUserInfo(QString());
    return u.toString(QUrl::FullyEncoded | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

Result<QByteArray> DpopProof::create(const Jwk& privateKey, const DpopProofOptions& options)
{
    if (privateKey.isSymmetric() || !privateKey.isPrivate()) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("a DPoP proof needs an asymmetric private key"));
    }
    QString alg = options.alg;
    if (alg.isEmpty()) {
        const QStringList usable = privateKey.usableAlgorithms();
        if (usable.isEmpty()) {
            return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("the key cannot sign a DPoP proof"));
        }
        alg = usable.first();
    }
    const QString htu = normaliseHtu(options.htu);
    if (options.htm.isEmpty() || htu.isEmpty()) {
        return Error(ErrorCode::Usage, QStringLiteral("a DPoP proof needs an HTTP method and an absolute http(s) URL"));
    }
    QString jti = options.jti;
    if (jti.isEmpty()) {
        const auto random = SecureRandom::bytes(16);
        if (!random) {
            return random.error();
        }
        jti = QString::fromLatin1(Base64Url::encode(random.value()));
    }
    const Clock& clock = options.clock ? *options.clock : SystemClock::instance();
    // RFC 9449 §4.2: typ, alg and the public key as "jwk" in the header; jti, htm, htu, iat (+ ath, nonce).
    // The public JWK without kid/alg/use metadata: only the key itself is bound.
    QJsonObject jwk = privateKey.publicJwk().toJson(false);
    for (const char* meta : {"kid", "alg", "use", "key_ops", "x5c", "x5t", "x5t#S256", "x5u"}) {
        jwk.remove(QLatin1String(meta));
    }
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("dpop+jwt")},
                             {QStringLiteral("alg"), alg},
                             {QStringLiteral("jwk"), jwk}};
    QJsonObject claims{{QStringLiteral("jti"), jti},
                       {QStringLiteral("htm"), options.htm},
                       {QStringLiteral("htu"), htu},
                       {QStringLiteral("iat"), clock.nowSeconds()}};
    if (!options.accessToken.isEmpty()) {
        claims.insert(QStringLiteral("ath"), accessTokenHash(options.accessToken));
    }
    if (!options.nonce.isEmpty()) {
        claims.insert(QStringLiteral("nonce"), options.nonce);
    }
    return JwtBuilder::signCompact(JsonText::compact(header), JsonText::compact(claims), privateKey);
}

Result<DpopProofInfo> DpopProof::validate(QByteArrayView proof, const DpopValidationOptions& options)
{
    // 1. A single well-formed JWS (§4.3 steps 2-3).
    const CompactToken token = CompactToken::parse(proof);
    if (token.kind != CompactToken::Kind::Jws || !token.isStructurallyValid() || !token.headerOk) {
        return Error(ErrorCode::JwsInvalid, QStringLiteral("the DPoP proof is not a compact JWS"));
    }
    // 2. typ (step 4): exactly "dpop+jwt" (media types are case-insensitive, RFC 2045 §5.1).
    if (token.typ().compare(QLatin1String("dpop+jwt"), Qt::CaseInsensitive) != 0) {
        return dpopClaimError(QStringLiteral("typ"), QStringLiteral("check_failed"),
                              QStringLiteral("the DPoP proof's typ must be dpop+jwt"));
    }
    // 3. alg (step 5): asymmetric, never none, on the allowlist.
    const QString alg = token.alg();
    const AlgorithmInfo* algInfo = AlgorithmTable::find(alg);
    if (!algInfo || algInfo->isNone() || algInfo->isSymmetric() || !options.algorithms.contains(alg)) {
        return Error(ErrorCode::AlgNotAllowed, QStringLiteral("DPoP proof algorithm \"%1\" is not allowed").arg(alg));
    }
    // 4. jwk (steps 6-7): a public key.
    const QJsonValue jwkValue = token.header.value(QLatin1String("jwk"));
    if (!jwkValue.isObject()) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("the DPoP proof has no jwk header"), QStringLiteral("jwk"),
                     QStringLiteral("jwk-missing"));
    }
    if (hasPrivateMembers(jwkValue.toObject())) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("the DPoP proof's jwk contains a private key"),
                     QStringLiteral("jwk"), QStringLiteral("jwk-private"));
    }
    const auto jwk = Jwk::fromJson(jwkValue.toObject());
    if (!jwk) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("the DPoP proof's jwk: %1").arg(jwk.error().message),
                     QStringLiteral("jwk"), QStringLiteral("invalid"));
    }
    if (jwk->isSymmetric() || jwk->isPrivate()) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("the DPoP proof's jwk must be a public asymmetric key"),
                     QStringLiteral("jwk"), QStringLiteral("jwk-symmetric"));
    }
    // 5. Signature with the embedded key (step 6), through the shared verification core.
    VerifyOptions verify;
    verify.allowedAlgorithms = {alg};
    verify.signatureOnly = true;
    verify.understoodCrit = {};
    const VerificationResult verified = JwtVerifier(jwk.value(), verify).verify(token);
    if (!verified.valid) {
        return verified.error.value_or(
            Error(ErrorCode::JwsSignatureVerificationFailed, QStringLiteral("DPoP proof signature is invalid")));
    }
    // 6. Claims (step 3).
    const auto claims = token.payloadObject();
    if (!claims) {
        return Error(ErrorCode::JwtInvalid, QStringLiteral("the DPoP proof's payload is not a JSON object"));
    }
    for (const char* name : {"jti", "htm", "htu"}) {
        const QJsonValue v = claims->value(QLatin1String(name));
        if (!v.isString() || v.toString().isEmpty()) {
            return dpopClaimError(QLatin1String(name),
                                  v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("invalid"),
                                  QStringLiteral("the DPoP proof needs a \"%1\" string").arg(QLatin1String(name)));
        }
    }
    const QJsonValue iatValue = claims->value(QLatin1String("iat"));
    if (!iatValue.isDouble() || !std::isfinite(iatValue.toDouble())) {
        return dpopClaimError(QStringLiteral("iat"),
                              iatValue.isUndefined() ? QStringLiteral("missing") : QStringLiteral("invalid"),
                              QStringLiteral("the DPoP proof needs a numeric \"iat\""));
    }
    // 7. htm, htu (steps 8-9).
    if (claims->value(QLatin1String("htm")).toString() != options.htm) {
        return dpopClaimError(QStringLiteral("htm"), QStringLiteral("mismatch"),
                              QStringLiteral("the DPoP proof is for another HTTP method"));
    }
    const QString htu = normaliseHtu(claims->value(QLatin1String("htu")).toString());
    if (htu.isEmpty() || htu != normaliseHtu(options.htu)) {
        return dpopClaimError(QStringLiteral("htu"), QStringLiteral("mismatch"),
                              QStringLiteral("the DPoP proof is for another URL"));
    }
    // 8. iat window (step 11).
    const Clock& clock = options.clock ? *options.clock : SystemClock::instance();
    const qint64 now = clock.nowSeconds();
    const auto iat = static_cast<qint64>(std::floor(iatValue.toDouble()));
    if (iat > now + options.leewaySeconds) {
        return dpopClaimError(QStringLiteral("iat"), QStringLiteral("in-the-future"),
                              QStringLiteral("the DPoP proof was issued in the future"));
    }
    if (iat < now - options.maxAgeSeconds) {
        return dpopClaimError(QStringLiteral("iat"), QStringLiteral("too-old"),
                              QStringLiteral("the DPoP proof is too old"));
    }
    // 9. ath (step 12).
    if (!options.accessToken.isEmpty()) {
        const QJsonValue ath = claims->value(QLatin1String("ath"));
        if (!ath.isString()) {
            return dpopClaimError(QStringLiteral("ath"), QStringLiteral("missing"),
                                  QStringLiteral("the DPoP proof has no \"ath\" for the access token"));
        }
        if (ath.toString() != accessTokenHash(options.accessToken)) {
            return dpopClaimError(QStringLiteral("ath"), QStringLiteral("mismatch"),
                                  QStringLiteral("the DPoP proof's \"ath\" is not the access token's hash"));
        }
    }
    // 10. nonce (step 10).
    if (!options.nonce.isEmpty()) {
        const QJsonValue nonce = claims->value(QLatin1String("nonce"));
        if (!nonce.isString()) {
            return dpopClaimError(QStringLiteral("nonce"), QStringLiteral("missing"),
                                  QStringLiteral("the server requires a DPoP nonce"));
        }
        if (nonce.toString() != options.nonce) {
            return dpopClaimError(QStringLiteral("nonce"), QStringLiteral("mismatch"),
                                  QStringLiteral("the DPoP proof's nonce is not the server's"));
        }
    }
    DpopProofInfo info;
    info.publicKey = jwk.value();
    info.jkt = jwk->thumbprint();
    info.alg = alg;
    info.jti = claims->value(QLatin1String("jti")).toString();
    info.iat = iat;
    info.claims = claims.value();
    // 11. jti replay (§11.1), last: only a proof that passed everything else occupies the cache.
    if (options.replayCache &&
        !options.replayCache->remember(info.jkt + QLatin1Char('|') + info.jti, iat + options.maxAgeSeconds + 1, now)) {
        return dpopClaimError(QStringLiteral("jti"), QStringLiteral("replayed"),
                              QStringLiteral("the DPoP proof was already used"));
    }
    return info;
}
