// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QUrl>

/// An OpenID Provider's discovery document (OpenID Connect Discovery 1.0 §3, §4). Pure parsing, shared by the
/// GUI's fetcher and the CLI: where the document lives for an issuer, its `jwks_uri`, and whether its `issuer`
/// equals the issuer it was fetched for (§4.3: it MUST be identical; a mismatch is reported, not hidden).
/// The transport rule (an https document must not send the key download to plain http) is here too; the fetcher
/// enforces it. Not checked: the other metadata, signed metadata.
class OidcDiscovery
{
public:
    /// `issuer` + "/.well-known/openid-configuration" (§4.1: trailing slashes of the issuer are removed first).
    static QUrl discoveryUrl(const QString& issuer);

    /// Errors: ERR_JSON_INVALID (not JSON), ERR_JWKS_INVALID (not an object, no http(s) "jwks_uri").
    static Result<OidcDiscovery> parse(QByteArrayView text, const QString& expectedIssuer);

    QJsonObject document;
    QByteArray text;          // exactly as received
    QString expectedIssuer;   // the issuer the document was fetched for
    QString advertisedIssuer; // its "issuer" member
    QUrl jwksUri;

    bool issuerMatches() const { return advertisedIssuer == expectedIssuer; }
    /// Microsoft Entra's multi-tenant endpoints (…/common/v2.0, …/organizations/v2.0) serve every tenant and
    /// advertise the issuer template "https://login.microsoftonline.com/{tenantid}/v2.0" instead of their own URL:
    /// true when the advertised issuer is that template and the expected one is the same URL with "common" or
    /// "organizations" in the template's place. Still not a §4.3 match; it is explained instead of reported as a
    /// mismatch, since the jose layer checks each token's "iss" against the template filled with its own "tid".
    bool isEntraTenantTemplate() const;
    /// One line for a mismatch (empty when the issuers are identical); a difference in the trailing slash alone is
    /// named as such, since it is the usual cause and token `iss` values are compared just as exactly. For the
    /// Entra tenant template (isEntraTenantTemplate()) the line explains the template and how tokens are checked.
    QString issuerMismatchMessage() const;
    /// True when the document came from `documentUrl` over https but its jwks_uri is plain http: the keys would
    /// travel unprotected and could be substituted, so a verified discovery would be worth nothing.
    bool jwksUriDowngrades(const QUrl& documentUrl) const;
};
