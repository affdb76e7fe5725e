// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"
#include "net/AuthServerMetadata.h"
#include "net/HttpClient.h"
#include "workspace/AuthProfile.h"

#include <QJsonObject>
#include <QObject>

class MetadataResolver;
class TokenManager;

/// The token actions beside the grants.
enum class OAuthAction
{
    Introspect, // RFC 7662
    Revoke,     // RFC 7009
    Userinfo,   // OIDC Core §5.3
};

/// What an action answered: the endpoint asked and, for introspection and userinfo, the JSON object it returned.
struct OAuthActionOutcome
{
    OAuthAction action = OAuthAction::Introspect;
    QString endpoint;
    QJsonObject answer; // empty for a revocation (RFC 7009 §2.2: 200 and no body)
};

/// Runs one OAuthActions request asynchronously and cancellably (for the GUI; the CLI sends and waits): the endpoint
/// typed in the profile (introspectionUrl, revocationUrl, userinfoUrl), else from its issuer's metadata (RFC 8414 §2
/// `introspection_endpoint`, `revocation_endpoint`; OIDC `userinfo_endpoint`) through MetadataResolver, the
/// profile's client authentication for introspection and revocation (RFC 7662 §2.1, RFC 7009 §2.1), the request
/// built and the answer read by OAuthActions, so both front ends send and read the same. Userinfo with a DPoP-bound
/// token answers a 401 use_dpop_nonce once with the server's nonce (RFC 9449 §9) and keeps the newest nonce in the
/// TokenManager, as RequestSession does for resource requests. One finished() per start(), always asynchronous;
/// cancel() ends with ERR_CANCELLED.
class OAuthActionClient : public QObject
{
    Q_OBJECT
public:
    explicit OAuthActionClient(QObject* parent = nullptr);
    ~OAuthActionClient() override;

    void setOptions(const HttpClientOptions& options);
    /// `profile` with its variables resolved; `tokenTypeHint` "access_token", "refresh_token" or empty; `dpopKey` the
    /// key a DPoP-bound token is bound to (userinfo then sends it with a proof, RFC 9449 §7.1).
    /// With `tokens`, userinfo's DPoP proofs carry the last nonce kept for the endpoint's origin, and the server's
    /// new nonces are kept there (with `tokenKey`, also in that token's secret; TokenManager::setDpopNonce()).
    void start(OAuthAction action, const AuthProfile& profile, const QString& token, const QString& tokenTypeHint,
               const std::optional<Jwk>& dpopKey = std::nullopt, TokenManager* tokens = nullptr,
               const QString& tokenKey = {});
    void cancel();
    bool isRunning() const { return m_running; }
    /// "introspection", "revocation", "userinfo".
    static QString actionName(OAuthAction action);
    /// The endpoint of `action`: typed in `profile`, else named by `metadata` (may be null); empty when neither.
    static QString endpointOf(OAuthAction action, const AuthProfile& profile, const AuthServerMetadata* metadata);

Q_SIGNALS:
    void progress(const QString& stage);
    void finished(const Result<OAuthActionOutcome>& result);

private:
    void send();
    void onAnswer(const HttpClientResponse& response);
    void fail(const Error& error);

    HttpClient* m_http;
    MetadataResolver* m_metadataResolver;
    TokenManager* m_tokens = nullptr;
    OAuthAction m_action = OAuthAction::Introspect;
    AuthProfile m_profile;
    QString m_token;
    QString m_hint;
    std::optional<Jwk> m_dpopKey;
    QString m_tokenKey;
    QString m_dpopNonce;
    QString m_endpoint;
    quint64 m_call = 0;
    quint64 m_discovery = 0;
    bool m_nonceRetried = false;
    bool m_running = false;
};
