// SPDX-License-Identifier: MIT
#pragma once

#include "jose/JwksDiff.h"

#include <optional>

/// One remembered fetch of a URL.
struct JwksSnapshot
{
    QString url;
    qint64 fetchedAtMs = 0;
    Jwks keys;
};

/// A refresh compared with the fetch before it.
struct JwksRotation
{
    std::optional<JwksSnapshot> previous; // absent for the first fetch of a URL
    JwksSnapshot current;
    JwksDiff diff; // previous → current (everything "added" for the first fetch)
};

/// Remembers, per URL, the last two fetched JWK Sets on disk so that each refresh shows the key rotation since the
/// fetch before (JwksDiff: added, removed, changed) with both fetch times. One JSON file per URL (named by the
/// SHA-256 of the URL) in `directory`, written atomically (QSaveFile). Only public members are stored: private
/// members and symmetric keys published by mistake never reach the disk (symmetric keys are therefore not
/// remembered at all). Errors: ERR_IO, ERR_JSON_INVALID (a damaged file).
class JwksHistoryStore
{
public:
    static constexpr qint64 kMaxFileSize = 32 * 1024 * 1024;

    explicit JwksHistoryStore(QString directory);
    /// DataDirectory::jwksHistoryDirectory().
    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    QString fileFor(const QString& url) const;

    /// The last recorded rotation of `url` (nullopt when the URL was never recorded).
    Result<std::optional<JwksRotation>> load(const QString& url) const;
    /// Stores `keys` as the newest fetch of `url` and returns the rotation since the fetch before.
    Result<JwksRotation> record(const QString& url, const Jwks& keys, qint64 fetchedAtMs);

private:
    QString m_directory;
};
