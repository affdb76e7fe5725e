// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"

#include <atomic>

/// A clock that only moves when told to: for tests and the GUI's virtual clock.
class MockClock final : public Clock
{
public:
    explicit MockClock(qint64 seconds = 0)
        : m_ms(seconds * 1000)
    {
    }
    qint64 nowSeconds() const override { return m_ms.load() / 1000; }
    qint64 nowMilliseconds() const override { return m_ms.load(); }
    void setSeconds(qint64 seconds) { m_ms.store(seconds * 1000); }
    void advanceSeconds(qint64 seconds) { m_ms.fetch_add(seconds * 1000); }
    void advanceMilliseconds(qint64 ms) { m_ms.fetch_add(ms); }

private:
    std::atomic<qint64> m_ms;
};
