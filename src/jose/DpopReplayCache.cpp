// SPDX-License-Identifier: MIT
#include "jose/DpopReplayCache.h"

bool DpopReplayCache::remember(const QString& key, qint64 expiresAt, qint64 now)
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_seen.constFind(key);
    if (it != m_seen.cend() && it.value() > now) {
        return false;
    }
    if (m_seen.size() >= m_capacity) {
        m_seen.removeIf([now](const auto& entry) { return entry.value() <= now; });
        if (m_seen.size() >= m_capacity) {
            return false;
        }
    }
    m_seen.insert(key, expiresAt);
    return true;
}

int DpopReplayCache::size() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_seen.size());
}
