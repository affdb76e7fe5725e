// SPDX-License-Identifier: MIT
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

#include <atomic>

namespace {
std::atomic<qint64> g_crashAfter{-1};

QFileDevice::Permissions permissionsFor(AtomicFile::Mode mode)
{
    return mode == AtomicFile::Mode::Private
               ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
               : (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
}
} // namespace

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
    const QFileDevice::Permissions permissions = permissionsFor(mode);
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

Result<void> AtomicFile::createNew(const QString& path, const QByteArray& data, Mode mode)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error(ErrorCode::Io, QStringLiteral("cannot create the directory of %1").arg(path));
    if (info.exists())
        return Error(ErrorCode::Io, QStringLiteral("cannot create %1: it exists").arg(path));
    // The whole content goes to a temporary file (created 0600) in the same directory first; QFile::rename never
    // replaces an existing target (renameat2 RENAME_NOREPLACE, or link + unlink), so the file appears complete or
    // not at all, and a concurrent creator's file is never overwritten.
    QTemporaryFile temporary(QDir(info.absolutePath()).filePath(QStringLiteral(".%1.XXXXXX").arg(info.fileName())));
    if (!temporary.open())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, temporary.errorString()));
    if (!temporary.setPermissions(permissionsFor(mode)) && mode == Mode::Private)
        return Error(ErrorCode::Io, QStringLiteral("cannot make %1 private (mode 0600)").arg(path));
    const qint64 crashAfter = g_crashAfter.exchange(-1);
    if (crashAfter >= 0) {
        temporary.write(data.left(crashAfter));
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: simulated crash").arg(path));
    }
    if (temporary.write(data) != data.size() || !temporary.flush())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, temporary.errorString()));
    temporary.close();
    if (!temporary.rename(path))
        return Error(ErrorCode::Io, QStringLiteral("cannot create %1: %2").arg(path, temporary.errorString()));
    temporary.setAutoRemove(false);
    return Result<void>::success();
}
