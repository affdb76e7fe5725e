// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>

/// Batch mode's worker pool (verify -, collection show): [0, n) is handed out in contiguous chunks of
/// `minPerThread` items from a shared counter, so each result lands at its input's index and the output keeps the input
/// order without any locking, and a thread that the scheduler delays (a shared machine) takes fewer chunks instead of
/// leaving the others idle at the end. At most `threads` threads, and only as many as give each at least
/// `minPerThread` items (a thread costs more than a few tokens). `work(begin, end)` is called once per chunk, from
/// any of the threads.
class ParallelSlices
{
public:
    static void run(size_t n, size_t threads, size_t minPerThread, const std::function<void(size_t, size_t)>& work);
};
