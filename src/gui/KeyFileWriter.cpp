// SPDX-License-Identifier: MIT
#include "gui/KeyFileWriter.h"

#include <QMessageBox>
#include <QSaveFile>

Result<void> KeyFileWriter::write(const QString& path, const QByteArray& data, bool containsPrivateKey)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    if (containsPrivateKey && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return Error(ErrorCode::Io, QStringLiteral("cannot restrict %1 to mode 0600").arg(path));
    }
    if (file.write(data) != data.size() || !file.commit()) {
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return Result<void>::success();
}

bool KeyFileWriter::writeOrWarn(QWidget* parent, const QString& title, const QString& path, const QByteArray& data,
                                bool containsPrivateKey)
{
    auto written = write(path, data, containsPrivateKey);
    if (!written) {
        QMessageBox::warning(parent, title, written.error().message);
    }
    return written.ok();
}
