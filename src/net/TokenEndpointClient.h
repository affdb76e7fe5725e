// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"
#include "net/ClientAuthentication.h"
#include "net/HttpClient.h"
#include "net/TokenGrant.h"

#include <QObject>

class Clock;

/// One request to a token endpoint: the grant's parameters and how the client authenticates. Built by the
/// factories, one per grant, so every front end (GUI, CLI, runner) sends the same parameters.
struct TokenEndpointRequest
{
    QString tokenUrl;
    ClientAuthentication client;
    QString grantType;
    QList<QPair<QString, QString>> parameters; // grant-specific, in order; empty values are not sent
    int timeoutMs = 15000;
    /// false: the endpoint's certificate is not verified; the client's credentials then go to whoever answers.
    bool verifyTls = true;
    /// RFC 9449 §5: when set, the request carries a DPoP proof signed with this private key (htm POST, htu the token
    /// URL); a `use_dpop_nonce` answer is retried once with the server's nonce (§8).
    std::optional<Jwk> dpopKey;
    QString dpopNonce; // the server's last DPoP-Nonce, sent in the first proof when known

    static constexpr auto kTokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    static constexpr auto kDeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    static constexpr auto kAccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /// RFC 6749 §4.4.2 (+ `audience` as Auth0 and the embedded issuer use it, RFC 8707 `resource`).
    static TokenEndpointRequest clientCredentials(const QString& scope, const QString& audience = {},
                                                  const QString& resource = {});
    /// RFC 6749 §6.
    static TokenEndpointRequest refreshToken(const QString& refreshToken, const QString& scope = {});
    /// RFC 6749 §4.3.2 — legacy: the OAuth 2.0 Security BCP (RFC 9700 §2.4) says it MUST NOT be used.
    static TokenEndpointRequest password(const QString& username, const QString& password, const QString& scope);
    /// RFC 6749 §4.1.3 with the RFC 7636 §4.5 code_verifier (empty: PKCE off).
    static TokenEndpointRequest authorizationCode(const QString& code, const QString& redirectUri,
                                                  const QString& codeVerifier);
    /// RFC 8628 §3.4.
    static TokenEndpointRequest deviceCode(const QString& deviceCode);
    /// RFC 8693 §2.1; `subjectTokenType` empty: an access token.
    static TokenEndpointRequest tokenExchange(const QString& subjectToken, const QString& subjectTokenType,
                                              const QString& audience, const QString& resource, const QString& scope,
                                              const QString& requestedTokenType = {});
};

/// Sends TokenEndpointRequests (application/x-www-form-urlencoded POST, RFC 6749 §3.2) with HttpClient and
/// parses the answer with TokenGrant::parse(). Asynchronous, cancellable, one finished() per fetch(); redirects
/// are not followed (a redirected POST would lose its body or resend the credentials elsewhere).
class TokenEndpointClient : public QObject
{
    Q_OBJECT
public:
    explicit TokenEndpointClient(QObject* parent = nullptr);

    void setOptions(const HttpClientOptions& options) { m_client->setOptions(options); }
    /// Dates client assertions; default SystemClock. Not owned.
    void setClock(const Clock* clock) { m_clock = clock; }

    /// Starts a fetch (a running one is cancelled first, without a finished() for it).
    void fetch(const TokenEndpointRequest& request);
    /// finished() follows with ERR_CANCELLED.
    void cancel();
    bool isRunning() const { return m_current != 0; }
    /// The last DPoP-Nonce the token endpoint sent (RFC 9449 §8.2: it replaces the previous one); empty when none.
    QString lastDpopNonce() const { return m_lastNonce; }

    /// ERR_USAGE when the URL is not http(s), the client id or the grant type is empty.
    static Result<void> validate(const TokenEndpointRequest& request);
    /// The HTTP request (client authentication applied). Errors: validate()'s and ClientAuthentication::apply()'s.
    /// With `dpopKey`, the DPoP proof too (ERR_JWK_INVALID when the key cannot sign).
    static Result<HttpRequestSpec> buildRequest(const TokenEndpointRequest& request, qint64 nowSeconds);
    /// Sends and waits in a local event loop (CLI and tests). `dpopNonce`, when given, receives the server's last
    /// DPoP-Nonce.
    static Result<TokenGrant> fetchAndWait(const TokenEndpointRequest& request, const HttpClientOptions& options = {},
                                           const Clock* clock = nullptr, QString* dpopNonce = nullptr);
    /// RFC 9449 §8 and §9: the nonce to retry with when `response` is a `use_dpop_nonce` refusal (a token endpoint's
    /// 400 error body or a resource server's 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"`) carrying a
    /// well-formed DPoP-Nonce (§8.1: 1*NQCHAR); empty otherwise.
    static QString dpopNonceToRetry(const HttpClientResponse& response);
    /// The DPoP-Nonce header of any answer when well-formed, else empty.
    static QString dpopNonceOf(const HttpClientResponse& response);

Q_SIGNALS:
    void finished(const Result<TokenGrant>& result);

private:
    void send();

    HttpClient* m_client;
    const Clock* m_clock = nullptr;
    quint64 m_current = 0;
    TokenEndpointRequest m_request; // the running one, for the use_dpop_nonce retry
    bool m_nonceRetried = false;
    QString m_lastNonce;
};
