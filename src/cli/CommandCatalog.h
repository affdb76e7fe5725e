// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <span>

/// Every tokenscope-cli command's name and one-line summary, in the order `--help` lists them. The executable
/// runs only some commands itself and loads the others from the command module (CommandModule), yet it prints the
/// whole list and each command's --help header from here, without loading the module; Command::summary() reads it.
class CommandCatalog
{
public:
    struct Entry
    {
        const char* name;
        const char* summary;
    };

    static std::span<const Entry> entries();
    /// Nullptr for a name that is not a command.
    static const Entry* find(const QString& name);
};
