// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "net/TokenGrant.h"
#include "workspace/AuthProfile.h"

#include <QHash>
#include <QList>

#include <optional>

class Clock;

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
    void setClock(const Clock* clock) { m_clock = clock; }

    static QString keyFor(const AuthProfile& profile, const QString& environment = {});
    /// "eyJhbG…(812 chars)": enough to tell tokens apart in a log, not enough to use one.
    static QString redacted(const QString& token);

    /// The access token when it is not within the margin of its expiry.
    std::optional<ManagedToken> usable(const QString& key) const;
    /// Whatever is kept (possibly expired), e.g. for its refresh token.
    std::optional<ManagedToken> stored(const QString& key) const;
    /// Keeps `grant` under `key` and logs it. A refresh answer without a refresh_token keeps the old one (RFC 6749
    /// §6: the server may keep it valid). Returns what is kept.
    ManagedToken store(const QString& key, const QString& profile, const QString& grantName, const QString& endpoint,
                       const TokenGrant& grant);
    void logFailure(const QString& profile, const QString& grantName, const QString& endpoint, const Error& error);
    /// Drops the access token of `key` (the refresh token stays).
    void invalidate(const QString& key);
    /// Forgets every token (of one profile when named).
    void forget(const QString& profileName = {});

    /// The keys of every kept token (for a token list), in no particular order.
    QStringList keys() const { return m_tokens.keys(); }
    /// The profile name and the grant name a keyFor() key was made of.
    static QString profileOfKey(const QString& key);
    static QString grantOfKey(const QString& key);

    QList<TokenLogEntry> log() const { return m_log; }
    int size() const { return int(m_tokens.size()); }
    qint64 nowMs() const;

private:
    void append(TokenLogEntry entry);

    const Clock* m_clock = nullptr;
    QHash<QString, ManagedToken> m_tokens;
    QList<TokenLogEntry> m_log;
};
