// SPDX-License-Identifier: MIT
#include "gui/ServerRunner.h"

#include "gui/RequestLogCollector.h"
#include "server/MockApiServer.h"

#include <QThread>

ServerRunner::ServerRunner(RequestLogCollector* collector, QObject* parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new QObject)
    , m_server(new MockApiServer(m_worker))
{
    m_thread->setObjectName(QStringLiteral("mock-api-control"));
    // Direct: runs on the server's threads; the collector is thread-safe and batches for the GUI thread.
    connect(
        m_server, &MockApiServer::requestLogged, collector,
        [collector](const RequestLogEntry& entry) { collector->add(entry); }, Qt::DirectConnection);
    connect(m_server, &MockApiServer::logMessage, this, &ServerRunner::logMessage, Qt::QueuedConnection);
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

ServerRunner::~ServerRunner()
{
    MockApiServer* server = m_server;
    // Waits for a start in progress, then stops; no request handler runs afterwards.
    QMetaObject::invokeMethod(
        m_worker, [server] { server->stop(); }, Qt::BlockingQueuedConnection);
    QObject* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ServerRunner::start(const ServerConfig& config)
{
    MockApiServer* server = m_server;
    QMetaObject::invokeMethod(
        m_worker,
        [this, server, config] {
            ServerStartResult result;
            const Result<void> outcome = server->start(config);
            result.ok = outcome.ok();
            if (!outcome) {
                result.error = outcome.error().toString();
            } else {
                result.baseUrl = server->baseUrl();
                result.issuer = server->issuer();
                result.audience = server->audience();
                result.requiredScope = config.requiredScope;
                result.banner = server->startupBanner();
                if (const EmbeddedIssuer* issuer = server->embeddedIssuer()) {
                    result.embeddedIssuer = std::make_shared<const EmbeddedIssuer>(*issuer);
                }
            }
            // The runner outlives this lambda: its destructor joins the thread first.
            QMetaObject::invokeMethod(
                this, [this, result] { Q_EMIT started(result); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ServerRunner::stop()
{
    MockApiServer* server = m_server;
    QMetaObject::invokeMethod(
        m_worker,
        [this, server] {
            server->stop();
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT stopped(); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}
