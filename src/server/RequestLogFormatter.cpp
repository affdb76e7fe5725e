// SPDX-License-Identifier: MIT
#include "server/RequestLogFormatter.h"

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
    QString line = QStringLiteral("%1 %2 %3 %4 %5 %6ms %7")
                       .arg(time, entry.method, entry.path)
                       .arg(entry.status)
                       .arg(entry.code.isEmpty() ? QStringLiteral("-") : entry.code)
                       .arg(latencyMs, 0, 'f', 2)
                       .arg(entry.peer.isEmpty() ? QStringLiteral("-") : entry.peer);
    if (!entry.tokenPreview.isEmpty()) {
        line += QStringLiteral(" token=") + entry.tokenPreview;
    }
    if (!entry.code.isEmpty() && !entry.description.isEmpty()) {
        line += QStringLiteral(" \"") + entry.description + QLatin1Char('"');
    }
    return line;
}
