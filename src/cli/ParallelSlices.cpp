// SPDX-License-Identifier: MIT
#include "cli/ParallelSlices.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

void ParallelSlices::run(size_t n, size_t threads, size_t minPerThread, const std::function<void(size_t, size_t)>& work)
{
    const size_t chunk = std::max<size_t>(minPerThread, 1);
    const size_t workers = std::min(threads, (n + chunk - 1) / chunk);
    if (workers <= 1) {
        work(0, n);
        return;
    }
    // Fixed halves (the earlier split) left one core idle whenever the other thread had been descheduled for a while:
    // the batch took as long as its slowest half. Chunks from a counter balance that; one atomic increment per chunk.
    std::atomic<size_t> next{0};
    const auto drain = [&] {
        for (size_t begin = next.fetch_add(chunk, std::memory_order_relaxed); begin < n;
             begin = next.fetch_add(chunk, std::memory_order_relaxed)) {
            work(begin, std::min(n, begin + chunk));
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    // The calling thread works too instead of only waiting: one thread fewer to start, and on two cores both work.
    for (size_t w = 1; w < workers; ++w) {
        pool.emplace_back(drain);
    }
    drain();
    for (auto& t : pool) {
        t.join();
    }
}
