// SPDX-License-Identifier: MIT
#pragma once

#include "jose/VerificationStep.h"

#include <QByteArray>
#include <QList>
#include <QString>

class Clock;

/// What the Token workbench knows about the request a DPoP proof came with; every field may be empty (then the
/// check that needs it is skipped, not failed).
struct DpopCheckOptions
{
    QString htm;                  // the request's method
    QString htu;                  // the request's URL (query and fragment are ignored, RFC 9449 §4.3 item 9)
    QByteArray accessToken;       // the access token sent with the proof: ath (§4.3 item 12) and cnf.jkt (§6.1)
    QString nonce;                // the DPoP-Nonce the server gave (§4.3 item 10)
    qint64 maxAgeSeconds = 300;   // iat may be this far in the past (§11.1)
    qint64 leewaySeconds = 5;     // and this far in the future
    const Clock* clock = nullptr; // null = SystemClock
};

/// One row of the DPoP checklist.
struct DpopCheckRow
{
    QString id;      // stable: "dpop-jwt", "typ", "alg", "jwk", "signature", "claims", "htm", "htu", "iat", "jti",
                     // "ath", "nonce", "binding"; for an access token: "cnf"
    QString title;   // short technical English
    QString section; // where the rule is: "RFC 9449 §4.3 (4)"
    VerificationStep::Status status = VerificationStep::Status::Skipped;
    QString message; // what was found; token text escaped (never raw control characters)
};

/// A DPoP proof (or an access token's binding) explained for the Token workbench, every RFC 9449 §4.3 check on a
/// row of its own with its section. Unlike DpopProof::validate(), which a server runs and which stops at the first
/// failure, every check that can run does run, so a user sees all that is wrong with a proof at once. The jti replay
/// check (§11.1) needs a server's memory: it is an Info row here. Rows come in the order DpopProof::validate() checks.
struct DpopCheckReport
{
    bool isProof = false;    // the header says typ dpop+jwt
    bool proofValid = false; // no proof row failed
    QList<DpopCheckRow> proofRows;
    QString proofJkt;              // RFC 7638 SHA-256 thumbprint of the proof's jwk, when it has a usable one
    QString tokenJkt;              // the access token's cnf.jkt (§6.1), when it has one
    QList<DpopCheckRow> tokenRows; // the access token's binding

    bool hasFailure() const;
};

class DpopCheck
{
public:
    /// The header of `token` says typ dpop+jwt (case-insensitive, RFC 2045 §5.1). Cheap: the header only.
    static bool isProof(QByteArrayView token);
    /// The cnf.jkt of a JWT access token (RFC 9449 §6.1); empty when it has none or is not a JWT.
    static QString boundThumbprint(QByteArrayView accessToken);
    /// Checks `proof` (may be empty: then only the access token's binding is explained) with what `options` knows.
    static DpopCheckReport check(QByteArrayView proof, const DpopCheckOptions& options);
};
