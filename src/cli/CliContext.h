// SPDX-License-Identifier: MIT
#pragma once

#include "cli/RemoteKeys.h"
#include "core/Result.h"

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/// Exit codes shared by every subcommand.
enum ExitCode
{
    ExitOk = 0,           // success / valid
    ExitInvalid = 1,      // the input was examined and found invalid
    ExitUsage = 2,        // bad usage, unreadable input, I/O error
    ExitInconclusive = 3, // probe: the control request was not accepted, nothing could be judged
};

/// Standard streams for a command. Output goes through here so tests and batch mode stay consistent.
class CliContext
{
public:
    CliContext();

    void out(const QString& text);     // stdout, no newline added
    void outLine(const QString& text); // stdout + '\n'
    void outBytes(const QByteArray& bytes);
    void errLine(const QString& text);       // stderr + '\n'
    void outJson(const QJsonObject& object); // compact JSON + '\n'
    void flush();

    /// Prints "tokenscope-cli: <code>: <message>" on stderr and returns `exit`.
    int fail(const Error& error, int exit = ExitUsage);
    int usage(const QString& message);

    /// Reads a whole file ("-" = stdin) up to `limit` bytes. Errors: ERR_IO, ERR_INPUT_TOO_LARGE.
    Result<QByteArray> readInput(const QString& path, qint64 limit = 64 * 1024 * 1024);
    /// The TOKEN argument of decode and verify: the argument itself, or stdin when it is "-" or absent (one line
    /// terminator at the end dropped). Reads at most a few bytes past CompactToken::kMaxLength, so that
    /// TokenAnalysis applies the GUI's size cap (ERR_INPUT_TOO_LARGE) without the CLI reading more.
    QByteArray readToken(const QStringList& positional);
    QFile& stdinFile() { return m_in; }
    /// Key sets over http(s): set in the command module, none in the executable (see RemoteKeys). Not owned.
    void setRemoteKeys(const RemoteKeys* remoteKeys) { m_remoteKeys = remoteKeys; }
    /// RemoteKeys::fetch through the one set. Errors: the fetcher's; ERR_USAGE without one (the executable routes
    /// every fetching invocation to the module, so that is a routing mistake, asserted).
    Result<RemoteKeys::Fetched> fetchKeySet(const QString& location, bool issuer, const QString& caFile = {}) const;

private:
    QFile m_out;
    QFile m_err;
    QFile m_in;
    const RemoteKeys* m_remoteKeys = nullptr;
};
