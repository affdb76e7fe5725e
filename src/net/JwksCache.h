// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

/// A small in-memory HTTP cache for key documents, keyed by URL (RFC 9111 reduced to what a JWKS client needs):
/// the body, its ETag (RFC 9110 §8.8.3) for a conditional request with If-None-Match (§13.1.2), and a freshness
/// lifetime from Cache-Control max-age (RFC 9111 §5.2.2.1). no-store responses are not kept; no-cache ones are
/// kept for revalidation only. At most kMaxEntries URLs; the oldest entry goes first.
class JwksCache
{
public:
    static constexpr int kMaxEntries = 64;

    struct Entry
    {
        QByteArray body;
        QByteArray etag;
        qint64 storedAtMs = 0;
        qint64 freshUntilMs = 0; // 0: stale at once (revalidate)
    };

    /// max-age in seconds from a Cache-Control value; -1 when absent; 0 for no-cache. *noStore set for no-store.
    static qint64 maxAge(const QByteArray& cacheControl, bool* noStore = nullptr);

    /// Stores a 200 response. Does nothing for no-store.
    void store(const QString& url, const QByteArray& body, const QByteArray& etag, const QByteArray& cacheControl,
               qint64 nowMs);
    /// A 304 Not Modified: the stored body stays, its lifetime comes from the new Cache-Control.
    void refresh(const QString& url, const QByteArray& cacheControl, qint64 nowMs);
    const Entry* find(const QString& url) const;
    bool isFresh(const QString& url, qint64 nowMs) const;
    void remove(const QString& url);
    void clear() { m_entries.clear(); }
    int size() const { return int(m_entries.size()); }

private:
    QHash<QString, Entry> m_entries;
};
