// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

class QWidget;

/// Writes key material to a file the user chose, atomically (QSaveFile). Private keys get mode 0600 before a byte
/// is written (the temporary file is restricted first, then renamed into place). Key material never goes to
/// QSettings. Errors: ERR_IO.
class KeyFileWriter
{
public:
    static Result<void> write(const QString& path, const QByteArray& data, bool containsPrivateKey);
    /// write(), and on failure a warning box titled `title` over `parent`. True when written.
    static bool writeOrWarn(QWidget* parent, const QString& title, const QString& path, const QByteArray& data,
                            bool containsPrivateKey);
};
