// SPDX-License-Identifier: MIT
#include "jose/JwtVerifier.h"

#include "core/Base64Url.h"
#include "core/DisplayText.h"
#include "crypto/Hmac.h"
#include "crypto/Signer.h"
#include "jose/ClaimsValidator.h"
#include "jose/HeaderParameters.h"
#include "jose/StepRecorder.h"

#include <QJsonArray>

namespace {
using Status = VerificationStep::Status;

// The fixed pipeline order; claim steps follow "payload" (see ClaimsValidator). QStringLiteral data is static, so
// copying these names into every result allocates nothing and touches no shared reference count.
const StepRecorder::Step kPipeline[] = {
    {QStringLiteral("parts"), QStringLiteral("Structure (3 parts, base64url)")},
    {QStringLiteral("header"), QStringLiteral("Header JSON")},
    {QStringLiteral("crit"), QStringLiteral("Critical headers (crit)")},
    {QStringLiteral("alg"), QStringLiteral("Algorithm allowed")},
    {QStringLiteral("key"), QStringLiteral("Key selection")},
    {QStringLiteral("key-fits-alg"), QStringLiteral("Key fits algorithm")},
    {QStringLiteral("signature"), QStringLiteral("Signature")},
    {QStringLiteral("payload"), QStringLiteral("Payload is a JSON object")},
};
constexpr int kPipelineSize = int(std::size(kPipeline));

// The verifier's steps; a failure also marks the claim steps (one "Claims" line) as not reached.
class Run
{
public:
    explicit Run(VerificationResult& r)
        : m_r(r)
        , m_steps(r.steps, kPipeline)
    {
    }
    void pass(int index, const QString& message = QString()) { m_steps.pass(index, message); }
    void skip(int index, const QString& message) { m_steps.skip(index, message); }
    VerificationResult& fail(int index, ErrorCode code, const QString& message)
    {
        m_r.error = m_steps.fail(index, Error(code, message));
        m_r.steps.append(VerificationStep{QStringLiteral("claims"), QStringLiteral("Claims"), Status::Skipped,
                                          ErrorCode::None, QStringLiteral("not reached"), QString(), QString()});
        m_r.valid = false;
        return m_r;
    }

private:
    VerificationResult& m_r;
    StepRecorder m_steps;
};

QStringList defaultAlgorithms(const Jwks& keys)
{
    QStringList out;
    for (const auto& k : keys.keys()) {
        for (const auto& a : k.usableAlgorithms()) {
            if (!out.contains(a)) {
                out.append(a);
            }
        }
    }
    return out;
}
} // namespace

JwtVerifier::JwtVerifier(Jwks keys, VerifyOptions options)
    : m_keys(std::move(keys))
    , m_options(std::move(options))
{
    m_allowed = m_options.allowedAlgorithms.isEmpty() ? defaultAlgorithms(m_keys) : m_options.allowedAlgorithms;
    // The set's policy does not change per token: check it once.
    if (auto usable = m_keys.checkUsableForVerification(); !usable) {
        m_setProblem = usable.error();
    }
    // RFC 8725 §3.1 / §2.1: "none" is never acceptable, whatever the caller passes.
    m_allowed.removeAll(QStringLiteral("none"));
}

JwtVerifier::JwtVerifier(const Jwk& key, VerifyOptions options)
    : JwtVerifier(Jwks(QList<Jwk>{key}), std::move(options))
{
    m_singleKey = true;
}

VerificationResult JwtVerifier::verify(QByteArrayView token) const
{
    return verify(CompactToken::parse(token));
}

