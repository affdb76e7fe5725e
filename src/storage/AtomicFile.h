// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

/// Writes a whole file atomically (QSaveFile: a temporary file in the same directory, renamed over the target
/// only when every byte was written), so a crash or a full disk leaves either the old or the new file, never half
/// of one. Missing parent directories are created.
class AtomicFile
{
public:
    enum class Mode
    {
        Shared,  // 0644: workspace files meant for git
        Private, // 0600: anything that may carry personal data (history, drafts, keys, issuer state)
    };

    /// Errors: ERR_IO naming the path and the reason. For Private files a failed chmod is an error too, and
    /// nothing is committed.
    static Result<void> write(const QString& path, const QByteArray& data, Mode mode = Mode::Shared);

    /// Like write(), but never replaces a file: when `path` exists (also when another process creates it while this
    /// one writes) nothing changes and the result is ERR_IO. For state that two processes may create at once (the
    /// embedded issuer's key): one wins, the other reads the winner's complete file.
    static Result<void> createNew(const QString& path, const QByteArray& data, Mode mode = Mode::Private);

    /// Test seam: the next write stops after `bytes` bytes as if the process died there (nothing committed,
    /// ERR_IO returned). Negative disables it.
    static void simulateCrashAfterBytesForTest(qint64 bytes);
};
