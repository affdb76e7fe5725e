// SPDX-License-Identifier: MIT
#pragma once

#include "request/HttpRequestSpec.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <utility>

/// Helpers shared by the net tests (kept out of the moc'ed test files).
namespace NetTestSupport {

struct ProcessResult
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ProcessResult run(const QString& program, const QStringList& args, const QString& workDir = QString())
{
    ProcessResult r;
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return r;
    r.started = true;
    p.closeWriteChannel();
    p.waitForFinished(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(data) == data.size();
}

/// Text that breaks naive escaping in every language this project generates: quotes of all kinds, backslashes
/// (also before a quote and at the end), shell and template metacharacters, newlines, tabs, non-ASCII in and
/// beyond the BMP, and a control byte.
inline QString nastyText()
{
    return QString::fromUtf8("it's \"quoted\" `uname` $HOME ${x} #{x} %PATH% !x! ^ & | < > ( ) ; \\ \\\" {{var}}\n"
                             "line2\ttab caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8 end\\");
}

/// A body that looks binary (control bytes, DEL, NUL-free).
inline QString binaryLookingText()
{
    return QString::fromLatin1("\x01\x02\x1b[0m\x7f\r\n\x0b\x0c tail");
}

inline HttpRequestSpec nastyRequest()
{
    HttpRequestSpec r;
    r.method = QStringLiteral("POST");
    r.url = QString::fromUtf8("https://api.example.com/v1/items?q=caf%C3%A9&x=1");
    r.headers = {{QStringLiteral("X-Quote"), QStringLiteral("a 'single' and \"double\" $HOME `id` \\ end"), true},
                 {QStringLiteral("X-Unicode"), QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80"), true},
                 {QStringLiteral("Content-Type"), QStringLiteral("text/plain; charset=utf-8"), true}};
    r.bodyKind = HttpRequestSpec::BodyKind::Raw;
    r.rawType = HttpRequestSpec::RawType::Text;
    r.rawBody = nastyText();
    return r;
}

} // namespace NetTestSupport
