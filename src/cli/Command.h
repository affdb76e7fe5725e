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
    /// The one-line summary of `tokenscope-cli --help`, from CommandCatalog.
    QString summary() const;
    virtual int run(const QStringList& arguments, CliContext& ctx) = 0;
    /// Whether run() would fetch something over the network with these arguments (a key set URL). The executable
    /// runs such an invocation from the command module, which links the network layer (see CommandModule). Called
    /// before QCoreApplication exists; arguments that do not parse are not a network use (run() reports them).
    virtual bool needsNetwork(const QStringList& arguments) const;

protected:
    /// Parses with `parser`; on an error or --help prints the right thing. Returns -1 to continue, or an exit code.
    int parse(QCommandLineParser& parser, const QStringList& arguments, CliContext& ctx, const QString& usage);
    /// Parses as parse() does (the same option modes), printing nothing: for needsNetwork().
    static bool parseQuietly(QCommandLineParser& parser, const QStringList& arguments);
    /// A repeatable, comma-separated list option (--alg RS256,ES256 --alg PS256), trimmed, empty parts dropped.
    static QStringList listValues(const QCommandLineParser& parser, const QCommandLineOption& option);

private:
    static QCommandLineOption addHelp(QCommandLineParser& parser);
};
