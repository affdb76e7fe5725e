// SPDX-License-Identifier: MIT
#include "server/TokenCache.h"

TokenCache::TokenCache(int capacity)
    : m_capacity(std::max(0, capacity))
    , m_perShard(std::max(1, m_capacity / kShards))
{
}

TokenCache::Shard& TokenCache::shardFor(const QByteArray& token) const
{
    // The signature's last bytes vary the most between tokens.
    const size_t h = qHash(QByteArrayView(token).last(std::min<qsizetype>(token.size(), 16)));
    return m_shards[h % kShards];
}

TokenCache::Lookup TokenCache::lookup(const QByteArray& token, quint64 generation, qint64 nowSeconds,
                                      qint64 leewaySeconds, Entry* entry) const
{
    if (m_capacity == 0) {
        return Lookup::Miss;
    }
    Shard& shard = shardFor(token);
    QMutexLocker locker(&shard.mutex);
    const auto it = shard.entries.constFind(token);
    if (it == shard.entries.cend()) {
        return Lookup::Miss;
    }
    if (it->generation != generation) {
        shard.entries.erase(it);
        return Lookup::Miss;
    }
    if (it->exp && nowSeconds - leewaySeconds >= *it->exp) {
        shard.entries.erase(it);
        return Lookup::Expired;
    }
    *entry = *it;
    return Lookup::Hit;
}

void TokenCache::insert(const QByteArray& token, Entry entry)
{
    if (m_capacity == 0) {
        return;
    }
    Shard& shard = shardFor(token);
    QMutexLocker locker(&shard.mutex);
    if (shard.entries.size() >= m_perShard && !shard.entries.contains(token)) {
        shard.entries.erase(shard.entries.begin());
    }
    shard.entries.insert(token, std::move(entry));
}

int TokenCache::size() const
{
    int n = 0;
    for (const Shard& s : m_shards) {
        QMutexLocker locker(&s.mutex);
        n += static_cast<int>(s.entries.size());
    }
    return n;
}
