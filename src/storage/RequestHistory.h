// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpClientResponse.h"
#include "request/HttpRequestSpec.h"

#include <QList>

/// One sent request and what came back (bodies capped; secrets redacted unless the history keeps them).
struct HistoryEntry
{
    qint64 id = 0;
    qint64 timeMs = 0; // when it was sent, ms since the epoch
    QString method;
    QString url;
    int status = 0; // 0: no response
    qint64 durationMs = 0;
    QString errorMessage;
    HttpRequestSpec request;
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    QByteArray responseBody;
    qint64 responseSize = 0;
    bool responseBodyTruncated = false; // by the history's cap (or the client's)
    bool secretsKept = false;

    QJsonObject toJson() const;
    static Result<HistoryEntry> fromJson(const QJsonObject& json);
};

/// Every sent request, newest first, capped in number and body size. By default tokens and secrets are redacted
/// before anything is stored: the request through HttpRequestSpec::redacted() (plus the values of secret
/// variables), JWTs anywhere (JwtPattern), secret-looking JSON/form fields (access_token, client_secret, ...),
/// Set-Cookie values and Authorization-like headers of the response. setKeepSecrets(true) is the user's opt-in.
/// Persistence: one JSON file written atomically (QSaveFile), mode 0600.
class RequestHistory
{
public:
    static constexpr int kDefaultMaxEntries = 200; // x 256 KB bodies: the file stays loadable at start-up
    static constexpr qint64 kDefaultMaxBodyBytes = 256 * 1024;

    explicit RequestHistory(int maxEntries = kDefaultMaxEntries, qint64 maxBodyBytes = kDefaultMaxBodyBytes);

    void setKeepSecrets(bool keep) { m_keepSecrets = keep; }
    bool keepSecrets() const { return m_keepSecrets; }
    int maxEntries() const { return m_maxEntries; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

    /// Records a request (as edited, before or after effective()) and its response; returns the stored entry.
    const HistoryEntry& add(const HttpRequestSpec& request, const HttpClientResponse& response, qint64 timeMs,
                            const QStringList& extraSecrets = {});
    const QList<HistoryEntry>& entries() const { return m_entries; } // newest first
    std::optional<HistoryEntry> entry(qint64 id) const;
    bool remove(qint64 id);
    void clear() { m_entries.clear(); }

    /// Entries whose method, URL, status, request body or response body contain every word of `query`
    /// (case-insensitive), newest first.
    QList<HistoryEntry> search(const QString& query) const;

    /// <AppDataLocation>/history.json
    static QString defaultPath();
    /// Errors: ERR_IO.
    Result<void> save(const QString& path) const;
    /// Replaces the entries. A missing file is an empty history. Errors: ERR_IO, ERR_JSON_INVALID.
    Result<void> load(const QString& path);

    /// JWTs and secret-looking JSON/form fields replaced by placeholders.
    static QByteArray redactText(const QByteArray& text);

private:
    int m_maxEntries;
    qint64 m_maxBodyBytes;
    bool m_keepSecrets = false;
    qint64 m_nextId = 1;
    QList<HistoryEntry> m_entries;
};
