// SPDX-License-Identifier: MIT
#include "server/JwksProvider.h"

#include "core/SystemClock.h"
#include "server/JwksProviderFetcher.h"

#include <QDeadlineTimer>
#include <QThread>

JwksProvider::JwksProvider(JwksProviderOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

JwksProvider::~JwksProvider()
{
    stop();
}

qint64 JwksProvider::nowMs() const
{
    return (m_options.clock ? m_options.clock : &SystemClock::instance())->nowMilliseconds();
}

Result<void> JwksProvider::start()
{
    if (m_thread) {
        return Result<void>::success();
    }
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("jwks-provider"));
    m_fetcher = new JwksProviderFetcher(this, m_options.url, m_options.timeoutMs);
    m_fetcher->moveToThread(m_thread);
    m_thread->start();

    QMutexLocker locker(&m_mutex);
    const quint64 sequence = requestFetchLocked();
    if (!waitForFetchLocked(sequence, m_options.timeoutMs + 1000)) {
        return Error(ErrorCode::NetTimeout,
                     QStringLiteral("JWKS fetch from %1 timed out").arg(m_options.url.toString()));
    }
    if (!m_snapshot.jwks) {
        return m_lastError.value_or(Error(ErrorCode::JwksInvalid, QStringLiteral("No JWKS")));
    }
    return Result<void>::success();
}

void JwksProvider::stop()
{
    if (!m_thread) {
        return;
    }
    JwksProviderFetcher* fetcher = m_fetcher;
    QMetaObject::invokeMethod(
        fetcher, [fetcher] { delete fetcher; }, Qt::BlockingQueuedConnection);
    m_fetcher = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    QMutexLocker locker(&m_mutex);
    m_inFlight = false;
    m_fetched.wakeAll();
}

quint64 JwksProvider::requestFetchLocked()
{
    if (m_inFlight || !m_fetcher) {
        return m_requestedSequence;
    }
    m_inFlight = true;
    const quint64 sequence = ++m_requestedSequence;
    JwksProviderFetcher* fetcher = m_fetcher;
    QMetaObject::invokeMethod(
        fetcher, [fetcher, sequence] { fetcher->fetch(sequence); }, Qt::QueuedConnection);
    return sequence;
}

bool JwksProvider::waitForFetchLocked(quint64 sequence, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_completedSequence < sequence && m_inFlight) {
        if (!m_fetched.wait(&m_mutex, deadline)) {
            return false;
        }
    }
    return m_completedSequence >= sequence;
}

void JwksProvider::fetchFinished(quint64 sequence, Result<Jwks> result, qint64 maxAgeSeconds)
{
    QString message;
    {
        QMutexLocker locker(&m_mutex);
        const qint64 now = nowMs();
        ++m_fetchCount;
        if (result.ok() && result->isEmpty()) {
            result = Error(ErrorCode::JwksInvalid,
                           QStringLiteral("JWKS from %1 has no usable key").arg(m_options.url.toString()));
        }
        if (result.ok()) {
            const qint64 age = maxAgeSeconds < 0
                                   ? m_options.defaultMaxAgeSeconds
                                   : std::clamp(maxAgeSeconds, m_options.minMaxAgeSeconds, m_options.maxMaxAgeSeconds);
            m_snapshot.jwks = std::make_shared<const Jwks>(std::move(result).value());
            ++m_snapshot.generation;
            m_expiresAtMs = now + age * 1000;
            m_lastError.reset();
            message = QStringLiteral("JWKS fetched from %1: %2 key(s), cached for %3 s")
                          .arg(m_options.url.toString())
                          .arg(m_snapshot.jwks->keys().size())
                          .arg(age);
        } else {
            m_lastError = result.error();
            m_retryAtMs = now + m_options.retryAfterFailureSeconds * 1000;
            message = m_snapshot.jwks ? QStringLiteral("%1; still serving the last good key set (%2 key(s))")
                                            .arg(result.error().toString())
                                            .arg(m_snapshot.jwks->keys().size())
                                      : result.error().toString();
        }
        m_completedSequence = std::max(m_completedSequence, sequence);
        m_inFlight = false;
        m_fetched.wakeAll();
    }
    Q_EMIT logMessage(message);
}

KeySnapshot JwksProvider::current() const
{
    QMutexLocker locker(&m_mutex);
    const qint64 now = nowMs();
    if (!m_inFlight && now >= m_expiresAtMs && now >= m_retryAtMs) {
        // Stale: refresh in the background and keep answering with what we have.
        const_cast<JwksProvider*>(this)->requestFetchLocked();
    }
    return m_snapshot;
}

bool JwksProvider::refreshForUnknownKid(const QString& kid)
{
    Q_UNUSED(kid);
    QMutexLocker locker(&m_mutex);
    const qint64 now = nowMs();
    if (now - m_lastUnknownKidRefetchMs < m_options.unknownKidCooldownSeconds * 1000) {
        return false;
    }
    m_lastUnknownKidRefetchMs = now;
    const quint64 generation = m_snapshot.generation;
    const quint64 sequence = requestFetchLocked();
    waitForFetchLocked(sequence, m_options.timeoutMs + 1000);
    return m_snapshot.generation != generation;
}

int JwksProvider::fetchCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_fetchCount;
}
