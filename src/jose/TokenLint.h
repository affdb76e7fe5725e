// SPDX-License-Identifier: MIT
#pragma once

#include "jose/CompactToken.h"
#include "jose/LintFinding.h"

class Clock;

/// Security findings for a decoded token, returned with every decode (no key needed). Codes:
/// alg-none, hmac-secret-short, hmac-secret-weak (needs the secret), exp-missing, lifetime-long (> 24 h),
/// iat-future, header-jku, header-x5u, header-jwk, header-x5c, kid-metacharacters, crit-present, b64-false,
/// duplicate-members, base64-noncanonical, nested-jwt, jwe, alg-unknown, expired, not-yet-valid.
class TokenLint
{
public:
    static LintFindings lint(const CompactToken& token, const Clock* clock = nullptr);
    /// Checks an HMAC secret: shorter than the hash of `alg`, or in the built-in list of common weak secrets.
    static LintFindings lintSecret(const QByteArray& secret, const QString& alg);
    /// Does this token's HS* MAC verify with a well-known weak secret? Returns the secret found.
    static std::optional<QByteArray> findWeakSecret(const CompactToken& token);
};
