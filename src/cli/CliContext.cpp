// SPDX-License-Identifier: MIT
#include "cli/CliContext.h"

#include "core/JsonText.h"
#include "jose/CompactToken.h"

#include <cstdio>

CliContext::CliContext()
{
    m_out.open(stdout, QIODevice::WriteOnly);
    m_err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_in.open(stdin, QIODevice::ReadOnly);
}

void CliContext::out(const QString& text)
{
    m_out.write(text.toUtf8());
}

void CliContext::outLine(const QString& text)
{
    m_out.write(text.toUtf8());
    m_out.write("\n", 1);
}

void CliContext::outBytes(const QByteArray& bytes)
{
    m_out.write(bytes);
}

void CliContext::errLine(const QString& text)
{
    m_out.flush();
    m_err.write(text.toUtf8());
    m_err.write("\n", 1);
}

void CliContext::outJson(const QJsonObject& object)
{
    m_out.write(JsonText::compact(object));
    m_out.write("\n", 1);
}

void CliContext::flush()
{
    m_out.flush();
}

int CliContext::fail(const Error& error, int exit)
{
    errLine(QStringLiteral("tokenscope-cli: ") + error.toString());
    return exit;
}

int CliContext::usage(const QString& message)
{
    errLine(QStringLiteral("tokenscope-cli: ") + message);
    return ExitUsage;
}

Result<QByteArray> CliContext::readInput(const QString& path, qint64 limit)
{
    QByteArray data;
    if (path == QLatin1String("-")) {
        data = m_in.read(limit + 1);
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        }
        data = f.read(limit + 1);
    }
    if (data.size() > limit) {
        return Error(ErrorCode::InputTooLarge, QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(limit));
    }
    return data;
}

Result<RemoteKeys::Fetched> CliContext::fetchKeySet(const QString& location, bool issuer, const QString& caFile) const
{
    Q_ASSERT(m_remoteKeys);
    if (m_remoteKeys == nullptr) {
        return Error(ErrorCode::Usage, QStringLiteral("%1: this process cannot fetch over the network").arg(location));
    }
    return m_remoteKeys->fetch(location, issuer, caFile);
}

QByteArray CliContext::readToken(const QStringList& positional)
{
    if (!positional.isEmpty() && positional.first() != QLatin1String("-")) {
        return positional.first().toUtf8();
    }
    // kMaxLength plus "\r\n" plus one byte: anything longer than the cap still reads as longer after the chop.
    QByteArray data = m_in.read(CompactToken::kMaxLength + 3);
    if (data.endsWith('\n')) {
        data.chop(1);
        if (data.endsWith('\r')) {
            data.chop(1);
        }
    }
    return data;
}
