// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/OAuthProtocol.h"
#include "server/ProviderContext.h"
#include "server/RequestContext.h"

/// POST /oauth/token of the embedded provider (RFC 6749 §3.2), every grant it offers:
/// - client_credentials (§4.4; confidential clients only), parameters audience (default: the API's) and scope;
/// - authorization_code (§4.1.3): single-use codes of short lifetime, redirect_uri repeated exactly when the
///   authorization request had it, PKCE (RFC 7636 §4.6; a verifier without a challenge is refused too);
/// - refresh_token (§6) with rotation and reuse detection (RFC 9700 §4.14.2: a spent token revokes its family);
/// - urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4-3.5).
/// Client authentication per OAuthProtocol (public clients with client_id only, except for client_credentials).
/// With a valid DPoP proof (RFC 9449 §5) the access token is bound (cnf.jkt, token_type DPoP); a public client's
/// refresh token is bound to the same key. OpenID scope → id_token with nonce, auth_time, at_hash, c_hash
/// (OIDC Core §3.1.3.6, §3.3.2.11). Errors are RFC 6749 §5.2's (invalid_request, invalid_client 401,
/// invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope), RFC 8628 §3.5's
/// (authorization_pending, slow_down, access_denied, expired_token) and RFC 9449's invalid_dpop_proof.
class TokenEndpoint
{
public:
    explicit TokenEndpoint(ProviderContext* provider);

    HttpResponse handle(const HttpRequest& request, RequestContext& context) const;

    /// What issue() needs to know about a grant.
    struct Grant
    {
        const RegisteredClient* client = nullptr;
        QString username; // empty: the client itself (client_credentials)
        QStringList scopes;
        qint64 authTime = 0;
        QString nonce;
        QString code;       // for c_hash
        QString familyId;   // empty: a new family
        QString jkt;        // DPoP key of this request
        QString refreshJkt; // DPoP binding kept across rotation
        QString grantType;
    };
    /// Mints the access token (and refresh token, id_token) of a successful grant: the RFC 6749 §5.1 body.
    Result<QJsonObject> issue(const Grant& grant) const;
    /// OIDC Core §3.1.3.6 at_hash / §3.3.2.11 c_hash for RS256: base64url of the left half of SHA-256.
    static QString halfHash(QByteArrayView value);

private:
    HttpResponse clientCredentials(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const;
    HttpResponse authorizationCode(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const;
    HttpResponse refreshToken(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const;
    HttpResponse deviceCode(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const;
    HttpResponse success(const Grant& grant, RequestContext& context) const;

    ProviderContext* m_provider;
};
