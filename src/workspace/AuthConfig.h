// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

/// How a request, folder or collection authenticates. `Inherit` (the default of requests and folders) takes the
/// auth of the nearest folder or collection that sets one; a collection that inherits sends none.
///
/// Secret members (bearer token, Basic password, API key value, JWT signing key) are data like the others here;
/// where they are kept is the store's business (WorkspaceStore writes a value that is only `{{variable}}`
/// references to the file and every other secret value to the SecretStore).
struct AuthConfig
{
    enum class Type
    {
        Inherit,
        None,
        Bearer,
        Basic,
        ApiKey,
        Jwt,    // a token signed on each send from a key and a claims template (JOSE engine)
        OAuth2, // a reference to a named AuthProfile of the workspace
    };

    Type type = Type::Inherit;
    QString token; // Bearer
    QString username;
    QString password; // Basic
    QString apiKeyName;
    QString apiKeyValue;
    bool apiKeyInQuery = false;
    // Jwt: header {"alg": jwtAlgorithm, "typ": "JWT"} merged with jwtHeader; claims from jwtClaims with
    // {{variables}} resolved, and iat/exp (now, now + jwtLifetimeSeconds) added when the template has none.
    QString jwtAlgorithm = QStringLiteral("RS256");
    QString jwtKey;    // PEM, JWK JSON, or the HMAC secret
    QString jwtHeader; // JSON object text, may be empty
    QString jwtClaims; // JSON object text
    int jwtLifetimeSeconds = 300;
    QString profile; // OAuth2: the AuthProfile's name

    friend bool operator==(const AuthConfig&, const AuthConfig&) = default;

    /// The members that hold secrets, by their JSON name: "token", "password", "apiKeyValue", "jwtKey".
    static QStringList secretMembers();
    QString secret(const QString& member) const;
    void setSecret(const QString& member, const QString& value);

    /// `{"type": ..., members of that type}`. Secret members are written as they are; callers that persist
    /// (WorkspaceStore) take them out first.
    QJsonObject toJson() const;
    /// Errors: ERR_JSON_INVALID (unknown type, a member of the wrong type).
    static Result<AuthConfig> fromJson(const QJsonObject& json);

    static QString typeName(Type type);
    /// "inherit", "none", "bearer", "basic", "apikey", "jwt", "oauth2"; nullopt for anything else.
    static std::optional<Type> typeFromName(const QString& name);
};
