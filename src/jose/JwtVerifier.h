// SPDX-License-Identifier: MIT
#pragma once

#include "jose/ClaimsPolicy.h"
#include "jose/CompactToken.h"
#include "jose/Jwks.h"
#include "jose/VerificationStep.h"

/// Verification policy.
struct VerifyOptions
{
    /// Algorithms accepted. Empty = the key's "alg", or what its kty/crv supports. "none" is never accepted.
    QStringList allowedAlgorithms;
    ClaimsPolicy claims;
    /// JWS only: do not require a JSON payload and do not check claims.
    bool signatureOnly = false;
    /// RFC 7797 detached / unencoded payload supplied out of band.
    std::optional<QByteArray> detachedPayload;
    /// crit extensions this verifier understands (RFC 7515 §4.1.11); "b64" (RFC 7797) is the only one.
    QStringList understoodCrit = {QStringLiteral("b64")};
};

/// The outcome: `valid` only when every step passed. `claims` is filled only when valid (never return the
/// claims of a token that failed).
struct VerificationResult
{
    bool valid = false;
    VerificationSteps steps;
    std::optional<Error> error; // the first failure
    QJsonObject claims;
    int keyIndex = -1;      // index of the key in the set that verified (or failed) the signature
    QString keyDescription; // "RSA 2048 kid=abc"
};

/// The one verification core shared by the CLI, the mock server and the GUI, in the fixed order:
/// 3 parts → header JSON → crit → alg in allowlist (never none) → key selection (kid/kty/alg/use/key_ops/crv)
/// → key fits alg → signature → payload is a JSON object → claims (see ClaimsValidator).
/// Steps after a failure in the pipeline are reported as Skipped. The token's jku/x5u/jwk/x5c headers are
/// never used to find a key. const and thread-safe: one verifier can serve many threads.
class JwtVerifier
{
public:
    JwtVerifier(Jwks keys, VerifyOptions options);
    /// Convenience: a single key (still selected by the same rules, so a kid mismatch is reported).
    JwtVerifier(const Jwk& key, VerifyOptions options);

    VerificationResult verify(QByteArrayView token) const;
    VerificationResult verify(const CompactToken& token) const;

    const Jwks& keys() const { return m_keys; }
    const VerifyOptions& options() const { return m_options; }
    /// The effective allowlist (after defaulting from the keys).
    QStringList allowedAlgorithms() const { return m_allowed; }

private:
    Jwks m_keys;
    VerifyOptions m_options;
    QStringList m_allowed;
    bool m_singleKey = false;          // a key given directly: no kid matching, only kty/alg/use/key_ops checks
    std::optional<Error> m_setProblem; // mixed or duplicate-kid set: every verification fails at key selection
};
