// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/HttpClient.h"
#include "net/TokenEndpointClient.h"
#include "net/TokenGrant.h"

#include <QObject>

/// What to ask a token endpoint for (OAuth 2.0 client credentials grant, RFC 6749 §4.4) with client_secret_basic:
/// the shape the GUI's token panel and the mock server dialog fill. Other client authentications and grants:
/// TokenEndpointRequest.
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

    /// The same request for TokenEndpointClient.
    TokenEndpointRequest toTokenEndpointRequest() const;
};

/// Fetches an access token with the client credentials grant and client_secret_basic: a thin adapter over
/// TokenEndpointClient (which holds the request building, the client authentication and the RFC 6749 §5.2 error
/// parsing, see TokenGrant::parse()), kept for its callers. Asynchronous, cancellable, one finished() per fetch().
class ClientCredentialsClient : public QObject
{
    Q_OBJECT
public:
    explicit ClientCredentialsClient(QObject* parent = nullptr);

    void setOptions(const HttpClientOptions& options) { m_client->setOptions(options); }

    /// Starts a fetch (a running one is cancelled first, without a finished() for it).
    void fetch(const ClientCredentialsRequest& request);
    /// finished() follows with ERR_CANCELLED.
    void cancel() { m_client->cancel(); }
    bool isRunning() const { return m_client->isRunning(); }

    /// ERR_USAGE when the URL is not http(s) or the client id is empty.
    static Result<void> validate(const ClientCredentialsRequest& request);
    /// The HTTP request of a valid request (validate()).
    static HttpRequestSpec buildRequest(const ClientCredentialsRequest& request);
    static Result<TokenGrant> parseResponse(const HttpClientResponse& response) { return TokenGrant::parse(response); }
    /// Sends and waits in a local event loop (CLI and tests).
    static Result<TokenGrant> fetchAndWait(const ClientCredentialsRequest& request,
                                           const HttpClientOptions& options = {});

Q_SIGNALS:
    void finished(const Result<TokenGrant>& result);

private:
    TokenEndpointClient* m_client;
};
