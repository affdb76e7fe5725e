// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "jose/Jwk.h"
#include "net/TokenGrant.h"
#include "workspace/AuthProfile.h"

#include <QHash>
#include <QList>

#include <memory>
#include <optional>

class Clock;
class SecretStore;
struct TokenEndpointRequest;

/// A token obtained for an auth profile, as the manager keeps it.
struct ManagedToken
{
    QString accessToken;
    QString tokenType;
    QString refreshToken; // the newest one: a rotated refresh token replaces the old (RFC 9700 §4.14.2)
    QString idToken;
    QString scope;
    qint64 obtainedAtMs = 0;
    qint64 expiresAtMs = 0; // 0: unknown (kept until refused)
};

/// One exchange with a token endpoint, for the token log. Values are redacted; never the token itself.
struct TokenLogEntry
{
    qint64 atMs = 0;
    QString profile;
    QString grant;    // "client_credentials", "refresh_token", ...
    QString endpoint; // the token URL
    QString outcome;  // "ok" or the error code ("invalid_grant", "ERR_NET_TIMEOUT")
    QString scope;
    qint64 expiresAtMs = 0;
    QString accessToken;  // redacted()
    QString refreshToken; // redacted(); empty when none came
    QString key;          // the TokenManager key the token was kept under (empty for a failure)
};

/// The tokens of auth profiles, in memory only (never in workspace files): kept per (profile, environment,
/// issuer or token URL, client id, scope, audience, resource), so changing any of them asks for a new token.
/// Expiry is the earlier of `expires_in` (RFC 6749 §5.1) and a JWT access token's `exp`; a token is not handed out
/// within kRefreshMarginMs of it, so it does not expire in flight. After a 401 with error="invalid_token"
/// (RFC 6750 §3.1) invalidate() drops the access token but keeps the refresh token. Every exchange goes to the log.
/// Time comes from the injected Clock.
class TokenManager
{
public:
    static constexpr qint64 kRefreshMarginMs = 30'000;
    static constexpr int kMaxLogEntries = 200;

    explicit TokenManager(const Clock* clock = nullptr);
    ~TokenManager();
    void setClock(const Clock* clock) { m_clock = clock; }
    /// Also keeps tokens, refresh tokens and DPoP keys in `store` (the keychain; never a workspace file), one secret
    /// per profile under `prefix` + profile name (e.g. "tokenscope/workspace/<id>/oauth/"), so the next process
    /// (`tokenscope-cli oauth token --profile`, `request --auth-profile`) reuses them. Null: memory only.
    void setSecretStore(std::shared_ptr<SecretStore> store, const QString& prefix);

    static QString keyFor(const AuthProfile& profile, const QString& environment = {});
    /// "eyJhbG…(812 chars)": enough to tell tokens apart in a log, not enough to use one.
    static QString redacted(const QString& token);

    /// The access token when it is not within the margin of its expiry.
    std::optional<ManagedToken> usable(const QString& key) const;
    /// Whatever is kept (possibly expired), e.g. for its refresh token.
    std::optional<ManagedToken> stored(const QString& key) const;
    /// Reads the profile of `key` from the secret store into memory unless it is there already (a no-op without a
    /// store). Errors: the store's (ERR_IO); a damaged entry is dropped, not an error.
    Result<void> restore(const QString& key);
    /// Keeps `grant` under `key` and logs it. A refresh answer without a refresh_token keeps the old one (RFC 6749
    /// §6: the server may keep it valid). Returns what is kept.
    ManagedToken store(const QString& key, const QString& profile, const QString& grantName, const QString& endpoint,
                       const TokenGrant& grant);
    void logFailure(const QString& profile, const QString& grantName, const QString& endpoint, const Error& error);
    /// Drops the access token of `key` (the refresh token stays).
    void invalidate(const QString& key);
    /// Forgets every token (of one profile when named), and their DPoP keys.
    void forget(const QString& profileName = {});

    /// The keys of every kept token (for a token list), in no particular order.
    QStringList keys() const { return m_tokens.keys(); }
    /// The profile name and the grant name a keyFor() key was made of.
    static QString profileOfKey(const QString& key);
    static QString grantOfKey(const QString& key);
    /// RFC 9449: the DPoP key of `key`, a P-256 (ES256) key made on first use and kept with the token (memory only,
    /// never in workspace files), so refreshed and re-fetched tokens stay bound to one key (refresh tokens of public
    /// clients are bound to it, §5). Errors: the key generation's.
    Result<Jwk> dpopKey(const QString& key);
    /// RFC 9449 §5: puts dpopKey(`key`) and the last nonce of the token endpoint's origin on `request`, so the token
    /// comes back bound to that key. The one way the GUI's "Get new token" (OAuthTokenFlow), `tokenscope-cli oauth
    /// token` and RequestSession ask for DPoP-bound tokens. Errors: dpopKey()'s.
    Result<void> bindDpop(TokenEndpointRequest& request, const QString& key);
    /// The RFC 7638 thumbprint of the DPoP key kept for `key` (what a bound token's `cnf.jkt` holds); empty when none
    /// was made. Never makes one.
    QString dpopThumbprint(const QString& key) const;
    /// The last DPoP-Nonce a server (its origin, "https://host:port") sent; RFC 9449 §8.2: a new one replaces it.
    QString dpopNonce(const QString& origin) const { return m_dpopNonces.value(origin); }
    /// With `tokenKey`, the nonce is also kept in that profile's secret beside its tokens (only while it has one), and
    /// restore() brings it back, so the next process's first proof carries it and does not pay the use_dpop_nonce
    /// round trip (RFC 9449 §8). The store is written only when the nonce changed.
    void setDpopNonce(const QString& origin, const QString& nonce, const QString& tokenKey = {});
    /// "scheme://host:port" of a URL, the key of dpopNonce().
    static QString originOf(const QString& url);

    QList<TokenLogEntry> log() const { return m_log; }
    int size() const { return int(m_tokens.size()); }
    qint64 nowMs() const;

private:
    void append(TokenLogEntry entry);
    /// Writes (or removes, when nothing is left) the secret of `profile`.
    void persist(const QString& profile);

    std::shared_ptr<SecretStore> m_store;
    QString m_storePrefix;
    QHash<QString, bool> m_restored; // profiles read from the store already

    const Clock* m_clock = nullptr;
    QHash<QString, ManagedToken> m_tokens;
    QHash<QString, Jwk> m_dpopKeys;
    QHash<QString, QString> m_dpopNonces;
    QHash<QString, QStringList> m_nonceOrigins; // per profile: the origins whose nonce its secret keeps
    QList<TokenLogEntry> m_log;
};
