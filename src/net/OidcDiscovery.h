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
    /// One line for a mismatch (empty when the issuers are identical); a difference in the trailing slash alone is
    /// named as such, since it is the usual cause and token `iss` values are compared just as exactly.
    QString issuerMismatchMessage() const;
    /// True when the document came from `documentUrl` over https but its jwks_uri is plain http: the keys would
    /// travel unprotected and could be substituted, so a verified discovery would be worth nothing.
    bool jwksUriDowngrades(const QUrl& documentUrl) const;
};
