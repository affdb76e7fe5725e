// SPDX-License-Identifier: MIT
#include "cli/StopSignalWatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {
// Shared with the signal handler, which may only touch these and async-signal-safe functions.
int g_pipe[2] = {-1, -1};
struct sigaction g_previousInt;
struct sigaction g_previousTerm;

extern "C" void onStopSignal(int signal)
{
    const int savedErrno = errno;
    const auto byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}
} // namespace

StopSignalWatcher::StopSignalWatcher(std::function<void(int)> onSignal)
    : m_onSignal(std::move(onSignal))
{
}

StopSignalWatcher::~StopSignalWatcher()
{
    uninstall();
}

Result<void> StopSignalWatcher::install()
{
    Q_ASSERT(!m_installed && g_pipe[0] < 0);
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        return Error(ErrorCode::Io, QStringLiteral("pipe2: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    m_notifier = std::make_unique<QSocketNotifier>(g_pipe[0], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
        unsigned char byte = 0;
        int last = 0;
        while (::read(g_pipe[0], &byte, 1) == 1) {
            last = byte;
        }
        if (last != 0) {
            m_onSignal(last);
        }
    });
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &g_previousInt);
    ::sigaction(SIGTERM, &action, &g_previousTerm);
    m_installed = true;
    return Result<void>::success();
}

void StopSignalWatcher::uninstall()
{
    if (m_installed) {
        ::sigaction(SIGINT, &g_previousInt, nullptr);
        ::sigaction(SIGTERM, &g_previousTerm, nullptr);
        m_installed = false;
    }
    m_notifier.reset();
    for (int& fd : g_pipe) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
}
