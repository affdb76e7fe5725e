// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// Reads one directory of small files, opened once: the entries its listing names (the listing says which are
/// directories: no stat per entry) and its files by name. On POSIX systems the directory's descriptor stays open, so
/// a file is opened with openat() relative to it (the kernel does not walk the whole path again) and read with one
/// fstat() and one read(): 4 system calls per file where QFile makes 6 (it asks statx three times about the open
/// file). A workspace of 10,000 request files spent a third of its load in the kernel, most of it on those calls.
/// Elsewhere QDir and QFile do the same job.
class DirectoryReader
{
public:
    struct Entry
    {
        QString name;
        bool isDirectory = false;
    };
    struct File
    {
        enum class Status
        {
            Read,
            Missing, // no such file
            Failed,  // there, but it cannot be read (error says why)
        };
        Status status = Status::Missing;
        QByteArray data;
        QString error;
    };

    explicit DirectoryReader(const QString& path);
    ~DirectoryReader();
    DirectoryReader(const DirectoryReader&) = delete;
    DirectoryReader& operator=(const DirectoryReader&) = delete;

    QString path() const { return m_path; }
    /// False when the directory cannot be opened (missing, not a directory, not readable).
    bool isOpen() const { return m_open; }
    /// What QDir(path).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name) lists: directories
    /// and regular files (a symbolic link as what it points to; a broken one left out), hidden names (a leading '.')
    /// left out, sorted by QString::compare of the names. With `hidden`, the hidden names (not "." and "..") are
    /// added to it, whatever their type.
    QList<Entry> entries(QStringList* hidden = nullptr) const;
    /// The whole content of the file `name` in this directory.
    File read(const QString& name) const;
    /// The whole content of the file at `path` (no directory kept open).
    static File readPath(const QString& path);

private:
    QString m_path;
    bool m_open = false;
    int m_fd = -1; // POSIX: the directory's descriptor
};
