// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
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

    /// ERR_USAGE when the URL is not http(s), the client id or the grant type is empty.
    static Result<void> validate(const TokenEndpointRequest& request);
    /// The HTTP request (client authentication applied). Errors: validate()'s and ClientAuthentication::apply()'s.
    static Result<HttpRequestSpec> buildRequest(const TokenEndpointRequest& request, qint64 nowSeconds);
    /// Sends and waits in a local event loop (CLI and tests).
    static Result<TokenGrant> fetchAndWait(const TokenEndpointRequest& request, const HttpClientOptions& options = {},
                                           const Clock* clock = nullptr);

Q_SIGNALS:
    void finished(const Result<TokenGrant>& result);

private:
    HttpClient* m_client;
    const Clock* m_clock = nullptr;
    quint64 m_current = 0;
};
