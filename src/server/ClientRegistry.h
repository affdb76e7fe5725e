// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

/// One OAuth client of the embedded provider (RFC 7591 §2 metadata names).
struct RegisteredClient
{
    QString id;
    QByteArray secret;        // empty: a public client (token_endpoint_auth_method "none", RFC 6749 §2.1)
    QStringList redirectUris; // exact match, except the port of loopback IP literals (RFC 8252 §7.3)
    QStringList grantTypes;   // "authorization_code", "refresh_token", "client_credentials", the device code URN,
                              // "implicit" (RFC 7591 §2: response_type=token, legacy)
    QString name;

    bool isPublic() const { return secret.isEmpty(); }
    bool allowsGrant(const QString& grantType) const { return grantTypes.contains(grantType); }
};

/// The clients the embedded provider knows: the confidential `tokenscope-demo` (the issuer's client credentials),
/// the public `tokenscope-public` (the only built-in client allowed the legacy implicit grant, to test clients of
/// it), and those of `serve --clients FILE`. Immutable once serving; thread-safe.
class ClientRegistry
{
public:
    static constexpr const char* kPublicClientId = "tokenscope-public";
    static constexpr const char* kDeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"; // RFC 8628 §3.4

    /// The two built-in clients; both may redirect to http://127.0.0.1/callback, http://[::1]/callback and
    /// http://localhost/callback on any port.
    static ClientRegistry defaults(const QString& demoClientId, const QByteArray& demoSecret);

    /// Adds the clients of a JSON file, replacing built-in ones of the same id:
    /// {"clients": [{"client_id": "...", "client_secret": "..." (absent: public), "redirect_uris": [...],
    ///  "grant_types": [...] (default authorization_code, refresh_token, device code), "client_name": "..."}]}.
    /// Errors: ERR_IO, ERR_JSON_INVALID, ERR_USAGE (a client without id, a redirect URI that is not absolute or has a
    /// fragment (RFC 6749 §3.1.2), an unknown grant type).
    Result<void> loadFile(const QString& path);

    const RegisteredClient* find(const QString& id) const;
    QList<RegisteredClient> clients() const { return m_clients; }

    /// Constant-time secret check of a confidential client.
    static bool checkSecret(const RegisteredClient& client, const QByteArray& secret);
    /// RFC 6749 §3.1.2.3 simple string comparison, except that for a registered loopback redirect URI
    /// (127.0.0.0/8, [::1], localhost) any port is accepted (RFC 8252 §7.3).
    static bool redirectUriMatches(const QString& registered, const QString& requested);
    static bool redirectUriAllowed(const RegisteredClient& client, const QString& requested);

private:
    QList<RegisteredClient> m_clients;
};
