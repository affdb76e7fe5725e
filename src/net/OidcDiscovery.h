// SPDX-License-Identifier: MIT
#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QUrl>

/// An OpenID Provider's discovery document (OpenID Connect Discovery 1.0 §3, §4). Pure parsing, shared by the
/// GUI's fetcher and the CLI: where the document lives for an issuer, its `jwks_uri`, and whether its `issuer`
/// equals the issuer it was fetched for (§4.3: it MUST be identical; a mismatch is reported, not hidden).
/// Not checked: the other metadata, signed metadata, the document's TLS origin.
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
    /// One line for a mismatch (empty when the issuers are identical).
    QString issuerMismatchMessage() const;
};
