// SPDX-License-Identifier: MIT
#include "gui/TimeDisplay.h"

#include <QDateTime>
#include <QTimeZone>

QString TimeDisplay::duration(qint64 seconds)
{
    seconds = qAbs(seconds);
    struct Unit
    {
        qint64 size;
        QString name;
    };
    const QList<Unit> units = {
        {365 * 86400, tr("y")}, {86400, tr("d")}, {3600, tr("h")}, {60, tr("min")}, {1, tr("s")}};
    for (qsizetype i = 0; i < units.size(); ++i) {
        if (seconds < units[i].size)
            continue;
        QString text = QStringLiteral("%1 %2").arg(seconds / units[i].size).arg(units[i].name);
        const qint64 rest = seconds % units[i].size;
        if (i + 1 < units.size() && rest / units[i + 1].size > 0)
            text += QStringLiteral(" %1 %2").arg(rest / units[i + 1].size).arg(units[i + 1].name);
        return text;
    }
    return tr("0 s");
}

QString TimeDisplay::utc(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

QString TimeDisplay::local(qint64 epochSeconds)
{
    const QDateTime time = QDateTime::fromSecsSinceEpoch(epochSeconds).toLocalTime();
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char(' ') + time.timeZoneAbbreviation();
}

QString TimeDisplay::relative(const QString& claim, qint64 epochSeconds, qint64 nowSeconds)
{
    const qint64 delta = epochSeconds - nowSeconds;
    const QString span = duration(delta);
    if (claim == QLatin1String("exp"))
        return delta > 0 ? tr("expires in %1").arg(span) : tr("expired %1 ago").arg(span);
    if (claim == QLatin1String("nbf"))
        return delta > 0 ? tr("not valid for another %1").arg(span) : tr("valid since %1 ago").arg(span);
    if (delta == 0)
        return tr("now");
    return delta > 0 ? tr("in %1 (in the future)").arg(span) : tr("%1 ago").arg(span);
}
