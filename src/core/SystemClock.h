// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"

/// The real wall clock.
class SystemClock final : public Clock
{
public:
    qint64 nowSeconds() const override;
    qint64 nowMilliseconds() const override;
    /// A process-wide instance (stateless, so sharing it between threads is safe).
    static const SystemClock& instance();
};
