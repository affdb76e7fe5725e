// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>

#include <functional>

/// The listening socket. It never creates QTcpSockets itself: each accepted descriptor is handed to a worker
/// thread, which wraps it (plain or TLS) in its own event loop.
class HttpAcceptor : public QTcpServer
{
    Q_OBJECT
public:
    using Dispatcher = std::function<void(qintptr)>;
    explicit HttpAcceptor(Dispatcher dispatcher, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Dispatcher m_dispatcher;
};
