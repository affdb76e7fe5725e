// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

/// Human-readable times for the claims table: local and UTC renderings and a relative countdown.
class TimeDisplay
{
    Q_DECLARE_TR_FUNCTIONS(TimeDisplay)

public:
    /// "4 min 12 s", "2 h 5 min", "3 d 4 h", "75 y 12 d": the two most significant units.
    static QString duration(qint64 seconds);
    /// "2024-05-01 12:00:00 UTC"
    static QString utc(qint64 epochSeconds);
    /// "2024-05-01 14:00:00 CEST"
    static QString local(qint64 epochSeconds);
    /// For exp: "expires in 4 min 12 s" / "expired 3 h 2 min ago"; nbf: "valid in …" / "valid since …";
    /// others: "in …" / "… ago".
    static QString relative(const QString& claim, qint64 epochSeconds, qint64 nowSeconds);
};
