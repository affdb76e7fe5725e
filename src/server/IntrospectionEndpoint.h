// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "jose/JwtVerifier.h"
#include "server/ProviderContext.h"
#include "server/RequestContext.h"

/// POST /introspect (RFC 7662) and POST /revoke (RFC 7009) for the provider's own tokens.
/// Introspection needs an authenticated confidential client (RFC 7662 §2.1: the endpoint MUST require
/// authorization); any token it cannot vouch for (unknown, expired, revoked, another issuer's, a spent refresh token)
/// is just {"active": false} (§2.2). Revocation accepts public clients by client_id (RFC 7009 §2.1), revokes a
/// refresh token's whole family (and the access tokens issued in it) or one access token, answers 200 for unknown
/// tokens (§2.2) and refuses a token of another client.
class IntrospectionEndpoint
{
public:
    explicit IntrospectionEndpoint(ProviderContext* provider);

    HttpResponse introspect(const HttpRequest& request, RequestContext& context) const;
    HttpResponse revoke(const HttpRequest& request, RequestContext& context) const;

    /// The claims of a live access token of this issuer (signature, iss, exp, not revoked), else nullopt.
    std::optional<QJsonObject> activeAccessToken(const QString& token) const;

private:
    ProviderContext* m_provider;
    JwtVerifier m_verifier;
};
