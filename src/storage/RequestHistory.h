// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpClientResponse.h"
#include "request/HttpRequestSpec.h"
#include "storage/SentTokenFacts.h"

#include <QList>

#include <functional>
#include <memory>

class HistoryWriter;

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
    std::optional<SentTokenFacts> sentToken; // which token went with it, without the token; none when none did

    QJsonObject toJson() const;
    static Result<HistoryEntry> fromJson(const QJsonObject& json);
};

/// What loading a history file found.
struct HistoryLoadReport
{
    int loaded = 0;
    int skipped = 0;       // damaged lines (cut short by a crash, edited by hand): skipped, never fatal
    QString firstProblem;  // what was wrong with the first skipped line, with its line number in the part read
    bool migrated = false; // the old single-document history.json was converted
};

/// Every sent request, newest first, capped in number and body size. By default tokens and secrets are redacted
/// before anything is stored: the request through HttpRequestSpec::redacted() (plus the values of secret
/// variables), JWTs anywhere (JwtPattern), secret-looking JSON/form fields (access_token, client_secret, ...),
/// Set-Cookie values and Authorization-like headers of the response. setKeepSecrets(true) is the user's opt-in.
///
/// Persistence: a JSON Lines log (one stored entry per line, newest last, mode 0600). After open(), every add()
/// is appended by a HistoryWriter on its own thread (the caller never waits for the disk) and the log is compacted
/// there when it grows past twice maxEntries(); remove() and clear() rewrite it, also on that thread.
class RequestHistory
{
public:
    static constexpr int kDefaultMaxEntries = 200; // x 256 KB bodies: the file stays loadable at start-up
    static constexpr qint64 kDefaultMaxBodyBytes = 256 * 1024;

    explicit RequestHistory(int maxEntries = kDefaultMaxEntries, qint64 maxBodyBytes = kDefaultMaxBodyBytes);
    ~RequestHistory(); // finishes pending writes
    RequestHistory(const RequestHistory&) = delete;
    RequestHistory& operator=(const RequestHistory&) = delete;

    void setKeepSecrets(bool keep) { m_keepSecrets = keep; }
    bool keepSecrets() const { return m_keepSecrets; }
    int maxEntries() const { return m_maxEntries; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

    /// Records a request (as edited, before or after effective()) and its response; returns the stored entry.
    /// `sentToken`: the facts of the token that went with it (kept even when secrets are redacted: they hold none).
    const HistoryEntry& add(const HttpRequestSpec& request, const HttpClientResponse& response, qint64 timeMs,
                            const QStringList& extraSecrets = {},
                            const std::optional<SentTokenFacts>& sentToken = std::nullopt);
    const QList<HistoryEntry>& entries() const { return m_entries; } // newest first
    std::optional<HistoryEntry> entry(qint64 id) const;
    bool remove(qint64 id);
    void clear();

    /// Entries whose method, URL, status, request body or response body contain every word of `query`
    /// (case-insensitive), newest first.
    QList<HistoryEntry> search(const QString& query) const;

    /// DataDirectory::historyFile()
    static QString defaultPath();
    /// Where releases before the JSON Lines log kept history: `history.json` in the program's AppDataLocation.
    static QString legacyPath();

    /// load(), then keeps the log at `path` up to date from now on (see the class comment). When `path` does not
    /// exist but `legacyJsonPath` does, that old single-document history is converted into `path` once: the old
    /// file is renamed to `<legacyJsonPath>.migrated`. Errors: ERR_IO (unreadable; the history then stays in
    /// memory only).
    Result<HistoryLoadReport> open(const QString& path, const QString& legacyJsonPath = {});
    /// Blocks until the writes queued so far are on disk (no-op when not opened).
    void waitForWrites() const;
    /// Called on the writer thread when a write fails (kept across open()).
    void setWriteErrorHandler(std::function<void(const Error&)> handler);
    /// The writer after open() (tests), else null.
    const HistoryWriter* writer() const { return m_writer.get(); }

    /// Writes every entry to `path` as a JSON Lines log, atomically (mode 0600). Errors: ERR_IO.
    Result<void> save(const QString& path) const;
    /// Replaces the entries with the newest maxEntries() of the log at `path`, reading only its tail. A missing
    /// file is an empty history; damaged lines are skipped and reported. Errors: ERR_IO.
    Result<HistoryLoadReport> load(const QString& path);

    /// JWTs and secret-looking JSON/form fields replaced by placeholders.
    static QByteArray redactText(const QByteArray& text);

private:
    int m_maxEntries;
    qint64 m_maxBodyBytes;
    bool m_keepSecrets = false;
    qint64 m_nextId = 1;
    QList<HistoryEntry> m_entries;
    std::function<void(const Error&)> m_writeErrorHandler;
    std::unique_ptr<HistoryWriter> m_writer;
};
