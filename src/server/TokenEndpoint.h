// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/EmbeddedIssuer.h"
#include "server/RequestContext.h"

class Clock;

/// POST /oauth/token for the embedded issuer: the client-credentials grant (RFC 6749 §4.4).
/// Client authentication by HTTP Basic (RFC 6749 §2.3.1, id and secret form-urlencoded inside) or by the
/// client_id/client_secret body parameters — not both (RFC 6749 §2.3). Bodies are
/// application/x-www-form-urlencoded (RFC 6749 §4.4.2) or, as Auth0 accepts, application/json.
/// Parameters: grant_type, audience (default: the API's), scope (space-separated, each must be allowed;
/// default: all allowed). Success per RFC 6749 §5.1 (Cache-Control: no-store); errors per §5.2:
/// invalid_request, invalid_client (401, with WWW-Authenticate: Basic when Basic was used),
/// unsupported_grant_type, invalid_scope.
class TokenEndpoint
{
public:
    TokenEndpoint(const EmbeddedIssuer* issuer, QString audience, QStringList allowedScopes,
                  qint64 lifetimeSeconds = 3600, const Clock* clock = nullptr);

    HttpResponse handle(const HttpRequest& request, RequestContext& context) const;

    /// application/x-www-form-urlencoded (WHATWG URL §5.1: '+' is a space). Duplicate names are reported.
    static QList<QPair<QString, QString>> parseForm(const QByteArray& body);

private:
    HttpResponse error(int status, const QString& code, const QString& description, RequestContext& context,
                       bool basicChallenge = false) const;

    const EmbeddedIssuer* m_issuer;
    QString m_audience;
    QStringList m_allowedScopes;
    qint64 m_lifetimeSeconds;
    const Clock* m_clock;
};
