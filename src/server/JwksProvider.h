// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "server/KeySource.h"

#include <QMutex>
#include <QObject>
#include <QUrl>
#include <QWaitCondition>

#include <limits>

class Clock;
class QThread;
class JwksProviderFetcher;

struct JwksProviderOptions
{
    QUrl url;
    int timeoutMs = 5000;
    qint64 minMaxAgeSeconds = 60; // Cache-Control max-age is clamped to [min, max]
    qint64 maxMaxAgeSeconds = 24 * 3600;
    qint64 defaultMaxAgeSeconds = 600;     // without Cache-Control max-age
    qint64 unknownKidCooldownSeconds = 30; // at most one refetch for an unknown kid per this period
    qint64 retryAfterFailureSeconds = 30;  // after a failed refresh, keep the last good set this long
    const Clock* clock = nullptr;          // null = SystemClock
};

/// The keys of an external issuer, fetched from its JWKS URL (RFC 7517 §5) with QNetworkAccessManager on the
/// provider's own thread. Caches per Cache-Control max-age (RFC 9111 §5.2.2.1, clamped); refreshes in the
/// background when stale; refetches for an unknown kid at most once per cooldown (key rotation); on a failed
/// fetch keeps serving the last good set and says so through logMessage().
class JwksProvider : public QObject, public KeySource
{
    Q_OBJECT
public:
    explicit JwksProvider(JwksProviderOptions options, QObject* parent = nullptr);
    ~JwksProvider() override;

    /// Starts the thread and fetches once, blocking up to the timeout. Errors: ERR_NET_TIMEOUT,
    /// ERR_NET_FAILURE, ERR_HTTP_STATUS, ERR_JWKS_INVALID.
    Result<void> start();
    void stop();

    KeySnapshot current() const override;
    bool refreshForUnknownKid(const QString& kid) override;

    /// Number of completed fetches (successful or not); for tests and the GUI.
    int fetchCount() const;

Q_SIGNALS:
    void logMessage(const QString& message);

private:
    friend class JwksProviderFetcher;
    quint64 requestFetchLocked();
    bool waitForFetchLocked(quint64 sequence, int timeoutMs);
    void fetchFinished(quint64 sequence, Result<Jwks> result, qint64 maxAgeSeconds);
    qint64 nowMs() const;

    JwksProviderOptions m_options;
    QThread* m_thread = nullptr;
    JwksProviderFetcher* m_fetcher = nullptr;

    mutable QMutex m_mutex;
    QWaitCondition m_fetched;
    KeySnapshot m_snapshot;
    std::optional<Error> m_lastError;
    quint64 m_requestedSequence = 0;
    quint64 m_completedSequence = 0;
    bool m_inFlight = false;
    qint64 m_expiresAtMs = 0;
    qint64 m_retryAtMs = 0;
    qint64 m_lastUnknownKidRefetchMs = std::numeric_limits<qint64>::min() / 2;
    int m_fetchCount = 0;
};
