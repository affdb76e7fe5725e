// SPDX-License-Identifier: MIT
#include "server/UserDirectory.h"

#include "core/JsonText.h"
#include "crypto/SecureBytes.h"

#include <QFile>
#include <QJsonArray>

namespace {

constexpr qint64 kMaxUsersFileBytes = 1024 * 1024;

TestUser user(const QString& name, const QString& given, const QString& family)
{
    TestUser u;
    u.username = name;
    u.password = name;
    u.claims = QJsonObject{{QStringLiteral("name"), QString(given + QLatin1Char(' ') + family)},
                           {QStringLiteral("given_name"), given},
                           {QStringLiteral("family_name"), family},
                           {QStringLiteral("preferred_username"), name},
                           {QStringLiteral("email"), QString(name + QStringLiteral("@example.com"))},
                           {QStringLiteral("email_verified"), true}};
    return u;
}

} // namespace

UserDirectory UserDirectory::defaults()
{
    UserDirectory d;
    d.m_users = {user(QStringLiteral("alice"), QStringLiteral("Alice"), QStringLiteral("Example")),
                 user(QStringLiteral("bob"), QStringLiteral("Bob"), QStringLiteral("Example"))};
    return d;
}

Result<UserDirectory> UserDirectory::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    const auto root = JsonText::parseObject(file.read(kMaxUsersFileBytes));
    if (!root) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("%1: %2").arg(path, root.error().message));
    }
    UserDirectory d;
    for (const QJsonValue& value : root->value(QLatin1String("users")).toArray()) {
        const QJsonObject o = value.toObject();
        TestUser u;
        u.username = o.value(QLatin1String("username")).toString();
        u.password = o.value(QLatin1String("password")).toString();
        u.claims = o.value(QLatin1String("claims")).toObject();
        if (u.username.isEmpty() || u.password.isEmpty()) {
            return Error(ErrorCode::Usage, QStringLiteral("%1: every user needs a username and a password").arg(path));
        }
        if (d.find(u.username)) {
            return Error(ErrorCode::Usage, QStringLiteral("%1: user %2 appears twice").arg(path, u.username));
        }
        d.m_users.append(u);
    }
    if (d.m_users.isEmpty()) {
        return Error(ErrorCode::Usage, QStringLiteral("%1 has no users").arg(path));
    }
    return d;
}

const TestUser* UserDirectory::find(const QString& username) const
{
    for (const TestUser& u : m_users) {
        if (u.username == username) {
            return &u;
        }
    }
    return nullptr;
}

const TestUser* UserDirectory::authenticate(const QString& username, const QString& password) const
{
    const TestUser* u = find(username);
    return u && secureEquals(u->password.toUtf8(), password.toUtf8()) ? u : nullptr;
}

QJsonObject UserDirectory::claimsFor(const TestUser& user, const QStringList& scopes)
{
    // OIDC Core §5.4: which claims each scope requests.
    static const QHash<QString, QStringList> kByScope{
        {QStringLiteral("profile"),
         {QStringLiteral("name"), QStringLiteral("given_name"), QStringLiteral("family_name"),
          QStringLiteral("middle_name"), QStringLiteral("nickname"), QStringLiteral("preferred_username"),
          QStringLiteral("profile"), QStringLiteral("picture"), QStringLiteral("website"), QStringLiteral("gender"),
          QStringLiteral("birthdate"), QStringLiteral("zoneinfo"), QStringLiteral("locale"),
          QStringLiteral("updated_at")}},
        {QStringLiteral("email"), {QStringLiteral("email"), QStringLiteral("email_verified")}},
        {QStringLiteral("address"), {QStringLiteral("address")}},
        {QStringLiteral("phone"), {QStringLiteral("phone_number"), QStringLiteral("phone_number_verified")}},
    };
    QJsonObject out{{QStringLiteral("sub"), user.username}};
    for (const QString& scope : scopes) {
        for (const QString& claim : kByScope.value(scope)) {
            if (user.claims.contains(claim)) {
                out.insert(claim, user.claims.value(claim));
            }
        }
    }
    return out;
}

QStringList UserDirectory::usernames() const
{
    QStringList out;
    for (const TestUser& u : m_users) {
        out.append(u.username);
    }
    return out;
}
