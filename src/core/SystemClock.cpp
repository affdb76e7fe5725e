// SPDX-License-Identifier: MIT
#include "core/SystemClock.h"

#include <QDateTime>

qint64 SystemClock::nowSeconds() const
{
    return QDateTime::currentSecsSinceEpoch();
}

qint64 SystemClock::nowMilliseconds() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

const SystemClock& SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}
