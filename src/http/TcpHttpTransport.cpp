// SPDX-License-Identifier: MIT
#include "http/TcpHttpTransport.h"

#include "http/HttpAcceptor.h"
#include "http/HttpWorker.h"

#include <QThread>

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

TcpHttpTransport::TcpHttpTransport() = default;

TcpHttpTransport::~TcpHttpTransport()
{
    stop();
}

void TcpHttpTransport::raiseDescriptorLimit()
{
    // The soft limit (often 1024) is a compatibility default for select(); Qt polls. Every connection costs a
    // descriptor, so take what the hard limit allows before idle clients can lock everyone out.
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

Result<void> TcpHttpTransport::start(const TransportConfig& config, HttpHandler handler,
                                     HttpProtocolErrorObserver observer)
{
    if (isRunning()) {
        return Error(ErrorCode::Usage, QStringLiteral("The server is already running"));
    }
    Q_ASSERT(handler);
    raiseDescriptorLimit();
    m_maxConnections = config.limits.maxConnections;
    const int workerCount = config.workerThreads > 0 ? config.workerThreads : std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < workerCount; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("http-worker-%1").arg(i));
        auto* worker = new HttpWorker(config, handler, observer, &m_connectionCount);
        worker->moveToThread(thread);
        thread->start();
        m_workerThreads.append(thread);
        m_workers.append(worker);
    }

    m_acceptorThread = new QThread;
    m_acceptorThread->setObjectName(QStringLiteral("http-acceptor"));
    m_acceptorThread->start();
    auto* acceptor = new HttpAcceptor([this](qintptr fd) { dispatch(fd); }, [this] { shedConnections(); });
    acceptor->moveToThread(m_acceptorThread);
    bool listening = false;
    QString errorText;
    QMetaObject::invokeMethod(
        acceptor,
        [&] {
            acceptor->setListenBacklogSize(config.listenBacklog);
            // The acceptor only accepts; connection limits are enforced per connection (503).
            acceptor->setMaxPendingConnections(std::max(config.listenBacklog, 30));
            listening = acceptor->listen(config.address, config.port);
            if (!listening) {
                errorText = acceptor->errorString();
            } else if (!acceptor->startAccepting()) {
                listening = false;
                errorText = QString::fromLocal8Bit(std::strerror(errno));
            }
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        QMetaObject::invokeMethod(
            acceptor, [acceptor] { delete acceptor; }, Qt::BlockingQueuedConnection);
        m_acceptor = nullptr;
        stop();
        return Error(ErrorCode::Io, QStringLiteral("Cannot listen on %1:%2: %3")
                                        .arg(config.address.toString())
                                        .arg(config.port)
                                        .arg(errorText));
    }
    m_acceptor = acceptor;
    m_port = acceptor->serverPort();
    return Result<void>::success();
}

void TcpHttpTransport::dispatch(qintptr socketDescriptor)
{
    // Acceptor thread. The count is taken here so that the limit holds across workers.
    const bool overloaded = m_connectionCount.fetch_add(1) >= m_maxConnections;
    HttpWorker* worker = m_workers.at(static_cast<qsizetype>(m_next.fetch_add(1) % m_workers.size()));
    QMetaObject::invokeMethod(
        worker, [worker, socketDescriptor, overloaded] { worker->addConnection(socketDescriptor, overloaded); },
        Qt::QueuedConnection);
}

void TcpHttpTransport::shedConnections()
{
    // Acceptor thread: out of descriptors. Each worker closes some of its connections, idle ones first.
    for (HttpWorker* worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(
            worker, [worker] { worker->shedConnections(); }, Qt::QueuedConnection);
    }
}

void TcpHttpTransport::stop()
{
    if (m_acceptorThread) {
        if (m_acceptor) {
            HttpAcceptor* acceptor = m_acceptor;
            QMetaObject::invokeMethod(
                acceptor, [acceptor] { delete acceptor; }, Qt::BlockingQueuedConnection);
            m_acceptor = nullptr;
        }
        m_acceptorThread->quit();
        m_acceptorThread->wait();
        delete m_acceptorThread;
        m_acceptorThread = nullptr;
    }
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        HttpWorker* worker = m_workers.at(i);
        // Deleted in its own thread: its sockets and timers belong to that thread.
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_workerThreads.at(i)->quit();
        m_workerThreads.at(i)->wait();
        delete m_workerThreads.at(i);
    }
    m_workers.clear();
    m_workerThreads.clear();
    m_port = 0;
}
