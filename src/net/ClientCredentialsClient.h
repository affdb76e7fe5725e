// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/HttpClient.h"

#include <QJsonObject>
#include <QObject>

/// What to ask a token endpoint for (OAuth 2.0 client credentials grant, RFC 6749 §4.4).
struct ClientCredentialsRequest
{
    QString tokenUrl;
    QString clientId;
    QString clientSecret;
    QString audience; // optional (Auth0 and the embedded issuer use it to pick the API)
    QString scope;    // optional, space-separated (RFC 6749 §3.3)
    int timeoutMs = 15000;
    /// false: the token endpoint's certificate is not verified (HttpRequestSpec::verifyTls). The client id and
    /// secret then go to whoever answers; callers must make that visible. CA file, client certificate and proxy
    /// come from the HttpClientOptions, as for any request.
    bool verifyTls = true;
};

/// A successful access token response (RFC 6749 §5.1).
struct TokenGrant
{
    QString accessToken;
    QString tokenType;     // "Bearer" (case-insensitive per RFC 6749 §7.1)
    qint64 expiresIn = -1; // seconds; -1 when the server did not say
    QString scope;         // as granted; empty when the server did not say (then it is the requested one)
    QJsonObject raw;       // the whole response body
    bool isBearer() const { return tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0; }
};

/// Fetches an access token with the client credentials grant: POST grant_type=client_credentials (+ audience,
/// scope) as application/x-www-form-urlencoded (RFC 6749 §4.4.2) to the token URL, the client authenticated with
/// HTTP Basic, id and secret each form-urlencoded first (RFC 6749 §2.3.1). Sending goes through HttpClient, so it
/// is asynchronous, bounded by the request's timeout, and cancellable; finished() is emitted once per fetch().
///
/// Errors are explained in words: the server's OAuth error (RFC 6749 §5.2 `error`, `error_description`) with a hint
/// (ERR_HTTP_STATUS), an HTTP status without an OAuth body (ERR_HTTP_STATUS), a body that is not a token response
/// (ERR_JSON_INVALID), the transport failure (ERR_NET_*, ERR_TLS_FAILURE, ERR_CANCELLED), bad input (ERR_USAGE).
class ClientCredentialsClient : public QObject
{
    Q_OBJECT
public:
    explicit ClientCredentialsClient(QObject* parent = nullptr);

    void setOptions(const HttpClientOptions& options) { m_client->setOptions(options); }

    /// Starts a fetch (a running one is cancelled first, without a finished() for it).
    void fetch(const ClientCredentialsRequest& request);
    /// finished() follows with ERR_CANCELLED.
    void cancel();
    bool isRunning() const { return m_current != 0; }

    /// ERR_USAGE when the URL is not http(s) or the client id is empty.
    static Result<void> validate(const ClientCredentialsRequest& request);
    static HttpRequestSpec buildRequest(const ClientCredentialsRequest& request);
    static Result<TokenGrant> parseResponse(const HttpClientResponse& response);
    /// Sends and waits in a local event loop (CLI and tests).
    static Result<TokenGrant> fetchAndWait(const ClientCredentialsRequest& request,
                                           const HttpClientOptions& options = {});

Q_SIGNALS:
    void finished(const Result<TokenGrant>& result);

private:
    HttpClient* m_client;
    quint64 m_current = 0;
};
