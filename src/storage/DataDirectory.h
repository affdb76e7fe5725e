// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// The one data directory that the GUI and the CLI share: `$TOKENSCOPE_DATA_DIR` when set, else
/// `$XDG_DATA_HOME/tokenscope` (QStandardPaths::GenericDataLocation, so `~/.local/share/tokenscope`). Qt's
/// AppDataLocation is not used: its last component is the executable's name, so `tokenscope` and `tokenscope-cli`
/// would see different data.
class DataDirectory
{
public:
    static QString root();
    /// The workspace opened when none is named (`<root>/workspace`).
    static QString defaultWorkspace();
    /// The embedded issuer's keys and state (`<root>/server`).
    static QString issuerDirectory();
};
