// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "storage/RequestHistory.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

/// Writes the request history file on its own thread, so a response never waits for the disk. The file is JSON
/// Lines: one entry (as stored, so already redacted unless the user kept secrets) per line, newest last, appended.
/// When it holds more than kCompactFactor × maxEntries lines it is compacted: rewritten atomically (AtomicFile,
/// mode 0600) with the newest maxEntries lines, so it stays bounded without rewriting it after every response.
///
/// Work is queued and done in order; the destructor finishes the queue before it returns. Failures are reported
/// through the error handler (called on the writer thread) and lastError().
class HistoryWriter
{
public:
    static constexpr int kCompactFactor = 2;

    /// `path` is created (0600) on the first write; its parent directories too.
    HistoryWriter(QString path, int maxEntries);
    ~HistoryWriter();
    HistoryWriter(const HistoryWriter&) = delete;
    HistoryWriter& operator=(const HistoryWriter&) = delete;

    QString path() const { return m_path; }

    /// Queues one line. Returns at once.
    void append(const HistoryEntry& entry);
    /// Queues replacing the whole file by `entries` (newest first, as RequestHistory keeps them); for remove/clear.
    void rewrite(const QList<HistoryEntry>& entries);
    /// Blocks until everything queued so far is on disk (tests, and before reading the file).
    void waitForIdle();

    /// Called on the writer thread with every failure.
    void setErrorHandler(std::function<void(const Error&)> handler);
    std::optional<Error> lastError() const;
    /// How often the file was compacted; the thread that did the last write (tests).
    int compactions() const;
    std::thread::id lastWriteThread() const;
    std::thread::id writerThread() const { return m_thread.get_id(); }

    /// The last `maxLines` complete, non-empty lines of `path`, oldest first, reading backwards from the end so a
    /// large file is not read whole. A missing file has no lines. Errors: ERR_IO.
    static Result<QList<QByteArray>> readTail(const QString& path, int maxLines);
    /// One entry as one line (compact JSON has no raw newline: they are escaped inside strings).
    static QByteArray line(const HistoryEntry& entry);

private:
    struct Rewrite
    {
        QList<HistoryEntry> entries;
    };
    using Task = std::variant<HistoryEntry, Rewrite>;

    void run();
    void doAppend(const HistoryEntry& entry);
    void doRewrite(const QList<HistoryEntry>& entries);
    void compact();
    void fail(const Error& error);

    const QString m_path;
    const int m_maxEntries;
    qint64 m_lines = -1; // lines in the file; counted on the first write

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Task> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    std::function<void(const Error&)> m_errorHandler;
    std::optional<Error> m_lastError;
    int m_compactions = 0;
    std::thread::id m_lastWriteThread;
    std::thread m_thread; // last: starts after every member above exists
};
