// SPDX-License-Identifier: MIT
#include "http/HttpAcceptor.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// Accepts per readiness notification: the loop stays responsive and the workers get their share of the cores.
constexpr int kAcceptBurst = 256;
// Pause after running out of descriptors: long enough for the workers to close what they shed, short enough
// that clients barely notice.
constexpr int kExhaustedPauseMs = 20;

int openReserve()
{
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}
} // namespace

HttpAcceptor::HttpAcceptor(Dispatcher dispatcher, ExhaustionHandler onExhausted, QObject* parent)
    : QTcpServer(parent)
    , m_dispatcher(std::move(dispatcher))
    , m_onExhausted(std::move(onExhausted))
{
}

HttpAcceptor::~HttpAcceptor()
{
    delete m_notifier;
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
    }
    if (m_reserveFd >= 0) {
        ::close(m_reserveFd);
    }
}

bool HttpAcceptor::startAccepting()
{
    Q_ASSERT(isListening());
    // QTcpServer keeps its own notifier; paused, it never accepts. A duplicate descriptor gives ours a socket of
    // its own (one notifier per descriptor and type).
    pauseAccepting();
    m_listenFd = ::fcntl(static_cast<int>(socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (m_listenFd < 0) {
        return false;
    }
    m_reserveFd = openReserve();
    m_notifier = new QSocketNotifier(m_listenFd, QSocketNotifier::Read);
    connect(m_notifier, &QSocketNotifier::activated, this, &HttpAcceptor::acceptPending);
    m_resumeTimer = new QTimer(this);
    m_resumeTimer->setSingleShot(true);
    m_resumeTimer->setInterval(kExhaustedPauseMs);
    connect(m_resumeTimer, &QTimer::timeout, this, [this] {
        m_notifier->setEnabled(true);
        acceptPending();
    });
    return true;
}

void HttpAcceptor::incomingConnection(qintptr socketDescriptor)
{
    // Only reached if QTcpServer accepted before startAccepting() paused it.
    m_dispatcher(socketDescriptor);
}

void HttpAcceptor::acceptPending()
{
    for (int i = 0; i < kAcceptBurst; ++i) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            m_exhaustedStreak = 0;
            m_dispatcher(fd);
            continue;
        }
        switch (errno) {
        case EINTR:
        case ECONNABORTED: // the client gave up while in the backlog
            continue;
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            exhausted();
            return;
        default: // EAGAIN: the backlog is empty
            return;
        }
    }
}

void HttpAcceptor::exhausted()
{
    ++m_exhaustionCount;
    ++m_exhaustedStreak;
    if (m_onExhausted) {
        m_onExhausted();
    }
    if (m_exhaustedStreak > 1) {
        answerWithReserve();
    }
    // The listening socket stays readable while clients wait; without a pause this loop would spin on accept.
    m_notifier->setEnabled(false);
    m_resumeTimer->start();
}

void HttpAcceptor::answerWithReserve()
{
    if (m_reserveFd >= 0) {
        ::close(m_reserveFd);
        m_reserveFd = -1;
    }
    const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        // Best effort on a fresh socket (its send buffer is empty); a client that cannot be served learns it now.
        static constexpr char kBusy[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                        "Content-Length: 59\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
                                        "{\"code\":\"server_busy\",\"description\":\"Too many open files\"}\n";
        (void)::send(fd, kBusy, sizeof(kBusy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
    }
    m_reserveFd = openReserve();
}
