#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Workspaces (issue 10): a generated workspace of 10,000 requests in 500 folders (5 collections), one file per
# request as WorkspaceStore writes them. Measures, in the same run:
#   workspace-bench load DIR          WorkspaceStore::load (the GUI's "open to a usable tree" minus the view)
#   tokenscope-cli collection show --json --workspace DIR    the whole CLI process (start, load, print)
#   jq -s . DIR/collections/*/*/*.json                       jq reading and printing the same request files
# Usage: bench/workspace-bench.sh [RUNS]      (Markdown on stdout)
#        WORKSPACE_BENCH_BUILD=build bench/workspace-bench.sh   (use an existing build dir with the targets)
#        WORKSPACE_BENCH_BEFORE=DIR ...   (DIR holds workspace-bench and tokenscope-cli of an older build: measured
#                                          in the same run, on the same files, for a before/after comparison)
# The machine's load average is printed beside every measurement; the load runs report CPU time (all threads) too.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
BUILD=${WORKSPACE_BENCH_BUILD:-build-bench-workspace}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
command -v jq >/dev/null || $SUDO apt-get install -y --no-install-recommends jq >/dev/null
command -v hyperfine >/dev/null || $SUDO apt-get install -y --no-install-recommends hyperfine >/dev/null
if [ -z "${WORKSPACE_BENCH_BUILD:-}" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_TESTS=OFF \
        -DTOKENSCOPE_BUILD_GUI=OFF >/dev/null
fi
cmake --build "$BUILD" --target workspace-bench tokenscope-cli -j2 >/dev/null
BENCH=$PWD/$BUILD/bench/workspace/workspace-bench
CLI=$PWD/$BUILD/src/cli/tokenscope-cli
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
WS=$WORK/ws
"$BENCH" gen "$WS" 10000 500 5 >&2
loadavg() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "Files: $(find "$WS" -type f | wc -l), $(du -sh "$WS" | cut -f1)"
echo
BEFORE=${WORKSPACE_BENCH_BEFORE:-}
if [ -n "$BEFORE" ]; then
    echo "before: $("$BEFORE/workspace-bench" load "$WS" "$RUNS") ($(loadavg))"
fi
echo "after:  $("$BENCH" load "$WS" "$RUNS" 1) ($(loadavg))"
echo "after:  $("$BENCH" load "$WS" "$RUNS") ($(loadavg))"
echo
export TOKENSCOPE_SECRET_STORE=memory
COMMANDS=()
[ -n "$BEFORE" ] && COMMANDS+=(-n "collection show --json (before)" "$BEFORE/tokenscope-cli collection show --json --workspace $WS")
COMMANDS+=(-n "collection show --json" "$CLI collection show --json --workspace $WS")
COMMANDS+=(-n "jq -s . collections/*/*/*.json" "jq -s . $WS/collections/*/*/*.json")
echo "hyperfine from $(loadavg)"
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" "${COMMANDS[@]}" >&2
echo "hyperfine to $(loadavg)"
echo
echo "| command | wall mean ± σ | wall min | CPU (user + sys) mean |"
echo "|---|---:|---:|---:|"
jq -r '.results[] | "| `\(.command)` | \(.mean * 1000 | floor) ± \(.stddev * 1000 | floor) ms | \(.min * 1000 | floor) ms | \((.user + .system) * 1000 | floor) ms |"' "$WORK/h.json"
if [ -n "$BEFORE" ]; then
    cmp <("$BEFORE/tokenscope-cli" collection show --json --workspace "$WS") \
        <("$CLI" collection show --json --workspace "$WS") && echo "before and after print the same bytes"
fi
"$CLI" collection show --json --workspace "$WS" | jq '[.. | objects | select(.type == "request")] | length'
