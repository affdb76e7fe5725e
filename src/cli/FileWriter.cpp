// SPDX-License-Identifier: MIT
#include "cli/FileWriter.h"

#include <QSaveFile>

Result<void> FileWriter::write(const QString& path, const QByteArray& data, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    if (secret) {
        // Set before any byte is written, so the key never sits in a world-readable file.
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    if (file.write(data) != data.size() || !file.commit()) {
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}
