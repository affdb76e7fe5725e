// SPDX-License-Identifier: MIT
#include "core/TimeText.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace {
constexpr qint64 kMaxSeconds = 253402300799; // 9999-12-31T23:59:59Z
}

qint64 TimeText::seconds(double value)
{
    if (std::isnan(value)) {
        return 0;
    }
    return static_cast<qint64>(std::clamp(value, -double(kMaxSeconds), double(kMaxSeconds)));
}

QString TimeText::utc(double epochSeconds)
{
    if (!std::isfinite(epochSeconds) || std::fabs(epochSeconds) > 253402300799.0) {
        return QStringLiteral("(out of range)");
    }
    const auto ms = static_cast<qint64>(std::llround(epochSeconds * 1000.0));
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return ms % 1000 == 0 ? t.toString(Qt::ISODate) : t.toString(Qt::ISODateWithMs);
}

QString TimeText::duration(qint64 seconds)
{
    const qint64 s =
        seconds == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max() : std::llabs(seconds);
    const qint64 d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (d > 0) {
        return h ? QStringLiteral("%1 d %2 h").arg(d).arg(h) : QStringLiteral("%1 d").arg(d);
    }
    if (h > 0) {
        return m ? QStringLiteral("%1 h %2 min").arg(h).arg(m) : QStringLiteral("%1 h").arg(h);
    }
    if (m > 0) {
        return sec ? QStringLiteral("%1 min %2 s").arg(m).arg(sec) : QStringLiteral("%1 min").arg(m);
    }
    return QStringLiteral("%1 s").arg(sec);
}

QString TimeText::relative(qint64 targetSeconds, qint64 nowSeconds)
{
    const qint64 delta =
        std::clamp(targetSeconds, -kMaxSeconds, kMaxSeconds) - std::clamp(nowSeconds, -kMaxSeconds, kMaxSeconds);
    if (delta == 0) {
        return QStringLiteral("now");
    }
    return delta > 0 ? QStringLiteral("in %1").arg(duration(delta)) : QStringLiteral("%1 ago").arg(duration(delta));
}
