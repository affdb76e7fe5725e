// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"
#include "jose/VerificationStep.h"
#include "request/HttpClientResponse.h"
#include "request/HttpRequestSpec.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

class Clock;

/// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1; Bearer parameters per RFC 6750 §3).
struct AuthChallenge
{
    QString scheme;                // "Bearer", "Basic", "DPoP", ...
    QMap<QString, QString> params; // lower-cased names: realm, scope, error, error_description, error_uri, ...
    QString token68;               // a challenge may carry a token68 instead of parameters
};

/// Everything the "Why 401/403?" pane knows.
struct DiagnosisInput
{
    int status = 0;
    QString wwwAuthenticate;       // all WWW-Authenticate values joined with ", "
    QByteArray body;               // the response body (JSON {code|error, description|error_description} is read)
    QByteArray sentToken;          // the bearer token that was sent; empty = none
    std::optional<Jwks> keys;      // the issuer's keys when known: then the token is verified
    QString expectedIssuer;        // optional
    QString expectedAudience;      // optional
    QStringList allowedAlgorithms; // optional; defaults to what the keys allow
    QString requiredScope;         // optional; otherwise from the challenge's scope= or the body
    const Clock* clock = nullptr;  // null = SystemClock
};

/// The result: decoded facts, the parsed challenge, verification steps (when keys were given) and the most likely
/// cause with a stable code.
struct Diagnosis
{
    enum class Cause
    {
        NotAnAuthFailure, // status is neither 401 nor 403
        NoTokenSent,
        TokenMalformed,
        Expired,
        NotYetValid,
        AudienceMismatch,
        IssuerMismatch,
        UnknownKid,
        AlgorithmNotAllowed,
        SignatureInvalid,
        MissingScope,
        LooksValid, // the token looks fine: the server disagrees for a reason not visible here
    };
    struct Finding
    {
        Cause cause;
        QString message;
    };

    int status = 0;
    Cause cause = Cause::LooksValid;
    QString summary;         // one sentence naming the most likely cause
    QList<Finding> findings; // every problem found, most likely first
    QList<AuthChallenge> challenges;
    QString serverError;            // RFC 6750 §3 error= or body "error"/"code"
    QString serverErrorDescription; // error_description= or body "error_description"/"description"/"message"
    QStringList tokenFacts;         // "alg: RS256", "exp: ... (expired 2 h ago)", ...
    bool verified = false;          // keys were given and verification ran
    VerificationSteps steps;
    qint64 expiredBySeconds = 0;    // Expired: now - exp
    bool clockSkewExplains = false; // Expired/NotYetValid within kSkewSeconds
    QString requiredScope;
    QStringList tokenScopes;
    QStringList missingScopes;

    static QString causeCode(Cause cause); // "expired", "audience_mismatch", ...
    QString toText() const;
    QJsonObject toJson() const;
};

/// "Why 401/403?": pairs the server's answer (WWW-Authenticate per RFC 6750 §3, the body's error fields) with the
/// token that was sent, decoded (RFC 7519) and verified when the issuer's keys are known (JwtVerifier, fixed
/// order), and names the most likely cause. When the server states a reason (error_description, body code) the
/// finding that matches it wins; otherwise the order is: malformed, algorithm, unknown kid, signature, expired,
/// not yet valid, issuer, audience, scope. The token itself is never included in the output.
class UnauthorizedDiagnosis
{
public:
    static constexpr qint64 kSkewSeconds = 300;

    static Diagnosis diagnose(const DiagnosisInput& input);
    /// The input for one exchange: status, every WWW-Authenticate value, the body, and the bearer token of the
    /// request as it was sent (after effective()). Keys and expectations are left for the caller.
    static DiagnosisInput inputFor(const HttpRequestSpec& sent, const HttpClientResponse& response);
    /// RFC 9110 §11.6.1 challenges: `Bearer realm="x", error="invalid_token", Basic realm="y"`.
    static QList<AuthChallenge> parseWwwAuthenticate(const QString& header);
};
