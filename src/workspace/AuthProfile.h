// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

/// A named OAuth 2.0 / OpenID Connect client configuration of a workspace, referenced by `oauth2` auth. This is
/// the stored shape; the flows that use it live in net. The client secret and the password (legacy password
/// grant) are secrets: WorkspaceStore keeps them in the SecretStore unless they are only `{{variable}}` references.
struct AuthProfile
{
    enum class Grant
    {
        ClientCredentials,
        AuthorizationCode,
        DeviceCode,
        RefreshToken,
        Password, // legacy (OAuth 2.0 Security BCP: must not be used)
        Implicit, // legacy
        TokenExchange,
    };
    enum class ClientAuth
    {
        Basic, // client_secret_basic
        Post,  // client_secret_post
        ClientSecretJwt,
        PrivateKeyJwt,
        None, // public client
    };

    QString name;
    Grant grant = Grant::ClientCredentials;
    QString issuer; // discovery (OIDC or RFC 8414) base; empty when the URLs are typed by hand
    QString tokenUrl;
    QString authorizeUrl;
    QString deviceAuthorizationUrl;
    // The token actions' endpoints, typed by hand; empty: from the issuer's metadata (RFC 8414 §2, OIDC Discovery §3).
    QString introspectionUrl; // RFC 7662
    QString revocationUrl;    // RFC 7009
    QString userinfoUrl;      // OIDC Core §5.3
    QString clientId;
    QString clientSecret;
    ClientAuth clientAuth = ClientAuth::Basic;
    QString clientKeyFile; // private_key_jwt: the signing key's file
    QString scope;
    QString audience;
    QString resource;
    QString pkce = QStringLiteral("S256"); // "S256", "plain" or "off"
    QString username;
    QString password;
    /// RFC 9449: tokens bound to a DPoP key of this profile (made once, kept with the token, never in the workspace).
    bool dpop = false;

    friend bool operator==(const AuthProfile&, const AuthProfile&) = default;

    /// "clientSecret", "password".
    static QStringList secretMembers();
    QString secret(const QString& member) const;
    void setSecret(const QString& member, const QString& value);

    QJsonObject toJson() const;
    /// Errors: ERR_JSON_INVALID.
    static Result<AuthProfile> fromJson(const QJsonObject& json);

    static QString grantName(Grant grant);          // "client_credentials", "authorization_code", ...
    static QString clientAuthName(ClientAuth auth); // "client_secret_basic", ...
    static std::optional<Grant> grantFromName(const QString& name);
    static std::optional<ClientAuth> clientAuthFromName(const QString& name);
};
