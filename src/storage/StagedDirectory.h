// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <vector>

/// Creates a whole new directory tree at once, crash-safe, at the cost of one sync instead of one per file.
///
/// The files are written with plain writes into a hidden staging directory next to the target (the same parent, so
/// the same file system), made durable together (syncfs(2) on Linux: one journal commit for all of them, where a
/// QSaveFile per file costs an fsync each: 21-54 s for the 10,102 files of a 10,000-request import), and the staging
/// directory is then renamed to the target (rename(2) is atomic; RENAME_NOREPLACE: an existing target is never
/// replaced) and the parent directory synced. A crash before the rename leaves no target, only a staging directory;
/// after it, the whole tree. A failure returns an error and removes the staging directory.
///
/// A staging directory is named `.tokenscope-staging-<random>` (hidden: listings that skip hidden names, as the
/// workspace load does, never see it) and its writer holds an flock(2) on it while it writes. removeIfStale() deletes
/// one whose lock is free, i.e. whose writer is gone (a crash, a kill); one being written is left alone.
class StagedDirectory
{
public:
    struct File
    {
        QString relativePath; // below the target, '/'-separated; missing directories are created
        QByteArray data;
    };

    /// Creates `target` (absolute; it must not exist, its parent is created when missing) holding `files` and the
    /// (possibly empty) `directories` (relative paths). Errors: ERR_IO naming the path and the reason; nothing changed
    /// at `target` then.
    static Result<void> create(const QString& target, const QStringList& directories, const std::vector<File>& files);

    /// True for a name create() gives its staging directories.
    static bool isStagingName(const QString& name);
    /// Deletes the staging directory `name` in `parent` when no writer holds it. Returns true when it was removed.
    static bool removeIfStale(const QString& parent, const QString& name);

    enum class Interruption
    {
        Failure, // an error after the files: create() cleans up and returns ERR_IO
        Crash,   // as if the process died there: the staging directory stays behind, its lock released
    };
    /// Test seam: the next create() stops after writing `files` files. Negative disables it.
    static void interruptAfterFilesForTest(int files, Interruption how);
};
