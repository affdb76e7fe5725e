// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/OAuthProtocol.h"
#include "server/ProviderContext.h"
#include "server/RequestContext.h"

/// The front channel of the authorization code grant (and of the legacy implicit grant):
/// - GET /authorize (RFC 6749 §4.1.1, OIDC Core §3.1.2): response_type=code; response_type=token (RFC 6749 §4.2,
///   legacy) for clients whose grant_types list "implicit" (built in: tokenscope-public), answered in the fragment
///   with access_token, token_type, expires_in, scope, state and iss, never a refresh token (§4.2.2); redirect_uri
///   exact match except a loopback port (RFC 8252 §7.3); PKCE required of public clients (RFC 7636 §4.4.1, S256 and
///   plain, checked with jose/Pkce at the token endpoint); state echoed; `iss` in every redirect (RFC 9207). Errors
///   before the client and redirect URI are known are an HTML page, never a redirect (RFC 6749 §4.1.2.1); later ones
///   redirect. `request_uri` from /par replaces the other parameters (RFC 9126 §4).
/// - the login and consent page it shows (escaped output, CSRF: form value + SameSite cookie + server copy), posted
///   back to POST /authorize; `serve --auto-approve USER` skips it for that user.
/// - POST /par (RFC 9126 §2): the same validation, answers 201 {request_uri, expires_in}.
class AuthorizeEndpoint
{
public:
    explicit AuthorizeEndpoint(ProviderContext* provider);

    HttpResponse authorize(const HttpRequest& request, RequestContext& context) const;
    HttpResponse submitLogin(const HttpRequest& request, RequestContext& context) const;
    HttpResponse pushedAuthorizationRequest(const HttpRequest& request, RequestContext& context) const;

private:
    struct Validation
    {
        AuthorizationRequest request;
        QString error; // RFC 6749 §4.1.2.1 code; empty when valid
        QString description;
        bool redirectable = false; // the client and redirect URI are known: report by redirect
    };
    Validation validate(const OAuthProtocol::Parameters& p) const;
    HttpResponse fail(const Validation& v, RequestContext& context) const;
    HttpResponse loginPage(const AuthorizationRequest& request, const QString& transactionId, const QString& csrf,
                           const QString& error) const;
    HttpResponse issueCode(const AuthorizationRequest& request, const QString& username, RequestContext& context) const;
    HttpResponse issueToken(const CodeGrant& grant, RequestContext& context) const;
    HttpResponse errorRedirect(const AuthorizationRequest& request, const QString& code, const QString& description,
                               RequestContext& context) const;

    ProviderContext* m_provider;
};
