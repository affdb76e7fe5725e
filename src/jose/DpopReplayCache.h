// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

/// The jti replay cache of a DPoP proof validator (RFC 9449 §11.1): remembers each accepted proof's jti until the
/// proof could no longer pass the iat window, so the cache stays bounded by the traffic of one window. Keys are
/// "jkt|jti": two clients whose random jti collide do not block each other. Thread-safe.
class DpopReplayCache
{
public:
    /// `capacity` bounds memory under a flood: when full, expired entries are dropped first, then the request is
    /// refused (a proof that cannot be remembered cannot be accepted safely).
    explicit DpopReplayCache(int capacity = 100000)
        : m_capacity(capacity)
    {
    }

    /// Records `key` until `expiresAt` (seconds since the epoch). False when it is already there and not yet
    /// expired at `now` (a replay), or when the cache is full.
    bool remember(const QString& key, qint64 expiresAt, qint64 now);
    int size() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_seen;
    int m_capacity;
};
