// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <optional>

class Clock;

/// What the relying party expects of the claims (RFC 7519 §4.1, RFC 8725 §3.8–3.11).
struct ClaimsPolicy
{
    QString typ;                         // expected "typ" header (compared case-insensitively, "application/" optional)
    QStringList allowedTypes;            // when typ is empty: a present "typ" must be one of these (same comparison);
                                         // an absent one passes. Keeps a DPoP proof (typ dpop+jwt, RFC 9449 §4.2)
                                         // from passing as an access token (RFC 8725 §3.11, §3.12)
    QStringList requiredClaims;          // must be present
    QStringList issuers;                 // "iss" must equal one exactly (when non-empty)
    QString subject;                     // "sub" must equal (when non-empty)
    QStringList audiences;               // "aud" (string or array) must contain one of these (when non-empty)
    qint64 leewaySeconds = 0;            // clock tolerance for exp/nbf/iat
    std::optional<qint64> maxAgeSeconds; // iat must be within this age (requires iat)
    bool rejectFutureIat = false;        // iat later than now + leeway fails (a token issued in the future)
    const Clock* clock = nullptr;        // null = SystemClock
    bool describePassed = true;          // false: passed steps carry no message (batch mode skips the formatting)
};
