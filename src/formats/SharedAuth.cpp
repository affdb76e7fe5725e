// SPDX-License-Identifier: MIT
#include "formats/SharedAuth.h"

#include "workspace/WorkspaceStore.h"

QString SharedAuth::placeholder(const QString& member)
{
    if (member == QLatin1String("token"))
        return QStringLiteral("{{bearerToken}}");
    if (member == QLatin1String("password"))
        return QStringLiteral("{{basicPassword}}");
    if (member == QLatin1String("apiKeyValue"))
        return QStringLiteral("{{apiKeyValue}}");
    return QStringLiteral("{{jwtToken}}");
}

AuthConfig SharedAuth::withPlaceholders(const AuthConfig& auth, bool includeSecrets, QStringList& notes)
{
    AuthConfig out = auth;
    if (out.type == AuthConfig::Type::Jwt) {
        // The token is signed from a key and a claims template on each send; a file can only carry the result.
        out.type = AuthConfig::Type::Bearer;
        out.token = placeholder(QStringLiteral("jwtKey"));
        out.jwtKey.clear();
        notes << QStringLiteral("JWT auth (signed on each send) written as Bearer %1").arg(out.token);
        return out;
    }
    const auto replace = [&](QString& value, const QString& member, const QString& what) {
        const bool shareable = !value.isEmpty() && WorkspaceStore::isOnlyReferences(value);
        if (shareable || (includeSecrets && !value.isEmpty()))
            return;
        value = placeholder(member);
        notes << QStringLiteral("%1 written as %2 (the secret is not exported)").arg(what, value);
    };
    switch (out.type) {
    case AuthConfig::Type::Bearer:
        replace(out.token, QStringLiteral("token"), QStringLiteral("bearer token"));
        break;
    case AuthConfig::Type::Basic:
        replace(out.password, QStringLiteral("password"), QStringLiteral("Basic password"));
        break;
    case AuthConfig::Type::ApiKey:
        replace(out.apiKeyValue, QStringLiteral("apiKeyValue"), QStringLiteral("API key value"));
        break;
    default:
        break;
    }
    return out;
}
