// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>

/// A test user of the embedded provider. `claims` are the OpenID Connect standard claims (OIDC Core §5.1) served
/// by /userinfo and put in id_tokens by scope (profile: name, given_name, family_name, preferred_username;
/// email: email, email_verified); "sub" is the username.
struct TestUser
{
    QString username;
    QString password;
    QJsonObject claims;
};

/// The provider's users: `alice` and `bob` (password = username; test accounts, never real ones) or those of
/// `serve --users FILE`. Immutable once serving; thread-safe.
class UserDirectory
{
public:
    static UserDirectory defaults();
    /// {"users": [{"username": "...", "password": "...", "claims": {...}}]}; replaces the defaults.
    /// Errors: ERR_IO, ERR_JSON_INVALID, ERR_USAGE (no users, a user without username or password, a duplicate).
    static Result<UserDirectory> fromFile(const QString& path);

    const TestUser* find(const QString& username) const;
    /// The user when the password matches (constant time), else null.
    const TestUser* authenticate(const QString& username, const QString& password) const;
    /// Claims released for `scopes` (OIDC Core §5.4), with "sub".
    static QJsonObject claimsFor(const TestUser& user, const QStringList& scopes);
    QStringList usernames() const;

private:
    QList<TestUser> m_users;
};
