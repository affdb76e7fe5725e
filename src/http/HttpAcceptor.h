// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>

#include <functional>

class QSocketNotifier;
class QTimer;

/// The listening socket. It never creates QTcpSockets itself: each accepted descriptor is handed to a worker
/// thread, which wraps it (plain or TLS) in its own event loop.
///
/// QTcpServer only binds and listens; accepting is done here (startAccepting()) so that running out of
/// descriptors is handled: when accept fails with EMFILE/ENFILE the acceptor asks the workers to shed connections
/// (`onExhausted`), pauses accepting for a moment instead of spinning on a listening socket that stays readable,
/// and, if descriptors are still short after the pause, spends one reserve descriptor to accept the oldest waiting
/// client and answer it 503 at once rather than leaving it in the backlog.
class HttpAcceptor : public QTcpServer
{
    Q_OBJECT
public:
    using Dispatcher = std::function<void(qintptr)>;
    using ExhaustionHandler = std::function<void()>;
    HttpAcceptor(Dispatcher dispatcher, ExhaustionHandler onExhausted, QObject* parent = nullptr);
    ~HttpAcceptor() override;

    /// After a successful listen(): takes accepting over from QTcpServer. False if the socket cannot be watched.
    bool startAccepting();
    /// Times accept failed for lack of descriptors (for tests and diagnostics).
    int exhaustionCount() const { return m_exhaustionCount; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void acceptPending();
    void exhausted();
    void answerWithReserve();

    Dispatcher m_dispatcher;
    ExhaustionHandler m_onExhausted;
    int m_listenFd = -1;  // a duplicate of QTcpServer's descriptor, watched by m_notifier
    int m_reserveFd = -1; // /dev/null, closed for a moment to accept one client when descriptors run out
    QSocketNotifier* m_notifier = nullptr;
    QTimer* m_resumeTimer = nullptr;
    int m_exhaustedStreak = 0;
    int m_exhaustionCount = 0;
};
