// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QUrl>

#include <functional>

/// Opens an authorization URL in the user's browser. The front end decides how: the GUI with QDesktopServices, the
/// CLI with `$BROWSER` when it is set (else it prints the URL), tests with a scripted browser.
class BrowserLauncher
{
public:
    using Opener = std::function<Result<void>(const QUrl&)>;

    explicit BrowserLauncher(Opener opener)
        : m_opener(std::move(opener))
    {
    }

    /// The `$BROWSER` convention: a ':'-separated list of commands, the first is used; "%s" in it is replaced by the
    /// URL, else the URL is its last argument. The command is started detached, without a shell (the URL cannot
    /// inject anything). Errors of open(): ERR_USAGE (empty command), ERR_IO (it could not be started).
    static BrowserLauncher command(const QString& browserVariable);

    Result<void> open(const QUrl& url) const { return m_opener(url); }

private:
    Opener m_opener;
};
