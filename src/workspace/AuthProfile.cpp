// SPDX-License-Identifier: MIT
#include "workspace/AuthProfile.h"

#include <QJsonValue>

namespace {
const std::pair<AuthProfile::Grant, const char*> kGrants[] = {
    {AuthProfile::Grant::ClientCredentials, "client_credentials"},
    {AuthProfile::Grant::AuthorizationCode, "authorization_code"},
    {AuthProfile::Grant::DeviceCode, "device_code"},
    {AuthProfile::Grant::RefreshToken, "refresh_token"},
    {AuthProfile::Grant::Password, "password"},
    {AuthProfile::Grant::Implicit, "implicit"},
    {AuthProfile::Grant::TokenExchange, "token_exchange"},
};
const std::pair<AuthProfile::ClientAuth, const char*> kClientAuth[] = {
    {AuthProfile::ClientAuth::Basic, "client_secret_basic"},
    {AuthProfile::ClientAuth::Post, "client_secret_post"},
    {AuthProfile::ClientAuth::ClientSecretJwt, "client_secret_jwt"},
    {AuthProfile::ClientAuth::PrivateKeyJwt, "private_key_jwt"},
    {AuthProfile::ClientAuth::None, "none"},
};

struct Member
{
    const char* name;
    QString AuthProfile::*field;
};
const Member kStrings[] = {
    {"name", &AuthProfile::name},
    {"issuer", &AuthProfile::issuer},
    {"tokenUrl", &AuthProfile::tokenUrl},
    {"authorizeUrl", &AuthProfile::authorizeUrl},
    {"deviceAuthorizationUrl", &AuthProfile::deviceAuthorizationUrl},
    {"introspectionUrl", &AuthProfile::introspectionUrl},
    {"revocationUrl", &AuthProfile::revocationUrl},
    {"userinfoUrl", &AuthProfile::userinfoUrl},
    {"clientId", &AuthProfile::clientId},
    {"clientSecret", &AuthProfile::clientSecret},
    {"clientKeyFile", &AuthProfile::clientKeyFile},
    {"scope", &AuthProfile::scope},
    {"audience", &AuthProfile::audience},
    {"resource", &AuthProfile::resource},
    {"pkce", &AuthProfile::pkce},
    {"username", &AuthProfile::username},
    {"password", &AuthProfile::password},
};
} // namespace

QString AuthProfile::grantName(Grant grant)
{
    for (const auto& [g, name] : kGrants) {
        if (g == grant)
            return QString::fromLatin1(name);
    }
    return {};
}

QString AuthProfile::clientAuthName(ClientAuth auth)
{
    for (const auto& [a, name] : kClientAuth) {
        if (a == auth)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AuthProfile::Grant> AuthProfile::grantFromName(const QString& name)
{
    for (const auto& [g, n] : kGrants) {
        if (name == QLatin1String(n))
            return g;
    }
    return std::nullopt;
}

std::optional<AuthProfile::ClientAuth> AuthProfile::clientAuthFromName(const QString& name)
{
    for (const auto& [a, n] : kClientAuth) {
        if (name == QLatin1String(n))
            return a;
    }
    return std::nullopt;
}

QStringList AuthProfile::secretMembers()
{
    return {QStringLiteral("clientSecret"), QStringLiteral("password")};
}

QString AuthProfile::secret(const QString& member) const
{
    Q_ASSERT(secretMembers().contains(member));
    return member == QLatin1String("password") ? password : clientSecret;
}

void AuthProfile::setSecret(const QString& member, const QString& value)
{
    Q_ASSERT(secretMembers().contains(member));
    (member == QLatin1String("password") ? password : clientSecret) = value;
}

QJsonObject AuthProfile::toJson() const
{
    QJsonObject o{{QStringLiteral("grant"), grantName(grant)},
                  {QStringLiteral("clientAuth"), clientAuthName(clientAuth)}};
    for (const auto& m : kStrings) {
        const QString& value = this->*m.field;
        if (!value.isEmpty() || QLatin1String(m.name) == QLatin1String("name"))
            o.insert(QLatin1String(m.name), value);
    }
    if (dpop) // written only when on, so existing profile files stay as they are
        o.insert(QStringLiteral("dpop"), true);
    return o;
}

Result<AuthProfile> AuthProfile::fromJson(const QJsonObject& json)
{
    AuthProfile p;
    for (const auto& m : kStrings) {
        const QJsonValue v = json.value(QLatin1String(m.name));
        if (v.isUndefined())
            continue;
        if (!v.isString())
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("auth profile: \"%1\" must be a string").arg(QLatin1String(m.name)));
        p.*m.field = v.toString();
    }
    if (json.contains(QStringLiteral("grant"))) {
        const auto grant = grantFromName(json.value(QStringLiteral("grant")).toString());
        if (!grant)
            return Error(ErrorCode::JsonInvalid, QStringLiteral("auth profile: unknown grant"));
        p.grant = *grant;
    }
    if (json.contains(QStringLiteral("clientAuth"))) {
        const auto auth = clientAuthFromName(json.value(QStringLiteral("clientAuth")).toString());
        if (!auth)
            return Error(ErrorCode::JsonInvalid, QStringLiteral("auth profile: unknown clientAuth"));
        p.clientAuth = *auth;
    }
    if (const QJsonValue dpop = json.value(QStringLiteral("dpop")); !dpop.isUndefined()) {
        if (!dpop.isBool())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("auth profile: \"dpop\" must be true or false"));
        p.dpop = dpop.toBool();
    }
    if (p.name.trimmed().isEmpty())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("auth profile: \"name\" is required"));
    return p;
}
