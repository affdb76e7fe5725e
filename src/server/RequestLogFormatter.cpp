// SPDX-License-Identifier: MIT
#include "server/RequestLogFormatter.h"

#include "core/DisplayText.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

QString RequestLogFormatter::format(const RequestLogEntry& entry, LogFormat format)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const double latencyMs = static_cast<double>(entry.latencyUs) / 1000.0;
    if (format == LogFormat::Json) {
        QJsonObject o{
            {QStringLiteral("time"), time},
            {QStringLiteral("method"), entry.method},
            {QStringLiteral("path"), entry.path},
            {QStringLiteral("status"), entry.status},
            {QStringLiteral("latency_ms"), latencyMs},
            {QStringLiteral("peer"), entry.peer},
        };
        if (!entry.code.isEmpty()) {
            o.insert(QStringLiteral("code"), entry.code);
            o.insert(QStringLiteral("description"), entry.description);
        }
        if (!entry.tokenPreview.isEmpty()) {
            o.insert(QStringLiteral("token"), entry.tokenPreview);
            o.insert(QStringLiteral("cache_hit"), entry.cacheHit);
        }
        if (!entry.subject.isEmpty()) {
            o.insert(QStringLiteral("sub"), entry.subject);
        }
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    // The text log is read in terminals and by line-oriented tools: every field that a client chose is escaped
    // (issue 15 #5), so a request cannot forge a log line or send terminal escape sequences.
    const auto esc = [](const QString& s) { return DisplayText::escapeControls(s); };
    QString line = QStringLiteral("%1 %2 %3 %4 %5 %6ms %7")
                       .arg(time, esc(entry.method), esc(entry.path))
                       .arg(entry.status)
                       .arg(entry.code.isEmpty() ? QStringLiteral("-") : esc(entry.code))
                       .arg(latencyMs, 0, 'f', 2)
                       .arg(entry.peer.isEmpty() ? QStringLiteral("-") : entry.peer);
    if (!entry.tokenPreview.isEmpty()) {
        line += QStringLiteral(" token=") + esc(entry.tokenPreview);
    }
    if (!entry.code.isEmpty() && !entry.description.isEmpty()) {
        line += QStringLiteral(" \"") + esc(entry.description) + QLatin1Char('"');
    }
    return line;
}
