// SPDX-License-Identifier: MIT
#include "workspace/AuthConfig.h"

#include <QJsonValue>

namespace {
const std::pair<AuthConfig::Type, const char*> kTypes[] = {
    {AuthConfig::Type::Inherit, "inherit"}, {AuthConfig::Type::None, "none"},     {AuthConfig::Type::Bearer, "bearer"},
    {AuthConfig::Type::Basic, "basic"},     {AuthConfig::Type::ApiKey, "apikey"}, {AuthConfig::Type::Jwt, "jwt"},
    {AuthConfig::Type::OAuth2, "oauth2"},
};

Error authInvalid(const QString& what)
{
    return Error(ErrorCode::JsonInvalid, QStringLiteral("auth: %1").arg(what));
}

bool readString(const QJsonObject& o, const char* name, QString& out)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    out = v.toString();
    return true;
}
} // namespace

QString AuthConfig::typeName(Type type)
{
    for (const auto& [t, name] : kTypes) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("inherit");
}

std::optional<AuthConfig::Type> AuthConfig::typeFromName(const QString& name)
{
    for (const auto& [t, n] : kTypes) {
        if (name == QLatin1String(n))
            return t;
    }
    return std::nullopt;
}

QStringList AuthConfig::secretMembers()
{
    return {QStringLiteral("token"), QStringLiteral("password"), QStringLiteral("apiKeyValue"),
            QStringLiteral("jwtKey")};
}

QString AuthConfig::secret(const QString& member) const
{
    if (member == QLatin1String("token"))
        return token;
    if (member == QLatin1String("password"))
        return password;
    if (member == QLatin1String("apiKeyValue"))
        return apiKeyValue;
    if (member == QLatin1String("jwtKey"))
        return jwtKey;
    Q_ASSERT_X(false, "AuthConfig::secret", "not a secret member");
    return {};
}

void AuthConfig::setSecret(const QString& member, const QString& value)
{
    if (member == QLatin1String("token"))
        token = value;
    else if (member == QLatin1String("password"))
        password = value;
    else if (member == QLatin1String("apiKeyValue"))
        apiKeyValue = value;
    else if (member == QLatin1String("jwtKey"))
        jwtKey = value;
    else
        Q_ASSERT_X(false, "AuthConfig::setSecret", "not a secret member");
}

QJsonObject AuthConfig::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), typeName(type)}};
    switch (type) {
    case Type::Inherit:
    case Type::None:
        break;
    case Type::Bearer:
        o.insert(QStringLiteral("token"), token);
        break;
    case Type::Basic:
        o.insert(QStringLiteral("username"), username);
        o.insert(QStringLiteral("password"), password);
        break;
    case Type::ApiKey:
        o.insert(QStringLiteral("apiKeyName"), apiKeyName);
        o.insert(QStringLiteral("apiKeyValue"), apiKeyValue);
        o.insert(QStringLiteral("in"), apiKeyInQuery ? QStringLiteral("query") : QStringLiteral("header"));
        break;
    case Type::Jwt:
        o.insert(QStringLiteral("algorithm"), jwtAlgorithm);
        o.insert(QStringLiteral("jwtKey"), jwtKey);
        if (!jwtHeader.isEmpty())
            o.insert(QStringLiteral("header"), jwtHeader);
        o.insert(QStringLiteral("claims"), jwtClaims);
        o.insert(QStringLiteral("lifetimeSeconds"), jwtLifetimeSeconds);
        break;
    case Type::OAuth2:
        o.insert(QStringLiteral("profile"), profile);
        break;
    }
    return o;
}

Result<AuthConfig> AuthConfig::fromJson(const QJsonObject& json)
{
    AuthConfig a;
    const QJsonValue typeValue = json.value(QStringLiteral("type"));
    if (!typeValue.isUndefined()) {
        const auto type = typeFromName(typeValue.toString());
        if (!type)
            return authInvalid(QStringLiteral("unknown type \"%1\"").arg(typeValue.toString()));
        a.type = *type;
    }
    QString in;
    if (!readString(json, "token", a.token) || !readString(json, "username", a.username) ||
        !readString(json, "password", a.password) || !readString(json, "apiKeyName", a.apiKeyName) ||
        !readString(json, "apiKeyValue", a.apiKeyValue) || !readString(json, "in", in) ||
        !readString(json, "algorithm", a.jwtAlgorithm) || !readString(json, "jwtKey", a.jwtKey) ||
        !readString(json, "header", a.jwtHeader) || !readString(json, "claims", a.jwtClaims) ||
        !readString(json, "profile", a.profile))
        return authInvalid(QStringLiteral("text members must be strings"));
    if (!in.isEmpty() && in != QLatin1String("header") && in != QLatin1String("query"))
        return authInvalid(QStringLiteral("\"in\" must be \"header\" or \"query\""));
    a.apiKeyInQuery = in == QLatin1String("query");
    const QJsonValue lifetime = json.value(QStringLiteral("lifetimeSeconds"));
    if (!lifetime.isUndefined()) {
        if (!lifetime.isDouble() || lifetime.toDouble() < 1 || lifetime.toDouble() > 31536000)
            return authInvalid(QStringLiteral("\"lifetimeSeconds\" must be 1 to 31536000"));
        a.jwtLifetimeSeconds = lifetime.toInt();
    }
    return a;
}
