// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

/// Atomic file output (QSaveFile: never a half-written file). Secret files are created with mode 0600.
class FileWriter
{
public:
    static Result<void> write(const QString& path, const QByteArray& data, bool secret);
};
