// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QStringList>

/// Arguments of one pasted command line and what the split could not honour.
struct TokenizedCommand
{
    QStringList arguments;
    QStringList notes; // e.g. "$HOME not expanded", "ignored text after '|'"
};

/// Splits a pasted command line into arguments the way a shell would, without expanding anything.
///
/// Posix (sh/bash/zsh): whitespace separates; '...' is literal; "..." honours \$ \` \" \\ and
/// backslash-newline; $'...' ANSI-C escapes (\n \t \xHH \nnn \uHHHH \UHHHHHHHH \cX ...); outside quotes a
/// backslash escapes the next character and backslash-newline continues the line. $VAR and `cmd` are kept
/// literally (noted). An unquoted | ; & < > or # (at a word start) ends the command (noted).
///
/// WindowsCmd: cmd.exe first (outside "..." a ^ escapes the next character, ^ at the end of a line continues
/// it, & | < > end the command), then the Microsoft C runtime argv rules (2n backslashes + " -> n backslashes
/// and a quote toggle, 2n+1 -> n backslashes and a literal ", "" inside quotes -> ", other backslashes literal).
/// That is what `curl.exe` sees when the line is run in cmd.exe (not PowerShell).
class CommandLineTokenizer
{
public:
    enum class Dialect
    {
        Posix,
        WindowsCmd
    };

    /// WindowsCmd when the text starts with `curl.exe` or contains a ^ line continuation or ^" escapes.
    static Dialect detectDialect(const QString& command);

    /// ERR_USAGE for an unterminated quote.
    static Result<TokenizedCommand> split(const QString& command, Dialect dialect);

private:
    static Result<TokenizedCommand> splitPosix(const QString& command);
    static Result<TokenizedCommand> splitWindows(const QString& command);
};
