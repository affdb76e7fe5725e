// SPDX-License-Identifier: MIT
#pragma once

#include "server/EmbeddedIssuer.h"
#include "server/ServerConfig.h"

#include <QObject>
#include <QStringList>

#include <memory>

class MockApiServer;
class QThread;
class RequestLogCollector;

/// What a start attempt produced, handed to the GUI thread.
struct ServerStartResult
{
    bool ok = false;
    QString error; // "ERR_IO: Cannot listen on …" when !ok
    QString baseUrl;
    QString issuer;
    QString audience;
    QString requiredScope;
    QStringList banner;
    /// A copy of the embedded issuer (its const methods are thread-safe) for minting test tokens; null in
    /// external mode.
    std::shared_ptr<const EmbeddedIssuer> embeddedIssuer;
};

/// Runs a MockApiServer from its own QThread: MockApiServer::start() may block (embedded key generation, the
/// first JWKS fetch up to its timeout), so start() and stop() here only post work and report back with queued
/// signals; the GUI thread never waits. Request log entries go from the server's threads straight into the
/// RequestLogCollector. The destructor stops the server and joins the thread.
class ServerRunner : public QObject
{
    Q_OBJECT

public:
    explicit ServerRunner(RequestLogCollector* collector, QObject* parent = nullptr);
    ~ServerRunner() override;

    /// Asynchronous; started() follows.
    void start(const ServerConfig& config);
    /// Asynchronous; stopped() follows.
    void stop();

Q_SIGNALS:
    void started(const ServerStartResult& result);
    void stopped();
    /// MockApiServer::logMessage (JWKS refreshes and outages).
    void logMessage(const QString& message);

private:
    QThread* m_thread;
    QObject* m_worker;       // lives in m_thread; the context of the posted work
    MockApiServer* m_server; // child of m_worker
};
