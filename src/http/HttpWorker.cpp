// SPDX-License-Identifier: MIT
#include "http/HttpWorker.h"

#include "http/HttpConnection.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>

#include <chrono>
#include <ctime>
#include <unistd.h>

HttpWorker::HttpWorker(const TransportConfig& config, HttpHandler handler, HttpProtocolErrorObserver observer,
                       std::atomic<int>* connectionCount)
    : m_config(config)
    , m_handler(std::move(handler))
    , m_observer(std::move(observer))
    , m_connectionCount(connectionCount)
{
}

HttpWorker::~HttpWorker()
{
    shutdown();
}

qint64 HttpWorker::monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void HttpWorker::addConnection(qintptr socketDescriptor, bool overloaded)
{
    if (!m_sweepTimer) {
        const HttpLimits& l = m_config.limits;
        const int shortest = std::min({l.idleTimeoutMs, l.requestTimeoutMs, l.handshakeTimeoutMs});
        m_sweepTimer = new QTimer(this);
        m_sweepTimer->setInterval(std::clamp(shortest / 4, 10, 1000));
        connect(m_sweepTimer, &QTimer::timeout, this, &HttpWorker::sweep);
        m_sweepTimer->start();
    }
    const bool tls = m_config.tls.has_value() && !overloaded;
    QTcpSocket* socket = nullptr;
    if (tls) {
        auto* sslSocket = new QSslSocket(this);
        sslSocket->setSslConfiguration(*m_config.tls);
        socket = sslSocket;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        ::close(static_cast<int>(socketDescriptor));
        delete socket;
        m_connectionCount->fetch_sub(1);
        return;
    }
    auto* connection = new HttpConnection(socket, this, tls);
    m_connections.insert(connection);
    if (overloaded) {
        connection->rejectOverloaded();
    } else if (tls) {
        static_cast<QSslSocket*>(socket)->startServerEncryption();
    }
}

void HttpWorker::connectionClosed(HttpConnection* connection)
{
    if (m_connections.remove(connection)) {
        m_connectionCount->fetch_sub(1);
        connection->deleteLater();
    }
}

void HttpWorker::shutdown()
{
    const auto connections = m_connections;
    for (HttpConnection* c : connections) {
        c->abort();
    }
    for (HttpConnection* c : std::as_const(m_connections)) {
        m_connectionCount->fetch_sub(1);
        delete c;
    }
    m_connections.clear();
    if (m_sweepTimer) {
        m_sweepTimer->stop();
    }
}

void HttpWorker::shedConnections()
{
    QList<HttpConnection*> candidates(m_connections.cbegin(), m_connections.cend());
    if (candidates.isEmpty()) {
        return;
    }
    const qsizetype count = std::max<qsizetype>(1, candidates.size() / 8);
    std::partial_sort(candidates.begin(), candidates.begin() + count, candidates.end(),
                      [](const HttpConnection* a, const HttpConnection* b) { return a->shedBefore(*b); });
    for (qsizetype i = 0; i < count; ++i) {
        if (m_connections.contains(candidates.at(i))) {
            candidates.at(i)->shed();
        }
    }
}

void HttpWorker::sweep()
{
    const qint64 now = monotonicMs();
    const auto connections = m_connections;
    for (HttpConnection* c : connections) {
        if (m_connections.contains(c)) {
            c->checkTimeouts(now);
        }
    }
}

void HttpWorker::reportProtocolError(int status, const QByteArray& reason, const QHostAddress& peer) const
{
    if (m_observer) {
        m_observer(HttpProtocolError{status, reason, peer, QDateTime::currentMSecsSinceEpoch()});
    }
}

QByteArrayView HttpWorker::httpDate()
{
    const std::time_t now = std::time(nullptr);
    if (now != m_dateSecond) {
        // Fixed English names: strftime would follow the process locale.
        static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[40];
        const int n = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
                                    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        m_date = QByteArray(text, n);
        m_dateSecond = now;
    }
    return m_date;
}
