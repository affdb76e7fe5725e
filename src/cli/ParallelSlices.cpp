// SPDX-License-Identifier: MIT
#include "cli/ParallelSlices.h"

#include <algorithm>
#include <thread>
#include <vector>

void ParallelSlices::run(size_t n, size_t threads, size_t minPerThread, const std::function<void(size_t, size_t)>& work)
{
    const size_t workers = std::min(threads, (n + minPerThread - 1) / std::max<size_t>(minPerThread, 1));
    if (workers <= 1) {
        work(0, n);
        return;
    }
    std::vector<std::thread> pool;
    const size_t per = (n + workers - 1) / workers;
    // The calling thread takes the first slice itself instead of only waiting: one thread fewer to start, and on
    // two cores both work.
    for (size_t w = 1; w < workers; ++w) {
        const size_t begin = w * per;
        const size_t end = std::min(n, begin + per);
        if (begin < end) {
            pool.emplace_back(work, begin, end);
        }
    }
    work(0, std::min(n, per));
    for (auto& t : pool) {
        t.join();
    }
}
