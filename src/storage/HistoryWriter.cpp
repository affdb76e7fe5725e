// SPDX-License-Identifier: MIT
#include "storage/HistoryWriter.h"

#include "storage/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr qint64 kTailBlock = 1024 * 1024;

qint64 countLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    qint64 lines = 0;
    while (!file.atEnd()) {
        const QByteArray block = file.read(kTailBlock);
        lines += block.count('\n');
    }
    return lines;
}

} // namespace

HistoryWriter::HistoryWriter(QString path, int maxEntries)
    : m_path(std::move(path))
    , m_maxEntries(qMax(1, maxEntries))
    , m_thread([this] { run(); })
{
}

HistoryWriter::~HistoryWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

QByteArray HistoryWriter::line(const HistoryEntry& entry)
{
    return QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
}

void HistoryWriter::append(const HistoryEntry& entry)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.emplace_back(entry); // implicitly shared bodies: a cheap copy; serialised on the writer thread
    }
    m_wake.notify_one();
}

void HistoryWriter::rewrite(const QList<HistoryEntry>& entries)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.emplace_back(Rewrite{entries});
    }
    m_wake.notify_one();
}

void HistoryWriter::waitForIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

void HistoryWriter::setErrorHandler(std::function<void(const Error&)> handler)
{
    const std::lock_guard lock(m_mutex);
    m_errorHandler = std::move(handler);
}

std::optional<Error> HistoryWriter::lastError() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastError;
}

int HistoryWriter::compactions() const
{
    const std::lock_guard lock(m_mutex);
    return m_compactions;
}

std::thread::id HistoryWriter::lastWriteThread() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastWriteThread;
}

void HistoryWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_queue.empty()) // stopping, and everything queued is written
            return;
        Task task = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        if (const auto* entry = std::get_if<HistoryEntry>(&task))
            doAppend(*entry);
        else
            doRewrite(std::get<Rewrite>(task).entries);
        lock.lock();
        m_busy = false;
        m_lastWriteThread = std::this_thread::get_id();
        if (m_queue.empty())
            m_idle.notify_all();
    }
}

void HistoryWriter::fail(const Error& error)
{
    std::function<void(const Error&)> handler;
    {
        const std::lock_guard lock(m_mutex);
        m_lastError = error;
        handler = m_errorHandler;
    }
    if (handler)
        handler(error);
}

void HistoryWriter::doAppend(const HistoryEntry& entry)
{
    if (m_lines < 0)
        m_lines = countLines(m_path);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        fail(Error(ErrorCode::Io, QStringLiteral("cannot create the directory of %1").arg(m_path)));
        return;
    }
    QFile file(m_path);
    // Created 0600 (the mode applies only when the file is new); an older file made readable by others is
    // tightened, as history may hold personal data even when redacted.
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered, kOwnerOnly)) {
        fail(Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString())));
        return;
    }
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0)
        file.setPermissions(kOwnerOnly);
    QByteArray bytes;
    // A line cut short by a crash must not swallow the next entry: start on a fresh line.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        bytes.append('\n');
    bytes.append(line(entry)).append('\n');
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        fail(Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString())));
        return;
    }
    file.close();
    ++m_lines;
    if (m_lines > qint64(kCompactFactor) * m_maxEntries)
        compact();
}

void HistoryWriter::compact()
{
    const auto tail = readTail(m_path, m_maxEntries);
    if (!tail) {
        fail(tail.error());
        return;
    }
    QByteArray bytes;
    for (const QByteArray& l : tail.value())
        bytes.append(l).append('\n');
    if (const auto written = AtomicFile::write(m_path, bytes, AtomicFile::Mode::Private); !written) {
        fail(written.error());
        return;
    }
    m_lines = tail->size();
    const std::lock_guard lock(m_mutex);
    ++m_compactions;
}

void HistoryWriter::doRewrite(const QList<HistoryEntry>& entries)
{
    QByteArray bytes;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) // newest last
        bytes.append(line(*it)).append('\n');
    if (const auto written = AtomicFile::write(m_path, bytes, AtomicFile::Mode::Private); !written) {
        fail(written.error());
        return;
    }
    m_lines = entries.size();
}

Result<QList<QByteArray>> HistoryWriter::readTail(const QString& path, int maxLines)
{
    QFile file(path);
    if (!file.exists())
        return QList<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    // Backwards in blocks until the blocks hold more than maxLines newlines (or the file is read whole).
    QList<QByteArray> blocks;
    qint64 position = file.size();
    qint64 newlines = 0;
    while (position > 0 && newlines <= maxLines) {
        const qint64 size = qMin(kTailBlock, position);
        position -= size;
        if (!file.seek(position))
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray block = file.read(size);
        if (block.size() != size)
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        newlines += block.count('\n');
        blocks.prepend(block);
    }
    QList<QByteArray> lines = blocks.join().split('\n');
    if (position > 0 && !lines.isEmpty())
        lines.removeFirst(); // the rest of a line that starts before the part read
    lines.removeIf([](const QByteArray& l) { return l.trimmed().isEmpty(); });
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines;
}
