// SPDX-License-Identifier: MIT
#include "net/ClientCredentialsClient.h"

#include "core/SystemClock.h"

TokenEndpointRequest ClientCredentialsRequest::toTokenEndpointRequest() const
{
    TokenEndpointRequest r = TokenEndpointRequest::clientCredentials(scope, audience);
    r.tokenUrl = tokenUrl;
    r.client.clientId = clientId;
    r.client.clientSecret = clientSecret;
    r.client.method = AuthProfile::ClientAuth::Basic;
    r.timeoutMs = timeoutMs;
    r.verifyTls = verifyTls;
    return r;
}

ClientCredentialsClient::ClientCredentialsClient(QObject* parent)
    : QObject(parent)
    , m_client(new TokenEndpointClient(this))
{
    connect(m_client, &TokenEndpointClient::finished, this, &ClientCredentialsClient::finished);
}

Result<void> ClientCredentialsClient::validate(const ClientCredentialsRequest& request)
{
    return TokenEndpointClient::validate(request.toTokenEndpointRequest());
}

HttpRequestSpec ClientCredentialsClient::buildRequest(const ClientCredentialsRequest& request)
{
    // client_secret_basic cannot fail once the request is valid (no key, no signature).
    auto spec =
        TokenEndpointClient::buildRequest(request.toTokenEndpointRequest(), SystemClock::instance().nowSeconds());
    Q_ASSERT(spec.ok());
    return spec.ok() ? spec.value() : HttpRequestSpec();
}

void ClientCredentialsClient::fetch(const ClientCredentialsRequest& request)
{
    m_client->fetch(request.toTokenEndpointRequest());
}

Result<TokenGrant> ClientCredentialsClient::fetchAndWait(const ClientCredentialsRequest& request,
                                                         const HttpClientOptions& options)
{
    return TokenEndpointClient::fetchAndWait(request.toTokenEndpointRequest(), options);
}
