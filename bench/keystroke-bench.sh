#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Token workbench: decode + verify + render of a ~2 KB RS256 token per keystroke (target <= 5 ms).
# Usage: bench/keystroke-bench.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_GUI=ON -DTOKENSCOPE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target tokenscope_bench_keystroke >/dev/null
QT_QPA_PLATFORM=offscreen build-bench/bench/gui/tokenscope_bench_keystroke "${1:-300}"
