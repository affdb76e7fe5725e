// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/ProviderContext.h"
#include "server/RequestContext.h"
#include "server/ServerConfig.h"

#include <QJsonObject>

#include <memory>

class AuthorizeEndpoint;
class BearerAuthenticator;
class DeviceEndpoint;
class IntrospectionEndpoint;
class Router;
class TokenEndpoint;

/// The embedded issuer as a local OpenID provider: builds the shared ProviderContext (clients, users, grant store,
/// DPoP verifier) from the ServerConfig and puts its endpoints on the router:
/// /.well-known/openid-configuration and /.well-known/oauth-authorization-server (the same metadata, OIDC
/// Discovery §3 / RFC 8414 §2), /authorize, /par, /oauth/token, /device_authorization, /device, /introspect,
/// /revoke and /userinfo (OIDC Core §5.3, a protected resource: Bearer or DPoP, scope openid).
class OAuthProvider
{
public:
    OAuthProvider();
    ~OAuthProvider();
    OAuthProvider(const OAuthProvider&) = delete;
    OAuthProvider& operator=(const OAuthProvider&) = delete;

    /// Reads --users and --clients and checks --auto-approve. Errors: ERR_IO, ERR_JSON_INVALID, ERR_USAGE.
    Result<void> configure(const ServerConfig& config, const EmbeddedIssuer* issuer, QString audience,
                           QStringList apiScopes, std::shared_ptr<const DpopVerifier> dpop);
    /// Registers the routes; `bearer` checks tokens at /userinfo.
    void addRoutes(Router& router, const BearerAuthenticator* bearer);

    QJsonObject metadata() const;
    /// For the access-token revocation check of the mock API.
    bool isRevoked(const QJsonObject& claims) const;
    const ProviderContext& context() const { return *m_context; }

private:
    HttpResponse userInfo(const HttpRequest& request, RequestContext& context, const BearerAuthenticator* bearer) const;

    std::unique_ptr<ProviderContext> m_context;
    std::unique_ptr<TokenEndpoint> m_token;
    std::unique_ptr<AuthorizeEndpoint> m_authorize;
    std::unique_ptr<DeviceEndpoint> m_device;
    std::unique_ptr<IntrospectionEndpoint> m_introspection;
};
