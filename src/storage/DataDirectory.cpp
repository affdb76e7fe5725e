// SPDX-License-Identifier: MIT
#include "storage/DataDirectory.h"

#include "storage/AtomicFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

/// Copies through AtomicFile so a copy is private (0600) from its first byte and never half-written. Best effort:
/// a failed copy leaves the new location empty, which reads as "no data yet", and the old file in place.
void copyFile(const QString& from, const QString& to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return;
    (void)AtomicFile::write(to, in.readAll(), AtomicFile::Mode::Private);
}

} // namespace

QString DataDirectory::root()
{
    const QString overridden = qEnvironmentVariable("TOKENSCOPE_DATA_DIR");
    if (!overridden.isEmpty())
        return QDir(overridden).absolutePath();
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("tokenscope"));
}

QString DataDirectory::defaultWorkspace()
{
    return QDir(root()).filePath(QStringLiteral("workspace"));
}

QString DataDirectory::issuerDirectory()
{
    return QDir(root()).filePath(QStringLiteral("server"));
}

QString DataDirectory::historyFile()
{
    return QDir(root()).filePath(QStringLiteral("history.jsonl"));
}

QString DataDirectory::draftFile()
{
    return migrated(QStringLiteral("request-draft.json"));
}

QString DataDirectory::environmentsFile()
{
    return migrated(QStringLiteral("environments.json"));
}

QString DataDirectory::jwksHistoryDirectory()
{
    return migrated(QStringLiteral("jwks-history"));
}

QString DataDirectory::legacyFile(const QString& name)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(name);
}

QString DataDirectory::migrated(const QString& name)
{
    const QString target = QDir(root()).filePath(name);
    const QFileInfo legacy(legacyFile(name));
    if (QFileInfo::exists(target) || !legacy.exists() ||
        legacy.absoluteFilePath() == QFileInfo(target).absoluteFilePath())
        return target;
    if (legacy.isDir()) {
        QDirIterator it(legacy.absoluteFilePath(), QDir::Files | QDir::Hidden);
        while (it.hasNext()) {
            const QString from = it.next();
            copyFile(from, QDir(target).filePath(it.fileName()));
        }
    } else {
        copyFile(legacy.absoluteFilePath(), target);
    }
    return target;
}
