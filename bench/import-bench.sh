#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Imports (issue 11): a generated Postman v2.1 collection of 10,000 requests in 100 folders (headers, query, path
# variable, JSON bodies, a test script each), imported by PostmanImporter::import (JSON parse, model, report) in
# process, and by `tokenscope-cli import` as a whole (start, import, write the workspace files). Target: import <= 1 s.
# Usage: bench/import-bench.sh [RUNS]
#        IMPORT_BENCH_BUILD=build bench/import-bench.sh   (an existing build dir configured with -DTOKENSCOPE_BUILD_BENCH=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
BUILD=${IMPORT_BENCH_BUILD:-build-bench-import}
if [ -z "${IMPORT_BENCH_BUILD:-}" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_TESTS=OFF \
        -DTOKENSCOPE_BUILD_GUI=OFF >/dev/null
fi
cmake --build "$BUILD" --target import-bench tokenscope-cli -j2 >/dev/null
BENCH=$PWD/$BUILD/bench/formats/import-bench
CLI=$PWD/$BUILD/src/cli/tokenscope-cli
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
loadavg() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
"$BENCH" gen "$WORK/big.postman_collection.json" 10000 100
echo "in process: $("$BENCH" run "$WORK/big.postman_collection.json" "$RUNS") ($(loadavg))"
export TOKENSCOPE_SECRET_STORE=memory
for i in 1 2 3; do
    rm -rf "$WORK/ws"
    start=$(date +%s%N)
    "$CLI" import "$WORK/big.postman_collection.json" --into "$WORK/ws" >/dev/null 2>&1
    end=$(date +%s%N)
    echo "tokenscope-cli import (writes $(find "$WORK/ws" -type f | wc -l) files): $(( (end - start) / 1000000 )) ms ($(loadavg))"
done
