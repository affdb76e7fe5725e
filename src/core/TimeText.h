// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Short technical English renderings of Unix times, for the CLI and engine messages (the GUI has tr()'d ones).
class TimeText
{
public:
    /// A NumericDate (any JSON number, even 1e300 or NaN) as whole seconds, clamped to years 0..9999 so that later
    /// arithmetic cannot overflow (RFC 7519 §2 puts no bound on the number).
    static qint64 seconds(double value);
    /// "2011-03-22T18:43:00Z"; fractional seconds are kept to the millisecond.
    static QString utc(double epochSeconds);
    /// A duration: "4 min 12 s", "3 h 5 min", "2 d 4 h" (two most significant units).
    static QString duration(qint64 seconds);
    /// Relative to now: "in 4 min 12 s" (target in the future) or "3 h 5 min ago".
    static QString relative(qint64 targetSeconds, qint64 nowSeconds);
};
