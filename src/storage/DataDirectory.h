// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// The one data directory that the GUI and the CLI share: `$TOKENSCOPE_DATA_DIR` when set, else
/// `$XDG_DATA_HOME/tokenscope` (QStandardPaths::GenericDataLocation, so `~/.local/share/tokenscope`). Qt's
/// AppDataLocation is not used: its last component is the executable's name, so `tokenscope` and `tokenscope-cli`
/// would see different data.
///
/// Migration: releases up to now kept drafts, environments, history and JWKS rotations in the running program's
/// AppDataLocation. The file accessors below copy such a file (or directory) once into the shared directory when
/// the new one does not exist yet; the old copy stays where it was, untouched.
class DataDirectory
{
public:
    static QString root();
    /// The workspace opened when none is named (`<root>/workspace`).
    static QString defaultWorkspace();
    /// The embedded issuer's keys and state (`<root>/server`).
    static QString issuerDirectory();
    /// The request history, JSON Lines (`<root>/history.jsonl`). Migrating the old `history.json` is a conversion,
    /// done by RequestHistory (see legacyFile()).
    static QString historyFile();
    /// The unsent request (`<root>/request-draft.json`); migrated.
    static QString draftFile();
    /// The environments without their secret values (`<root>/environments.json`); migrated.
    static QString environmentsFile();
    /// One file per JWKS URL with its last two fetches (`<root>/jwks-history/`, a directory); migrated.
    static QString jwksHistoryDirectory();

    /// Where a file called `name` was kept before the shared directory: the running program's AppDataLocation.
    static QString legacyFile(const QString& name);

private:
    static QString migrated(const QString& name);
};
