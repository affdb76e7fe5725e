// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpTransport.h"

#include <QList>

#include <atomic>
#include <memory>

class HttpAcceptor;
class HttpWorker;
class QThread;

/// Tokenscope's own small HTTP/1.1 server on QTcpServer/QTcpSocket (QSslSocket for HTTPS): one acceptor
/// thread with a listen backlog of `listenBacklog`, N worker threads with one event loop each; accepted
/// descriptors are dealt round-robin. Keep-alive, pipelining (in order), Content-Length and chunked bodies,
/// HTTP/1.0, "Connection: close", idle/request/handshake/send timeouts, back-pressure and the limits of HttpLimits.
/// start() raises the soft RLIMIT_NOFILE to the hard limit; when descriptors still run out, the workers shed
/// connections (idle and oldest first) and new clients keep being served (see HttpAcceptor).
/// Replaces QHttpServer 6.4, which has none of the limits and was slower (docs/PERFORMANCE.md "Mock server").
/// start()/stop() must be called from one (any) thread that is not a worker.
class TcpHttpTransport final : public HttpTransport
{
public:
    TcpHttpTransport();
    ~TcpHttpTransport() override;

    Result<void> start(const TransportConfig& config, HttpHandler handler,
                       HttpProtocolErrorObserver observer = {}) override;
    void stop() override;
    bool isRunning() const override { return m_acceptor != nullptr; }
    quint16 port() const override { return m_port; }
    /// Connections open right now (all workers).
    int connectionCount() const { return m_connectionCount.load(); }

    static void raiseDescriptorLimit();

private:
    void dispatch(qintptr socketDescriptor);
    void shedConnections();

    QThread* m_acceptorThread = nullptr;
    HttpAcceptor* m_acceptor = nullptr;
    QList<QThread*> m_workerThreads;
    QList<HttpWorker*> m_workers;
    std::atomic<int> m_connectionCount{0};
    std::atomic<unsigned> m_next{0};
    int m_maxConnections = 0;
    quint16 m_port = 0;
};
