// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/JwtVerifier.h"
#include "net/AuthServerMetadata.h"
#include "net/AuthorizationCodeFlow.h"
#include "net/BrowserLauncher.h"
#include "net/DeviceAuthorizationFlow.h"
#include "net/TokenManager.h"
#include "request/Environment.h"
#include "workspace/AuthProfile.h"

#include <QObject>

#include <optional>

class MetadataResolver;
class RemoteJwksFetcher;
class TokenEndpointClient;

/// What "Get new token" produced: the token as the TokenManager keeps it and the id_token's checklist.
struct OAuthTokenOutcome
{
    QString key; // the TokenManager key (RequestSession sends this token for requests of the profile)
    ManagedToken token;
    QString grantName;
    QString tokenUrl;
    QString idTokenNote; // why an id_token was not verified ("no issuer, so no JWKS"); empty when it was or none came
};

/// Gets a token for an auth profile the way the user asked for it, asynchronously, for the GUI: the endpoints
/// from the issuer's metadata (OIDC discovery or RFC 8414) when an issuer is set, then the profile's grant
/// (client_credentials, password, refresh_token with the refresh token kept for the profile, authorization_code
/// through AuthorizationCodeFlow and the browser, device_code through DeviceAuthorizationFlow), then an id_token
/// verified with IdTokenVerifier against the discovery JWKS (OIDC Core §3.1.3.7: a failure ends the flow with the
/// checklist kept in idTokenCheck(), and the token is not kept), then the token stored in the TokenManager under
/// TokenManager::keyFor(profile), the key RequestSession uses, so the next Send uses it. One finished() per
/// start()/refresh(); cancel() ends a running flow with ERR_CANCELLED at any stage and keeps nothing.
/// The profile's {{variables}} are resolved by the caller (resolved()).
class OAuthTokenFlow : public QObject
{
    Q_OBJECT
public:
    OAuthTokenFlow(TokenManager* tokens, BrowserLauncher browser, QObject* parent = nullptr);
    ~OAuthTokenFlow() override;

    void setOptions(const HttpClientOptions& options);
    /// Dates tokens and the device code's expiry; default SystemClock. Not owned.
    void setClock(const Clock* clock);
    /// The device flow's polling scheduler (tests run it without sleeping).
    void setDeviceScheduler(DeviceAuthorizationFlow::Scheduler scheduler);

    void start(const AuthProfile& profile);
    /// The refresh_token grant with the refresh token kept under `key` (a token list's "Refresh").
    void refresh(const AuthProfile& profile, const QString& key);
    void cancel();
    bool isRunning() const { return m_running; }
    /// The checklist of the last id_token verified (also a failed one); nullopt when none was.
    const std::optional<VerificationResult>& idTokenCheck() const { return m_idTokenCheck; }
    /// The last id_token received (for the Token workbench), also when its check failed.
    QString lastIdToken() const { return m_grant.idToken; }

    /// `profile` with its {{variables}} resolved from `layers` (lowest priority first), as RequestSession resolves
    /// them, so the token lands under the key a Send looks for. Unknown names are appended to `unknown`.
    static AuthProfile resolved(const AuthProfile& profile, const QList<Environment>& layers,
                                QStringList* unknown = nullptr);
    // The requests of a profile's grants, shared with `tokenscope-cli oauth token` so both send the same.
    /// The endpoints `metadata` names where `profile` has none typed (token, authorization, device authorization).
    static void applyMetadata(AuthProfile& profile, const AuthServerMetadata& metadata);
    /// A token endpoint request with `profile`'s token URL, client and client authentication, and `grant`'s grant
    /// type and parameters; `clientKey` is private_key_jwt's key text.
    static TokenEndpointRequest clientRequest(const AuthProfile& profile, const TokenEndpointRequest& grant = {},
                                              const QByteArray& clientKey = {});
    /// The authorization code request (PKCE as the profile says, S256 when unset; `iss` and PAR as the metadata
    /// says).
    static AuthorizationCodeRequest codeRequest(const AuthProfile& profile, const TokenEndpointRequest& token,
                                                const std::optional<AuthServerMetadata>& metadata);
    /// private_key_jwt's key text from the profile's key file (empty for other methods). Errors: ERR_IO.
    static Result<QByteArray> clientKeyOf(const AuthProfile& profile);
    static DeviceAuthorizationRequest deviceRequest(const AuthProfile& profile, const TokenEndpointRequest& token);
    /// A refresh token kept for any grant of the profile named `profileName` (the refresh_token grant's input).
    static QString keptRefreshToken(const TokenManager& tokens, const QString& profileName);

Q_SIGNALS:
    /// "Discovering the endpoints of …", "Waiting for the browser …", "Verifying the id_token …".
    void progress(const QString& stage);
    /// The authorization URL the browser was given (shown to copy when no browser opens).
    void authorizationUrl(const QUrl& url);
    void userCodeReady(const DeviceAuthorization& authorization);
    void finished(const Result<OAuthTokenOutcome>& result);

private:
    void begin(const AuthProfile& profile);
    void discover();
    void runGrant();
    void onGrant(const Result<TokenGrant>& result, const QString& nonce);
    void verifyIdToken();
    void keep(const QString& note);
    void fail(const Error& error);
    /// Where the token goes in the TokenManager (and whose DPoP key binds it).
    QString tokenKey() const;
    /// The grant that ran ("refresh_token" when a refresh token was used).
    QString grantName() const;

    TokenManager* m_tokens;
    MetadataResolver* m_metadataResolver;
    TokenEndpointClient* m_tokenClient;
    AuthorizationCodeFlow* m_codeFlow;
    DeviceAuthorizationFlow* m_deviceFlow;
    RemoteJwksFetcher* m_jwks;
    const Clock* m_clock = nullptr;
    AuthProfile m_profile;
    std::optional<AuthServerMetadata> m_metadata;
    QString m_refreshKey; // refresh(): where the refresh token came from and the new token goes
    QString m_refreshToken;
    QString m_nonce;
    TokenGrant m_grant;
    std::optional<VerificationResult> m_idTokenCheck;
    quint64 m_discoveryCall = 0;
    bool m_running = false;
};
