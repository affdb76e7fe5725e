// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <functional>
#include <memory>

class QSocketNotifier;

/// Turns SIGINT and SIGTERM into a call on the installing thread's event loop with the self-pipe trick: the
/// handler only write()s the signal number to a non-blocking pipe (async-signal-safe, POSIX.1-2017 §2.4.3) and
/// a QSocketNotifier reads it. One instance at a time; the previous handlers come back on destruction.
class StopSignalWatcher
{
public:
    explicit StopSignalWatcher(std::function<void(int signal)> onSignal);
    ~StopSignalWatcher();
    StopSignalWatcher(const StopSignalWatcher&) = delete;
    StopSignalWatcher& operator=(const StopSignalWatcher&) = delete;

    /// Creates the pipe and installs the handlers. Errors: ERR_IO.
    Result<void> install();

private:
    void uninstall();

    std::function<void(int)> m_onSignal;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_installed = false;
};
