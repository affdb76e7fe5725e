// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

/// The time seam: everything that compares with "now" takes a Clock so that tests freeze time.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Seconds since the Unix epoch (UTC).
    virtual qint64 nowSeconds() const = 0;
    /// Milliseconds since the Unix epoch (UTC).
    virtual qint64 nowMilliseconds() const { return nowSeconds() * 1000; }
};
