// SPDX-License-Identifier: MIT
#include "storage/DirectoryReader.h"

#include <QDir>
#include <QFile>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_UNIX
DirectoryReader::File failedWith(int error)
{
    DirectoryReader::File file;
    file.status = error == ENOENT || error == ENOTDIR ? DirectoryReader::File::Status::Missing
                                                      : DirectoryReader::File::Status::Failed;
    file.error = qt_error_string(error);
    return file;
}

/// Reads the open file `fd` to its end and closes it.
DirectoryReader::File readAndClose(int fd)
{
    DirectoryReader::File file;
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        const int error = S_ISDIR(st.st_mode) ? EISDIR : errno;
        ::close(fd);
        return failedWith(error);
    }
    // The size from fstat is read in one call, as QFile::readAll() does; a file that reports no size (a pipe, a
    // file in /proc) or that shrank is read until read() says its end.
    QByteArray data(qsizetype(st.st_size > 0 ? st.st_size : 4096), Qt::Uninitialized);
    qsizetype got = 0;
    for (;;) {
        const ssize_t n = ::read(fd, data.data() + got, size_t(data.size() - got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            ::close(fd);
            return failedWith(error == ENOENT ? EIO : error);
        }
        got += n;
        if (n == 0 || (st.st_size > 0 && got == st.st_size))
            break;
        if (got == data.size())
            data.resize(data.size() * 2);
    }
    ::close(fd);
    data.truncate(got);
    file.status = DirectoryReader::File::Status::Read;
    file.data = std::move(data);
    return file;
}

DirectoryReader::File openAndRead(int dirFd, const char* name)
{
    int fd;
    do {
        fd = ::openat(dirFd, name, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return failedWith(errno);
    return readAndClose(fd);
}
#else
DirectoryReader::File readWithQFile(const QString& path)
{
    DirectoryReader::File file;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        file.status =
            QFile::exists(path) ? DirectoryReader::File::Status::Failed : DirectoryReader::File::Status::Missing;
        file.error = f.errorString();
        return file;
    }
    file.data = f.readAll();
    file.status = DirectoryReader::File::Status::Read;
    return file;
}
#endif

} // namespace

DirectoryReader::DirectoryReader(const QString& path)
    : m_path(path)
{
#ifdef Q_OS_UNIX
    do {
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (m_fd < 0 && errno == EINTR);
    m_open = m_fd >= 0;
#else
    const QDir dir(path);
    m_open = dir.exists() && dir.isReadable();
#endif
}

DirectoryReader::~DirectoryReader()
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

QList<DirectoryReader::Entry> DirectoryReader::entries(QStringList* hidden) const
{
    QList<Entry> entries;
    if (!m_open)
        return entries;
#ifdef Q_OS_UNIX
    // A second descriptor for the listing: fdopendir() takes the one it is given, and m_fd stays for openat().
    const int listFd = ::openat(m_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (listFd < 0)
        return entries;
    DIR* dir = ::fdopendir(listFd);
    if (!dir) {
        ::close(listFd);
        return entries;
    }
    while (const dirent* e = ::readdir(dir)) {
        if (e->d_name[0] == '.') { // ".", ".." and hidden names: QDir lists them only with QDir::Hidden
            if (hidden && std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                hidden->append(QFile::decodeName(e->d_name));
            continue;
        }
        bool isDirectory = e->d_type == DT_DIR;
        if (e->d_type != DT_DIR && e->d_type != DT_REG) {
            // A symbolic link (or a file system that does not say the type): what it points to decides.
            struct stat st
            {
            };
            if (::fstatat(m_fd, e->d_name, &st, 0) != 0 || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
                continue;
            isDirectory = S_ISDIR(st.st_mode);
        }
        entries.append(Entry{QFile::decodeName(e->d_name), isDirectory});
    }
    ::closedir(dir);
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
#else
    for (const QFileInfo& info :
         QDir(m_path).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
        entries.append(Entry{info.fileName(), info.isDir()});
    if (hidden) {
        for (const QFileInfo& info :
             QDir(m_path).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
            if (info.fileName().startsWith(QLatin1Char('.')))
                hidden->append(info.fileName());
        }
    }
#endif
    return entries;
}

DirectoryReader::File DirectoryReader::read(const QString& name) const
{
#ifdef Q_OS_UNIX
    if (m_fd < 0)
        return failedWith(ENOENT);
    return openAndRead(m_fd, QFile::encodeName(name).constData());
#else
    return readWithQFile(QDir(m_path).filePath(name));
#endif
}

DirectoryReader::File DirectoryReader::readPath(const QString& path)
{
#ifdef Q_OS_UNIX
    return openAndRead(AT_FDCWD, QFile::encodeName(path).constData());
#else
    return readWithQFile(path);
#endif
}
