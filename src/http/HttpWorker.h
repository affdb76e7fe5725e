// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpTransport.h"

#include <QObject>
#include <QSet>

#include <atomic>

class HttpConnection;
class QTimer;

/// One event loop (thread) serving many connections. Lives in its own QThread; every socket it owns was
/// created in that thread.
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    HttpWorker(const TransportConfig& config, HttpHandler handler, HttpProtocolErrorObserver observer,
               std::atomic<int>* connectionCount);
    ~HttpWorker() override;

    /// Worker thread: wraps the descriptor in a (TLS) socket. `overloaded` answers 503 and closes.
    void addConnection(qintptr socketDescriptor, bool overloaded);
    /// Worker thread: closes every connection.
    void shutdown();
    /// Worker thread: the process ran out of descriptors; closes about an eighth of this worker's connections
    /// (at least one), idle ones first, the least recently active first.
    void shedConnections();

    const TransportConfig& config() const { return m_config; }
    const HttpHandler& handler() const { return m_handler; }
    void reportProtocolError(int status, const QByteArray& reason, const QHostAddress& peer) const;
    /// IMF-fixdate of the current second (RFC 9110 §5.6.7), cached per second.
    QByteArrayView httpDate();
    static qint64 monotonicMs();

    void connectionClosed(HttpConnection* connection);

private:
    void sweep();

    TransportConfig m_config;
    HttpHandler m_handler;
    HttpProtocolErrorObserver m_observer;
    std::atomic<int>* m_connectionCount;
    QSet<HttpConnection*> m_connections;
    QTimer* m_sweepTimer = nullptr;
    qint64 m_dateSecond = -1;
    QByteArray m_date;
};
