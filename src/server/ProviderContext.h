// SPDX-License-Identifier: MIT
#pragma once

#include "core/SystemClock.h"
#include "server/ClientRegistry.h"
#include "server/DpopVerifier.h"
#include "server/EmbeddedIssuer.h"
#include "server/GrantStore.h"
#include "server/UserDirectory.h"

#include <memory>

/// What the embedded OpenID provider's endpoints share: the issuer (key, minting), clients, users, the grant store,
/// the DPoP verifier and the lifetimes. Built once by OAuthProvider before serving; only `grants` changes after.
struct ProviderContext
{
    const EmbeddedIssuer* issuer = nullptr;
    ClientRegistry clients;
    UserDirectory users;
    GrantStore grants;
    std::shared_ptr<const DpopVerifier> dpop;
    QString audience;      // "aud" of every access token (the mock API)
    QStringList apiScopes; // scopes of the API (read:messages, write:messages, ...)
    qint64 accessTokenLifetime = 3600;
    qint64 codeLifetime = 60;
    qint64 refreshLifetime = 14 * 24 * 3600;
    qint64 deviceLifetime = 600;
    int deviceInterval = 5;
    qint64 parLifetime = 60;    // RFC 9126 §2.2 expires_in (short: "the request_uri value ... SHOULD be short lived")
    qint64 loginLifetime = 600; // how long a login page stays usable
    QString autoApproveUser;
    const Clock* clock = nullptr;

    qint64 now() const { return (clock ? clock : &SystemClock::instance())->nowSeconds(); }
    /// The issuer URL without its trailing slash: endpoints are baseUrl() + path.
    QString baseUrl() const
    {
        QString base = issuer->issuerUrl();
        if (base.endsWith(QLatin1Char('/'))) {
            base.chop(1);
        }
        return base;
    }
    QString url(const char* path) const { return baseUrl() + QLatin1String(path); }
    /// OpenID scopes (OIDC Core §5.4, §11) and the API's.
    QStringList supportedScopes() const
    {
        return QStringList{QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                           QStringLiteral("offline_access")} +
               apiScopes;
    }
};
