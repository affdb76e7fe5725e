#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Keys workspace: a 1,000-key JWKS loads, lints and displays in <= 200 ms; the GUI thread never pauses > 100 ms.
# Usage: bench/keys-bench.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_GUI=ON -DTOKENSCOPE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target tokenscope_bench_keys >/dev/null
QT_QPA_PLATFORM=offscreen build-bench/bench/keys/tokenscope_bench_keys "${1:-10}"
