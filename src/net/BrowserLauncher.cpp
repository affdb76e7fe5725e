// SPDX-License-Identifier: MIT
#include "net/BrowserLauncher.h"

#include <QProcess>

BrowserLauncher BrowserLauncher::command(const QString& browserVariable)
{
    const QString first = browserVariable.section(QLatin1Char(':'), 0, 0).trimmed();
    return BrowserLauncher([first](const QUrl& url) -> Result<void> {
        QStringList arguments = QProcess::splitCommand(first);
        if (arguments.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("$BROWSER names no command"));
        const QString program = arguments.takeFirst();
        const QString encoded = url.toString(QUrl::FullyEncoded);
        bool replaced = false;
        for (QString& argument : arguments) {
            if (argument.contains(QLatin1String("%s"))) {
                argument.replace(QLatin1String("%s"), encoded);
                replaced = true;
            }
        }
        if (!replaced)
            arguments.append(encoded);
        if (!QProcess::startDetached(program, arguments))
            return Error(ErrorCode::Io, QStringLiteral("could not start the browser command %1").arg(program));
        return Result<void>::success();
    });
}
