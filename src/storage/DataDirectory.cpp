// SPDX-License-Identifier: MIT
#include "storage/DataDirectory.h"

#include <QDir>
#include <QStandardPaths>

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
