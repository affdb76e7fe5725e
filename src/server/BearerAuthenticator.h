// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "jose/JwtVerifier.h"
#include "server/DpopVerifier.h"
#include "server/KeySource.h"
#include "server/RequestContext.h"
#include "server/TokenCache.h"

#include <QMutex>

#include <functional>
#include <memory>

class Clock;

/// What the protected API expects of a bearer token.
struct BearerPolicy
{
    QString issuer;                                     // "iss" must equal (required)
    QStringList audiences;                              // "aud" must contain one (required)
    QStringList algorithms = {QStringLiteral("RS256")}; // never "none"
    qint64 leewaySeconds = 0;                           // exp/nbf/iat tolerance
    bool requireExp = true; // RFC 9068 §2.2: exp is required in a JWT access token; false imitates the quickstart
    QString realm = QStringLiteral("tokenscope"); // RFC 6750 §3 realm
    int cacheCapacity = 4096;                     // verified tokens; 0 disables the cache
    bool describeSteps = true;                    // false: passed steps carry no message (faster)
    bool keepTokenDetails = false;                // fill RequestContext's token and decoded header/payload
    const Clock* clock = nullptr;                 // null = SystemClock
    /// RFC 9449 §7: with a verifier whose mode is not Off, "Authorization: DPoP <token>" + a DPoP proof is
    /// accepted for tokens bound by cnf.jkt; Required refuses Bearer. Null: Bearer only.
    std::shared_ptr<const DpopVerifier> dpop;
    /// True for a token the issuer revoked (the embedded provider's /revoke and refresh-token reuse detection).
    std::function<bool(const QJsonObject& claims)> isRevoked;
};

/// The result of checking one request's credentials.
struct BearerOutcome
{
    bool authorized = false;
    int status = 200; // 401 or 403 on failure
    QString code;     // quickstart code: authorization_header_missing, invalid_header, token_expired,
                      // invalid_claims, insufficient_scope
    QString description;
    QJsonObject claims; // of a valid token
    std::optional<Error> engineError;
    bool dpopScheme = false; // the request used "Authorization: DPoP" (the challenge is then DPoP's)
};

/// RFC 6750 bearer-token authentication for the mock API, on the shared JOSE engine (JwtVerifier: allowed
/// algorithms, key by kid, iss/aud (and exp unless !requireExp) required, exp/nbf with leeway, iat not in the
/// future beyond the leeway, typ at+jwt/JWT/absent (never dpop+jwt), unknown crit rejected; the token's
/// jku/x5u/jwk/x5c are never used). Maps engine errors to the codes of Auth0's API quickstart and builds the
/// 401/403 responses with their WWW-Authenticate challenge (RFC 6750 §3). Thread-safe.
class BearerAuthenticator
{
public:
    BearerAuthenticator(std::shared_ptr<KeySource> keys, BearerPolicy policy);

    /// Checks Authorization; when `requiredScope` is set it must be in the space-separated "scope" claim
    /// (or "scp", string or array, as Entra ID and Okta issue it). Fills `context` for the log.
    BearerOutcome authenticate(const HttpRequest& request, const QString& requiredScope, RequestContext& context) const;

    /// {"code","description"} with WWW-Authenticate: Bearer realm=…, error=…, error_description=… (RFC 6750 §3).
    /// A request without credentials also gets error="invalid_token" (a deliberate deviation from RFC 6750 §3.1's
    /// SHOULD NOT; see errorResponse()), so every 401/403 carries error and error_description.
    HttpResponse errorResponse(const BearerOutcome& outcome, const QString& requiredScope) const;

    /// "eyJhbGciOiJS…(812 bytes)": enough to recognise a token, useless to replay it.
    static QString redactedPreview(QByteArrayView token);
    const BearerPolicy& policy() const { return m_policy; }
    const TokenCache& cache() const { return m_cache; }

private:
    std::shared_ptr<const JwtVerifier> verifierFor(const KeySnapshot& snapshot) const;
    BearerOutcome fail(int status, const QString& code, const QString& description) const;
    static BearerOutcome mapEngineError(const Error& error);
    BearerOutcome checkScope(const QJsonObject& claims, const QString& requiredScope) const;
    /// Revocation and the RFC 9449 key binding of a token whose signature and claims passed.
    BearerOutcome checkToken(const HttpRequest& request, const QByteArray& token, bool dpopScheme,
                             const QJsonObject& claims, const QString& requiredScope) const;

    std::shared_ptr<KeySource> m_keys;
    BearerPolicy m_policy;
    VerifyOptions m_options;
    mutable TokenCache m_cache;
    mutable QMutex m_verifierMutex;
    mutable std::shared_ptr<const JwtVerifier> m_verifier;
    mutable quint64 m_verifierGeneration = 0;
};
