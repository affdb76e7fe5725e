// SPDX-License-Identifier: MIT
#include "storage/StagedDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <thread>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include "storage/AtomicFile.h"
#endif

namespace {

const QLatin1String kStagingPrefix(".tokenscope-staging-");
std::atomic<int> g_interruptAfter{-1};
std::atomic<StagedDirectory::Interruption> g_interruptHow{StagedDirectory::Interruption::Failure};

Error ioError(const QString& path, const QString& reason)
{
    return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason));
}

#ifdef Q_OS_UNIX
int openDirectory(int at, const QString& name)
{
    int fd;
    do {
        fd = ::openat(at, QFile::encodeName(name).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

/// rename(2) that never replaces `to`: renameat2(RENAME_NOREPLACE) where the file system has it.
bool renameNoReplace(int dirFd, const QByteArray& from, const QByteArray& to)
{
#ifdef Q_OS_LINUX
    if (::renameat2(dirFd, from.constData(), dirFd, to.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
#endif
    // Without RENAME_NOREPLACE: rename(2) would replace an empty directory at `to`, so look first (a small window).
    struct stat st
    {
    };
    if (::fstatat(dirFd, to.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        errno = EEXIST;
        return false;
    }
    return ::renameat(dirFd, from.constData(), dirFd, to.constData()) == 0;
}
#endif

/// `path`'s parent directories below the staging root, parents first ("a", "a/b" for "a/b/c.json").
QStringList parentsOf(const QString& relativePath)
{
    QStringList parents;
    qsizetype slash = relativePath.indexOf(QLatin1Char('/'));
    while (slash > 0) {
        parents.append(relativePath.left(slash));
        slash = relativePath.indexOf(QLatin1Char('/'), slash + 1);
    }
    return parents;
}

} // namespace

void StagedDirectory::interruptAfterFilesForTest(int files, Interruption how)
{
    g_interruptHow = how;
    g_interruptAfter = files;
}

bool StagedDirectory::isStagingName(const QString& name)
{
    return name.startsWith(kStagingPrefix);
}

Result<void> StagedDirectory::create(const QString& target, const QStringList& directories,
                                     const std::vector<File>& files)
{
    const QFileInfo info(target);
    const QString parentPath = info.absolutePath();
    const QString name = info.fileName();
    if (!QDir().mkpath(parentPath))
        return ioError(target, QStringLiteral("cannot create its parent directory"));
    const int interruptAfter = g_interruptAfter.exchange(-1);
#ifdef Q_OS_UNIX
    const int parentFd = openDirectory(AT_FDCWD, parentPath);
    if (parentFd < 0)
        return ioError(target, qt_error_string(errno));
    QString stagingName;
    for (int attempt = 0;; ++attempt) {
        stagingName = kStagingPrefix + QString::number(QRandomGenerator::global()->generate64(), 36);
        if (::mkdirat(parentFd, QFile::encodeName(stagingName).constData(), 0777) == 0)
            break;
        if (errno != EEXIST || attempt == 16) {
            const int error = errno;
            ::close(parentFd);
            return ioError(target, qt_error_string(error));
        }
    }
    const QString stagingPath = parentPath + QLatin1Char('/') + stagingName;
    const int stagingFd = openDirectory(parentFd, stagingName);
    // The lock says "being written" to removeIfStale() in other processes; the kernel drops it when this process dies.
    if (stagingFd < 0 || ::flock(stagingFd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (stagingFd >= 0)
            ::close(stagingFd);
        ::close(parentFd);
        return ioError(target, qt_error_string(error));
    }
    auto fail = [&](const QString& reason) -> Result<void> {
        QDir(stagingPath).removeRecursively();
        ::close(stagingFd);
        ::close(parentFd);
        return ioError(target, reason);
    };

    QSet<QString> made;
    auto makeDirectory = [&](const QString& relative) {
        if (made.contains(relative))
            return true;
        if (::mkdirat(stagingFd, QFile::encodeName(relative).constData(), 0777) != 0 && errno != EEXIST)
            return false;
        made.insert(relative);
        return true;
    };
    for (const QString& directory : directories) {
        for (const QString& parent : parentsOf(directory + QLatin1Char('/'))) {
            if (!makeDirectory(parent))
                return fail(QStringLiteral("%1: %2").arg(directory, qt_error_string(errno)));
        }
    }
    // Directories first (here), then the files on two threads: creating 10,000 files is mostly system time, and
    // each thread's files are opened relative to the staging directory, so they share nothing but the descriptor.
    for (const File& file : files) {
        for (const QString& parent : parentsOf(file.relativePath)) {
            if (!makeDirectory(parent))
                return fail(QStringLiteral("%1: %2").arg(file.relativePath, qt_error_string(errno)));
        }
    }
    // Returns an empty string, or what failed.
    auto writeSlice = [&files, stagingFd](size_t begin, size_t end) -> QString {
        for (size_t i = begin; i < end; ++i) {
            const File& file = files[i];
            int fd;
            do {
                fd = ::openat(stagingFd, QFile::encodeName(file.relativePath).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            } while (fd < 0 && errno == EINTR);
            if (fd < 0)
                return QStringLiteral("%1: %2").arg(file.relativePath, qt_error_string(errno));
            bool ok = writeAll(fd, file.data);
#ifndef Q_OS_LINUX
            ok = ok && ::fsync(fd) == 0; // no syncfs(2): each file on its own
#endif
            const int error = errno;
            ok = ::close(fd) == 0 && ok;
            if (!ok)
                return QStringLiteral("%1: %2").arg(file.relativePath, qt_error_string(error));
        }
        return {};
    };
    if (interruptAfter >= 0) { // the test seam: one thread, stopped after that many files
        const size_t upTo = std::min(files.size(), size_t(interruptAfter));
        if (const QString failed = writeSlice(0, upTo); !failed.isEmpty())
            return fail(failed);
        if (upTo == size_t(interruptAfter)) {
            if (g_interruptHow == Interruption::Crash) {
                ::close(stagingFd);
                ::close(parentFd);
                return ioError(target, QStringLiteral("simulated crash"));
            }
            return fail(QStringLiteral("simulated failure"));
        }
    } else {
        const size_t half = files.size() >= 256 ? files.size() / 2 : files.size();
        QString otherFailed;
        std::thread other;
        if (half < files.size())
            other = std::thread([&] { otherFailed = writeSlice(half, files.size()); });
        const QString failed = writeSlice(0, half);
        if (other.joinable())
            other.join();
        if (!failed.isEmpty() || !otherFailed.isEmpty())
            return fail(failed.isEmpty() ? otherFailed : failed);
    }
#ifdef Q_OS_LINUX
    // Every file's data and the directories' entries on disk before the rename can be: a power cut after the rename
    // must not leave empty or missing files under the final name. One syncfs(2) is one journal commit on ext4; an
    // fsync(2) per file was one commit each (measured: docs/PERFORMANCE.md, "Import writes").
    if (::syncfs(stagingFd) != 0)
        return fail(QStringLiteral("sync: %1").arg(qt_error_string(errno)));
#endif
    if (!renameNoReplace(parentFd, QFile::encodeName(stagingName), QFile::encodeName(name)))
        return fail(errno == EEXIST || errno == ENOTEMPTY ? QStringLiteral("it exists") : qt_error_string(errno));
    // The rename itself on disk.
    const bool synced = ::fsync(parentFd) == 0;
    const int syncError = errno;
    ::close(stagingFd);
    ::close(parentFd);
    if (!synced)
        return ioError(target, QStringLiteral("sync: %1").arg(qt_error_string(syncError)));
    return Result<void>::success();
#else
    // Elsewhere: the same staging and rename, each file through AtomicFile (synced on its own).
    const QString stagingPath =
        QDir(parentPath).filePath(kStagingPrefix + QString::number(QRandomGenerator::global()->generate64(), 36));
    if (QFileInfo::exists(target))
        return ioError(target, QStringLiteral("it exists"));
    for (const QString& directory : directories)
        QDir().mkpath(stagingPath + QLatin1Char('/') + directory);
    int written = 0;
    for (const File& file : files) {
        if (auto ok = AtomicFile::write(stagingPath + QLatin1Char('/') + file.relativePath, file.data); !ok) {
            QDir(stagingPath).removeRecursively();
            return ok;
        }
        if (++written == interruptAfter) {
            if (g_interruptHow == Interruption::Failure)
                QDir(stagingPath).removeRecursively();
            return ioError(target, QStringLiteral("simulated interruption"));
        }
    }
    if (!QDir().rename(stagingPath, target)) {
        QDir(stagingPath).removeRecursively();
        return ioError(target, QStringLiteral("cannot rename the staged directory into place"));
    }
    return Result<void>::success();
#endif
}

bool StagedDirectory::removeIfStale(const QString& parent, const QString& name)
{
    if (!isStagingName(name))
        return false;
    const QString path = QDir(parent).filePath(name);
#ifdef Q_OS_UNIX
    const int fd = openDirectory(AT_FDCWD, path); // O_NOFOLLOW: a symbolic link is never followed to delete
    if (fd < 0)
        return false;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) { // its writer is still at work
        ::close(fd);
        return false;
    }
    const bool removed = QDir(path).removeRecursively();
    ::close(fd);
    return removed;
#else
    // No way to tell a live writer here: left in place (the load ignores hidden names).
    return false;
#endif
}
