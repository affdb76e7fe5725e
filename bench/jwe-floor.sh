#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The floor under ECDH-ES/A256GCM decryption (issue 14): bench/jwe/JweFloorBench.cpp in-process, layer by layer, and
# `openssl speed ecdhp256` in the same run, both per CPU-second on one core. A benchmark, not a test.
# Usage: bench/jwe-floor.sh [COUNT]   (BUILD=dir to use a build directory configured with -DTOKENSCOPE_BUILD_BENCH=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" --target tokenscope_bench_jwe >/dev/null
echo "load before: $(uptime)"
"$BUILD/bench/jwe/tokenscope_bench_jwe" "${1:-5000}"
openssl speed -seconds 5 ecdhp256 2>/dev/null | awk '/256 bits ecdh/ {print "  openssl speed ecdhp256, same run      " $NF " /s"}'
echo "load after: $(uptime)"
