// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>

/// Batch mode's worker pool (verify -, decrypt -): [0, n) is cut into contiguous slices, one per thread, so each
/// result lands at its input's index and the output keeps the input order without any locking. At most `threads`
/// threads, and only as many as give each at least `minPerThread` items (a thread costs more than a few tokens).
class ParallelSlices
{
public:
    static void run(size_t n, size_t threads, size_t minPerThread, const std::function<void(size_t, size_t)>& work);
};
