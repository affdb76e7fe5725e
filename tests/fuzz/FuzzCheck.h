// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <cstdlib>

/// A fuzz property that holds in every build (Q_ASSERT vanishes in release builds, where the replay test runs).
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);                \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