VerificationResult JwtVerifier::verify(const CompactToken& t) const
{
    VerificationResult r;
    r.steps.reserve(kPipelineSize + 10);
    Run run(r);

    // 1. Structure (RFC 7515 §7.1, §5.2 steps 1-2).
    if (t.kind == CompactToken::Kind::Jwe) {
        return run.fail(0, ErrorCode::JweNotSupported,
                        QStringLiteral("this is a JWE (5 parts): encrypted tokens cannot be verified as a JWS"));
    }
    if (t.error && t.error->code == ErrorCode::InputTooLarge) {
        return run.fail(0, ErrorCode::InputTooLarge, t.error->message);
    }
    if (t.segments.size() != 3) {
        return run.fail(0, ErrorCode::JwsInvalid, t.error ? t.error->message : QStringLiteral("not 3 parts"));
    }
    for (int i = 0; i < 3; ++i) {
        if (!t.segments[i].decodedOk) {
            return run.fail(0, ErrorCode::JwsInvalid, t.error ? t.error->message : QStringLiteral("bad segment"));
        }
    }
    run.pass(0, m_options.claims.describePassed ? QStringLiteral("3 base64url parts") : QString());

    // 2. Header: a JSON object without duplicate names (RFC 7515 §5.2 step 4; RFC 7515 §4: MUST reject or take
    // the last — rejecting removes any disagreement between parsers).
    if (!t.headerOk) {
        return run.fail(1, ErrorCode::JwsInvalid,
                        t.error ? t.error->message : QStringLiteral("header is not a JSON object"));
    }
    if (!t.headerDuplicates.isEmpty()) {
        return run.fail(1, ErrorCode::JwsInvalid,
                        QStringLiteral("header has duplicate member \"%1\"").arg(t.headerDuplicates.first()));
    }
    if (t.error) {
        return run.fail(1, ErrorCode::JwsInvalid, t.error->message);
    }
    run.pass(1);

    // 3. crit (RFC 7515 §4.1.11) and b64 (RFC 7797 §6).
    const QJsonObject& header = t.header;
    bool b64Critical = false;
    if (header.contains(QLatin1String("crit"))) {
        const QJsonValue crit = header.value(QLatin1String("crit"));
        if (!crit.isArray() || crit.toArray().isEmpty()) {
            return run.fail(2, ErrorCode::JwsInvalid, QStringLiteral("\"crit\" must be a non-empty array of names"));
        }
        for (const auto& v : crit.toArray()) {
            if (!v.isString()) {
                return run.fail(2, ErrorCode::JwsInvalid, QStringLiteral("\"crit\" must contain only strings"));
            }
            const QString name = v.toString();
            if (HeaderParameters::isRegistered(name)) {
                return run.fail(2, ErrorCode::JwsInvalid,
                                QStringLiteral("\"crit\" must not list the registered header \"%1\"").arg(name));
            }
            if (!m_options.understoodCrit.contains(name)) {
                return run.fail(
                    2, ErrorCode::CritUnsupported,
                    QStringLiteral("extension header \"%1\" is marked critical but not understood").arg(name));
            }
            if (!header.contains(name)) {
                return run.fail(2, ErrorCode::JwsInvalid,
                                QStringLiteral("\"crit\" lists \"%1\" but the header lacks it").arg(name));
            }
            b64Critical = b64Critical || name == QLatin1String("b64");
        }
        run.pass(2, QStringLiteral("understood: %1").arg(crit.toVariant().toStringList().join(QLatin1String(", "))));
    } else {
        run.pass(2, m_options.claims.describePassed ? QStringLiteral("no crit header") : QString());
    }
    if (!t.b64 && !b64Critical) {
        // RFC 7797 §6: "b64" MUST be listed in "crit" so that unaware verifiers reject the token.
        r.steps.removeLast();
        return run.fail(2, ErrorCode::JwsInvalid,
                        QStringLiteral("\"b64\": false is not listed in \"crit\" (RFC 7797 §6)"));
    }

    // 4. Algorithm: present, a string, in the allowlist, never none (RFC 8725 §3.1).
    const QJsonValue algValue = header.value(QLatin1String("alg"));
    if (!algValue.isString()) {
        return run.fail(3, ErrorCode::JwsInvalid, QStringLiteral("\"alg\" header is missing or not a string"));
    }
    const QString algName = algValue.toString();
    const AlgorithmInfo* alg = AlgorithmTable::find(algName);
    if (algName.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        return run.fail(3, ErrorCode::AlgNotAllowed,
                        QStringLiteral("\"alg\": \"%1\" is an unsecured token; it is never accepted").arg(algName));
    }
    if (!alg || !m_allowed.contains(algName)) {
        return run.fail(
            3, ErrorCode::AlgNotAllowed,
            QStringLiteral("\"alg\" (Algorithm) Header Parameter value \"%1\" not allowed; allowed: %2")
                .arg(algName, m_allowed.isEmpty() ? QStringLiteral("(none)") : m_allowed.join(QLatin1String(", "))));
    }
    const bool describe = m_options.claims.describePassed;
    run.pass(3, describe ? QStringLiteral("%1 is allowed").arg(algName) : QString());

    // 5. Key selection. The token's jku/x5u/jwk/x5c headers are never used (RFC 8725 §3.10).
    const QJsonValue kidValue = header.value(QLatin1String("kid"));
    if (!kidValue.isUndefined() && !kidValue.isString()) {
        return run.fail(4, ErrorCode::JwsInvalid, QStringLiteral("\"kid\" header must be a string"));
    }
    if (m_keys.isEmpty()) {
        return run.fail(4, ErrorCode::JwksNoMatchingKey, QStringLiteral("no key to verify with"));
    }
    // A reference, not a copy: copying a Jwk bumps shared reference counts that every verifying thread would fight
    // over.
    const Jwk* keyPointer = nullptr;
    if (m_singleKey) {
        keyPointer = &m_keys.keys().first();
        r.keyIndex = 0;
        run.pass(4, describe ? QStringLiteral("using the given key (%1)").arg(StepRecorder::describeKey(*keyPointer))
                             : QString());
    } else {
        if (m_setProblem) {
            return run.fail(4, m_setProblem->code, m_setProblem->message);
        }
        const KeySelector selector{algName, kidValue.toString(), kidValue.isString()};
        const QList<int> found = m_keys.candidates(selector);
        if (found.size() != 1) {
            const auto selected = m_keys.select(selector); // for its error (none, or several)
            return run.fail(4, selected.error().code, selected.error().message);
        }
        r.keyIndex = found.first();
        keyPointer = &m_keys.keys().at(r.keyIndex);
        run.pass(4, describe ? QStringLiteral("selected %1").arg(StepRecorder::describeKey(*keyPointer)) : QString());
    }
    const Jwk& key = *keyPointer;
    if (describe) {
        r.keyDescription = StepRecorder::describeKey(key);
    }

    // 6. The key fits the algorithm (kty/crv/alg/use/key_ops, strength).
    if (auto fits = key.checkUsableFor(*alg); !fits) {
        return run.fail(5, fits.error().code, fits.error().message);
    }
    if (alg->family == AlgorithmInfo::Family::EdDsa && !(key.curve() && curveIsOkp(*key.curve()))) {
        return run.fail(5, ErrorCode::KeyAlgMismatch, QStringLiteral("EdDSA needs an Ed25519 or Ed448 key"));
    }
    run.pass(5, m_options.claims.describePassed
                    ? QStringLiteral("%1 fits %2").arg(StepRecorder::describeKey(key), algName)
                    : QString());

    // 7. Signature over the exact received text (RFC 7515 §5.2 step 8).
    QByteArray detachedInput;
    const QByteArray* signingInput = nullptr;
    QByteArray received;
    if (t.segments[1].text.isEmpty() && m_options.detachedPayload) {
        // RFC 7515 Appendix F / RFC 7797: the payload travels out of band.
        detachedInput =
            QByteArray(t.segments[0].text + '.' +
                       (t.b64 ? Base64Url::encode(*m_options.detachedPayload) : *m_options.detachedPayload));
        signingInput = &detachedInput;
    } else {
        received = t.signingInput();
        signingInput = &received;
    }
    bool signatureOk = false;
    if (alg->isSymmetric()) {
        signatureOk = Hmac::verify(alg->hash, key.secret(), *signingInput, t.signature);
    } else {
        signatureOk = Signer::verify(key.asymmetricKey(), alg->scheme(), *signingInput, t.signature);
    }
    if (!signatureOk) {
        return run.fail(6, ErrorCode::JwsSignatureVerificationFailed, QStringLiteral("signature verification failed"));
    }
    run.pass(6, m_options.claims.describePassed ? QStringLiteral("valid %1 signature").arg(algName) : QString());

    // 8. Payload and claims (RFC 7519 §7.2 step 10).
    if (m_options.signatureOnly) {
        run.skip(7, QStringLiteral("signature-only verification: the payload is not interpreted"));
        r.valid = true;
        return r;
    }
    const QByteArray& payloadBytes =
        (t.segments[1].text.isEmpty() && m_options.detachedPayload) ? *m_options.detachedPayload : t.payload;
    JsonAnalysis analysis;
    auto claims = JsonText::parseObject(payloadBytes, false, JsonText::kDefaultMaxDepth, &analysis);
    if (!claims) {
        return run.fail(
            7, ErrorCode::JwtInvalid,
            QStringLiteral("JWT Claims Set must be a top-level JSON object: %1").arg(claims.error().message));
    }
    if (!analysis.duplicateKeys.isEmpty()) {
        return run.fail(7, ErrorCode::JwtInvalid,
                        QStringLiteral("claims have duplicate member \"%1\"").arg(analysis.duplicateKeys.first()));
    }
    run.pass(7);

    const VerificationSteps claimSteps = ClaimsValidator::validate(header, claims.value(), m_options.claims);
    r.steps.append(claimSteps);
    for (const auto& s : claimSteps) {
        if (s.status == Status::Failed) {
            r.error = Error(s.code, s.message, s.claim, s.reason);
            r.valid = false;
            return r;
        }
    }
    r.valid = true;
    r.claims = claims.value();
    return r;
}
