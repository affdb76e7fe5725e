// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

/// What one run of the built tokenscope-cli produced (shared by the CLI test executables).
struct Run
{
    int exit = -1; // -2: crashed
    QByteArray out;
    QByteArray err;
};

/// Runs tokenscope-cli with `args`, feeding `input` on stdin; blocks until it exits (2 minutes at most).
inline Run cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(TOKENSCOPE_CLI), args);
    if (!p.waitForStarted()) {
        return {};
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    Run r;
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}
