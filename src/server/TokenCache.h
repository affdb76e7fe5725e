// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>

#include <array>
#include <memory>
#include <optional>

struct VerificationResult;

/// Bounded cache of verified tokens, keyed on the exact token bytes. An entry remembers the key-set generation
/// it was verified with and the token's exp; lookup() re-checks exp against "now" on every hit, so a cached
/// token never outlives its expiry. Sharded (16 locks) so that worker threads rarely contend. When a shard is
/// full an arbitrary entry is evicted.
class TokenCache
{
public:
    struct Entry
    {
        quint64 generation = 0;
        std::optional<qint64> exp; // seconds since the epoch (fractions rounded down)
        std::shared_ptr<const VerificationResult> result;
    };
    enum class Lookup
    {
        Miss,
        Hit,
        Expired
    };

    explicit TokenCache(int capacity = 4096);

    /// `nowSeconds - leewaySeconds >= exp` counts as expired (RFC 7519 §4.1.4, panva/jose's rule).
    Lookup lookup(const QByteArray& token, quint64 generation, qint64 nowSeconds, qint64 leewaySeconds,
                  Entry* entry) const;
    void insert(const QByteArray& token, Entry entry);
    int size() const;
    int capacity() const { return m_capacity; }

private:
    static constexpr int kShards = 16;
    struct Shard
    {
        mutable QMutex mutex;
        QHash<QByteArray, Entry> entries;
    };
    Shard& shardFor(const QByteArray& token) const;

    int m_capacity;
    int m_perShard;
    mutable std::array<Shard, kShards> m_shards;
};
