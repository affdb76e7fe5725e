// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/HttpClient.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrl>

/// An authorization server's metadata, the endpoints and capabilities an OAuth client needs, from OpenID Connect
/// Discovery 1.0 (`/.well-known/openid-configuration`) or RFC 8414 (`/.well-known/oauth-authorization-server`,
/// inserted before the issuer's path, §3.1). The `issuer` member must equal the issuer it was fetched for
/// (RFC 8414 §3.3, OIDC Discovery §4.3): unlike the JWKS viewer, which reports a mismatch, an OAuth client must
/// not use such metadata, so it is an error here.
class AuthServerMetadata
{
public:
    /// Where to look, in order: OIDC discovery, then RFC 8414.
    static QList<QUrl> metadataUrls(const QString& issuer);
    /// Errors: ERR_JSON_INVALID (not a JSON object, no "issuer", an endpoint that is not an http(s) URL),
    /// ERR_OAUTH with reason "issuer_mismatch".
    static Result<AuthServerMetadata> parse(QByteArrayView text, const QString& expectedIssuer);
    /// The GET of one metadata URL (MetadataResolver fetches them).
    static HttpRequestSpec metadataRequest(const QUrl& url, bool verifyTls = true, int timeoutMs = 15000);
    /// Why `response` to metadataRequest(url) is no metadata document (nothing came back, not a 200), so the next
    /// URL is tried; nullopt when its body is to be parsed.
    static std::optional<Error> fetchFailure(const QUrl& url, const HttpClientResponse& response);
    /// What the answer to metadataUrls(issuer)[index] says, for callers that fetch asynchronously: the metadata
    /// (sourceUrl set), or an error; `tryNext` is set when the answer was no metadata document and another URL is left
    /// to try (OIDC discovery first, then RFC 8414; the last failure is the one to report).
    static Result<AuthServerMetadata> readAnswer(const QString& issuer, int index, const HttpClientResponse& response,
                                                 bool* tryNext);

    QJsonObject document;
    QUrl sourceUrl;
    QString issuer;
    QString authorizationEndpoint;
    QString tokenEndpoint;
    QString deviceAuthorizationEndpoint;        // RFC 8628 §4
    QString pushedAuthorizationRequestEndpoint; // RFC 9126 §5
    bool requirePushedAuthorizationRequests = false;
    QString introspectionEndpoint; // RFC 8414 §2
    QString revocationEndpoint;
    QString userinfoEndpoint; // OIDC
    QString jwksUri;
    bool authorizationResponseIssParameterSupported = false; // RFC 9207 §3
    QStringList tokenEndpointAuthMethods;                    // empty: "client_secret_basic" (RFC 8414 §2)
    QStringList codeChallengeMethods;                        // RFC 8414 §2 (RFC 7636)
    QStringList grantTypes;
};
