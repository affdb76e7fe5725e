// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/BrowserLauncher.h"
#include "net/TokenEndpointClient.h"

#include <QObject>
#include <QUrlQuery>

class HttpClient;
class LoopbackRedirectListener;
class QTimer;

/// What an authorization code flow asks for. `token` carries the token URL, the client and its authentication;
/// its grant is filled in by the flow.
struct AuthorizationCodeRequest
{
    QString authorizeUrl;
    QString parUrl;           // RFC 9126 endpoint
    bool usePar = false;      // true when the metadata says require_pushed_authorization_requests (or the user asks)
    QString issuer;           // RFC 9207: the `iss` a response must carry when present
    bool issRequired = false; // the metadata advertised authorization_response_iss_parameter_supported
    TokenEndpointRequest token;
    QString scope;
    QString audience;
    QString resource;
    QString pkce = QStringLiteral("S256"); // "S256", "plain" or "off"
    quint16 redirectPort = 0;              // 0: ephemeral (RFC 8252 §7.3)
    int timeoutMs = 300'000;               // the user's time to log in
    // The implicit grant (RFC 6749 §4.2; legacy, RFC 9700 §2.1.2 says not to use it): response_type=token, the
    // token in the redirect's fragment (relayed by the listener's page), no PKCE, no PAR, no token request.
    bool implicit = false;
};

struct AuthorizationCodeResult
{
    TokenGrant grant;
    QString nonce; // what the id_token's nonce must be (OpenID Connect Core §3.1.3.7 item 11)
    QString redirectUri;
};

/// The authorization code grant with PKCE for a native app (RFC 6749 §4.1, RFC 7636, RFC 8252): a loopback
/// redirect listener on 127.0.0.1 and an ephemeral port, `state` (CSRF, RFC 6749 §10.12) and `nonce` (replay, OIDC
/// Core §3.1.2.1) fresh per flow, the RFC 9207 `iss` response parameter compared with the issuer when present and
/// required when the server advertises it, PAR (RFC 9126) when asked, then the code exchanged at the token endpoint.
/// Asynchronous, one finished() per start(); cancellable; ends with ERR_NET_TIMEOUT when no answer comes in time.
/// With AuthorizationCodeRequest::implicit it runs the legacy implicit grant instead (see there).
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
public:
    explicit AuthorizationCodeFlow(BrowserLauncher browser, QObject* parent = nullptr);
    ~AuthorizationCodeFlow() override;

    void setOptions(const HttpClientOptions& options);

    void start(const AuthorizationCodeRequest& request);
    /// finished() follows with ERR_CANCELLED.
    void cancel();
    bool isRunning() const { return m_running; }

    /// The authorization request's query (RFC 6749 §4.1.1 + RFC 7636 §4.3 + OIDC `nonce`), without PAR.
    static QUrlQuery authorizationParameters(const AuthorizationCodeRequest& request, const QString& redirectUri,
                                             const QString& state, const QString& nonce, const QString& challenge);
    /// Checks the authorization response: `error` (RFC 6749 §4.1.2.1, ERR_OAUTH with its code as reason), `state`
    /// (ERR_OAUTH reason "state_mismatch"), `iss` (RFC 9207 §2.4, reason "iss_mismatch" / "iss_missing"), `code`
    /// present (ERR_OAUTH reason "invalid_request"). Returns the code.
    static Result<QString> checkResponse(const QUrlQuery& query, const QString& expectedState, const QString& issuer,
                                         bool issRequired);
    /// The implicit grant's response (RFC 6749 §4.2.2 / §4.2.2.1): the same `iss`, `state` and `error` checks as
    /// checkResponse(), then `access_token` and `token_type` required (ERR_OAUTH reason "invalid_request"),
    /// `expires_in` a non-negative integer when present (same error), `scope` as granted.
    static Result<TokenGrant> checkImplicitResponse(const QUrlQuery& response, const QString& expectedState,
                                                    const QString& issuer, bool issRequired);
    /// Sends and waits in a local event loop (CLI and tests); `authorizationUrl` is called with the URL opened.
    static Result<AuthorizationCodeResult> runAndWait(const AuthorizationCodeRequest& request,
                                                      const BrowserLauncher& browser,
                                                      const HttpClientOptions& options = {});

Q_SIGNALS:
    /// The URL given to the browser (the CLI prints it).
    void authorizationUrl(const QUrl& url);
    void finished(const Result<AuthorizationCodeResult>& result);

private:
    static std::optional<Error> responseError(const QUrlQuery& query, const QString& expectedState,
                                              const QString& issuer, bool issRequired);
    void openBrowser(const QUrl& url);
    void onCallback(const QUrlQuery& query);
    void fail(const Error& error);

    BrowserLauncher m_browser;
    HttpClient* m_http;
    TokenEndpointClient* m_tokens;
    LoopbackRedirectListener* m_listener;
    QTimer* m_timeout;
    AuthorizationCodeRequest m_request;
    QString m_state;
    QString m_nonce;
    QString m_verifier;
    QString m_redirectUri;
    quint64 m_parCall = 0;
    bool m_running = false;
};
