// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"

#include <QCommandLineParser>
#include <QStringList>

/// One tokenscope-cli subcommand. `arguments` starts with the command name (as argv[0] for the parser).
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual int run(const QStringList& arguments, CliContext& ctx) = 0;

protected:
    /// Parses with `parser`; on an error or --help prints the right thing. Returns -1 to continue, or an exit code.
    int parse(QCommandLineParser& parser, const QStringList& arguments, CliContext& ctx, const QString& usage);
    /// A repeatable, comma-separated list option (--alg RS256,ES256 --alg PS256), trimmed, empty parts dropped.
    static QStringList listValues(const QCommandLineParser& parser, const QCommandLineOption& option);
};
