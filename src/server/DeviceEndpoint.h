// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/ProviderContext.h"
#include "server/RequestContext.h"

/// The device authorization grant's front channel (RFC 8628):
/// - POST /device_authorization (§3.1-3.2): client authentication as at the token endpoint (public clients send
///   client_id), scope; answers device_code, user_code (XXXX-XXXX, §6.1), verification_uri (/device),
///   verification_uri_complete (with ?user_code=), expires_in and interval.
/// - GET /device[?user_code=] (§3.3): the verification page where the user types the code, signs in and approves
///   or denies (same CSRF protection as the login page); with `serve --auto-approve USER` a valid user_code in the
///   URL is approved for that user at once. POST /device takes the form.
/// The token endpoint's polling (§3.4-3.5) is in TokenEndpoint.
class DeviceEndpoint
{
public:
    explicit DeviceEndpoint(ProviderContext* provider);

    HttpResponse deviceAuthorization(const HttpRequest& request, RequestContext& context) const;
    HttpResponse verificationPage(const HttpRequest& request, RequestContext& context) const;
    HttpResponse submitVerification(const HttpRequest& request, RequestContext& context) const;

private:
    HttpResponse page(const QString& userCode, const QString& error, RequestContext& context) const;
    HttpResponse done(bool approved) const;

    ProviderContext* m_provider;
};
