// SPDX-License-Identifier: MIT
#include "net/JwksCache.h"

#include <limits>

qint64 JwksCache::maxAge(const QByteArray& cacheControl, bool* noStore)
{
    if (noStore) {
        *noStore = false;
    }
    qint64 age = -1;
    bool noCache = false;
    // RFC 9111 §5.2: comma-separated directives, names case-insensitive, max-age=delta-seconds (maybe quoted).
    for (const QByteArray& raw : cacheControl.split(',')) {
        const QByteArray directive = raw.trimmed().toLower();
        if (directive == "no-store") {
            if (noStore) {
                *noStore = true;
            }
        } else if (directive == "no-cache") {
            noCache = true;
        } else if (directive.startsWith("max-age=")) {
            QByteArray value = directive.mid(8);
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            bool ok = false;
            const qint64 seconds = value.toLongLong(&ok);
            if (ok && seconds >= 0) {
                // §1.2.2: a delta-seconds too large to represent is taken as 2^31.
                age = std::min<qint64>(seconds, std::numeric_limits<qint32>::max());
            }
        }
    }
    return noCache ? 0 : age;
}

void JwksCache::store(const QString& url, const QByteArray& body, const QByteArray& etag,
                      const QByteArray& cacheControl, qint64 nowMs)
{
    bool noStore = false;
    const qint64 age = maxAge(cacheControl, &noStore);
    if (noStore) {
        m_entries.remove(url);
        return;
    }
    if (!m_entries.contains(url) && m_entries.size() >= kMaxEntries) {
        auto oldest = m_entries.begin();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->storedAtMs < oldest->storedAtMs) {
                oldest = it;
            }
        }
        m_entries.erase(oldest);
    }
    Entry e;
    e.body = body;
    e.etag = etag;
    e.storedAtMs = nowMs;
    e.freshUntilMs = age > 0 ? nowMs + age * 1000 : 0;
    m_entries.insert(url, e);
}

void JwksCache::refresh(const QString& url, const QByteArray& cacheControl, qint64 nowMs)
{
    auto it = m_entries.find(url);
    if (it == m_entries.end()) {
        return;
    }
    const qint64 age = maxAge(cacheControl);
    it->storedAtMs = nowMs;
    it->freshUntilMs = age > 0 ? nowMs + age * 1000 : 0;
}

const JwksCache::Entry* JwksCache::find(const QString& url) const
{
    const auto it = m_entries.constFind(url);
    return it == m_entries.constEnd() ? nullptr : &*it;
}

bool JwksCache::isFresh(const QString& url, qint64 nowMs) const
{
    const Entry* e = find(url);
    return e && nowMs < e->freshUntilMs;
}

void JwksCache::remove(const QString& url)
{
    m_entries.remove(url);
}
