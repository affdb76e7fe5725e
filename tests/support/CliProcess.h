// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

/// What one run of the built tokenscope-cli produced (shared by the CLI test executables).
struct Run
{
    int exit = -1; // -2: crashed
    QByteArray out;
    QByteArray err;
};

/// As cli(), with more environment variables ({NAME, value} pairs) and, optionally, another copy of the program.
inline Run cliWith(const QStringList& args, const QByteArray& input, const QList<QPair<QString, QString>>& environment,
                   const QString& program = QStringLiteral(TOKENSCOPE_CLI))
{
    QProcess p;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] : environment) {
            env.insert(name, value);
        }
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
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

/// Runs tokenscope-cli with `args`, feeding `input` on stdin; blocks until it exits (2 minutes at most).
inline Run cli(const QStringList& args, const QByteArray& input = {})
{
    return cliWith(args, input, {});
}
