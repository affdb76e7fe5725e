// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

/// What a correct API does with a mutated token (issue 13): `Must` reject (an RFC MUST or a known CVE: accepting it
/// is a vulnerability), `Should` reject (best practice: accepting it is a weakness), `Info` (no fixed expectation:
/// the answer is recorded) or `Accept` (a correct API accepts it).
enum class MutationSeverity
{
    Must,
    Should,
    Info,
    Accept
};

/// How the probe runner puts the token on the request.
enum class TokenPlacement
{
    BearerHeader,           // "Authorization: Bearer <token>" (RFC 6750 §2.1)
    LowercaseBearerScheme,  // "Authorization: bearer <token>" (RFC 9110 §11.1: scheme names are case-insensitive)
    QueryParameter,         // "?access_token=<token>" (RFC 6750 §2.3)
    FormBody,               // "access_token=<token>" in an application/x-www-form-urlencoded body (RFC 6750 §2.2)
    TwoAuthorizationHeaders // two Authorization header fields (RFC 9110 §5.3: not a list-valued field)
};

/// One row of the token probe's mutation catalogue (pure data).
struct MutationInfo
{
    QString id;          // stable: "alg-none", "sig-stripped", "bearer-lowercase-scheme", ...
    QString description; // one line: what is changed
    MutationSeverity severity = MutationSeverity::Must;
    QString reference;            // "RFC 8725 §3.1", "CVE-2015-9235 / CVE-2016-10555", "RFC 9068 §2.2" ...
    QString reason;               // why a correct API must/should reject (or accept) it
    bool needsSigningKey = false; // re-signed with the user's real key, else skipped ("needs signing key")
    bool needsPublicKey = false;  // alg-hs-with-public-key: needs the issuer's public key
    bool needsNetwork = false;    // jku-attacker, x5u-attacker: the runner serves the attacker's JWKS/certificate
    TokenPlacement placement = TokenPlacement::BearerHeader; // where the runner puts this row's token
    bool hasVariants = false; // mutate() yields several tokens (alg-none-case, alg-hs-with-public-key, kid-injection)
};

/// "must", "should", "info", "accept".
QString severityName(MutationSeverity severity);
/// Inverse of severityName(); nullopt for anything else.
std::optional<MutationSeverity> severityFromName(const QString& name);
/// "bearer-header", "lowercase-bearer-scheme", "query-parameter", "form-body", "two-authorization-headers".
QString placementName(TokenPlacement placement);
