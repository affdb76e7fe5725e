// SPDX-License-Identifier: MIT
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <atomic>

namespace {
std::atomic<qint64> g_crashAfter{-1};
}

void AtomicFile::simulateCrashAfterBytesForTest(qint64 bytes)
{
    g_crashAfter = bytes;
}

Result<void> AtomicFile::write(const QString& path, const QByteArray& data, Mode mode)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error(ErrorCode::Io, QStringLiteral("cannot create the directory of %1").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    const QFileDevice::Permissions permissions =
        mode == Mode::Private
            ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            : (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    // Before the data goes in, so a private file is never readable by others, not even as the temporary file.
    if (!file.setPermissions(permissions) && mode == Mode::Private) {
        file.cancelWriting();
        return Error(ErrorCode::Io, QStringLiteral("cannot make %1 private (mode 0600)").arg(path));
    }
    const qint64 crashAfter = g_crashAfter.exchange(-1);
    if (crashAfter >= 0) {
        file.write(data.left(crashAfter));
        file.cancelWriting();
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: simulated crash").arg(path));
    }
    if (file.write(data) != data.size() || !file.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::success();
}
