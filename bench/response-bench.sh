#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Request workspace: a 50 MB JSON response -> pretty view, against `jq .` on the same file in the same run.
# Measures wall time and peak RSS (/usr/bin/time -v) of
#   jq .                          pretty-prints to /dev/null
#   response-bench FILE format    ResponseFormatter alone (validate, pretty-print with exact literals, pages, tokens)
#   response-bench FILE view      ResponseViewer offscreen: setResponse -> first pretty page on screen, with the
#                                 longest GUI-thread stall (5 ms ticker) while the worker thread formats
#   response-bench FILE tree      ResponseViewer offscreen with the Tree tab open: setResponse -> top level of the
#                                 JSON tree shown (index built on the thread pool), then expanding the big array
#                                 and a search for the last member name (both on the GUI thread)
# Usage: bench/response-bench.sh [MEGABYTES] [RUNS]      (Markdown on stdout)
#        RESPONSE_BENCH=path/to/response-bench bench/response-bench.sh   (use an existing build, skip building)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
RUNS=${2:-3}
BUILD=build-bench-response
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
command -v jq >/dev/null || $SUDO apt-get install -y --no-install-recommends jq >/dev/null
[ -x /usr/bin/time ] || $SUDO apt-get install -y --no-install-recommends time >/dev/null
BENCH=${RESPONSE_BENCH:-}
if [ -z "$BENCH" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_BENCH=ON -DTOKENSCOPE_BUILD_TESTS=OFF >/dev/null
    cmake --build "$BUILD" --target response-bench -j2 >/dev/null
    BENCH=$PWD/$BUILD/bench/request/response-bench
fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
FILE=$WORK/large.json
python3 bench/request/make_large_json.py "$FILE" $((MB * 1024 * 1024))
BYTES=$(stat -c %s "$FILE")

# run NAME CMD...: appends "wall_s rss_kb" of each run to $WORK/NAME; the command's stdout to $WORK/NAME.out
run() {
    local name=$1; shift
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/time" "$@" > "$WORK/$name.out" 2>/dev/null
        local wall rss
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time")
        echo "$wall $rss" >> "$WORK/$name"
        tail -n 1 "$WORK/$name.out" >> "$WORK/$name.lines"
    done
}
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR]=$k} END {print v[int((NR+1)/2)]}'; }
field() { python3 -c "import json,sys; print(json.loads(open('$1').read().splitlines()[-1])['$2'])"; }

run jq jq . "$FILE"
run format "$BENCH" "$FILE" format
run view env QT_QPA_PLATFORM=offscreen "$BENCH" "$FILE" view
run tree env QT_QPA_PLATFORM=offscreen "$BENCH" "$FILE" tree
# Medians of the per-run JSON values need all runs: re-run view once more per run for its internal numbers.
: > "$WORK/viewjson"
for _ in $(seq "$RUNS"); do QT_QPA_PLATFORM=offscreen "$BENCH" "$FILE" view 2>/dev/null >> "$WORK/viewjson"; done
VIEW_READY=$(python3 -c "import json,statistics; r=[json.loads(l) for l in open('$WORK/viewjson')]; print(int(statistics.median(x['viewReadyMs'] for x in r)))")
MAX_STALL=$(python3 -c "import json; r=[json.loads(l) for l in open('$WORK/viewjson')]; print(int(max(x['maxStallMs'] for x in r)))")
FORMAT_MS=$(python3 -c "import json,statistics; r=[json.loads(l) for l in open('$WORK/viewjson')]; print(int(statistics.median(x['formatMs'] for x in r)))")

treemed() { python3 -c "import json,statistics; r=[json.loads(l) for l in open('$WORK/tree.lines')]; print(int(statistics.median(x['$1'] for x in r)))"; }
TREE_READY=$(treemed treeReadyMs); TREE_EXPAND=$(treemed expandMs); TREE_SEARCH=$(treemed searchMs)
TREE_ROWS=$(treemed expandedRows); TREE_CONTAINERS=$(treemed containers)
TREE_STALL=$(python3 -c "import json; r=[json.loads(l) for l in open('$WORK/tree.lines')]; print(int(max(x['maxStallMs'] for x in r)))")

JQ_S=$(median "$WORK/jq" 1); JQ_RSS=$(median "$WORK/jq" 2)
FMT_S=$(median "$WORK/format" 1); FMT_RSS=$(median "$WORK/format" 2)
VIEW_S=$(median "$WORK/view" 1); VIEW_RSS=$(median "$WORK/view" 2)
TREE_S=$(median "$WORK/tree" 1); TREE_RSS=$(median "$WORK/tree" 2)
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
mb() { python3 -c "print(f'{$1/1024:.0f}')"; }

echo "Body: $(python3 -c "print(f'{$BYTES/1048576:.1f}')") MiB JSON; $RUNS runs each, medians; $(nproc) cores; jq $(jq --version | sed 's/jq-//')."
echo
echo "| what | wall (s) | vs jq | peak RSS (MiB) | RSS / body |"
echo "|---|---|---|---|---|"
echo "| \`jq . FILE > /dev/null\` | $JQ_S | 1.00 | $(mb "$JQ_RSS") | $(ratio "$JQ_RSS*1024" "$BYTES") |"
echo "| \`response-bench FILE format\` (formatter only) | $FMT_S | $(ratio "$FMT_S" "$JQ_S") | $(mb "$FMT_RSS") | $(ratio "$FMT_RSS*1024" "$BYTES") |"
echo "| \`response-bench FILE view\` (whole process, offscreen GUI) | $VIEW_S | $(ratio "$VIEW_S" "$JQ_S") | $(mb "$VIEW_RSS") | $(ratio "$VIEW_RSS*1024" "$BYTES") |"
echo "| \`response-bench FILE tree\` (whole process: tree, expand, search) | $TREE_S | $(ratio "$TREE_S" "$JQ_S") | $(mb "$TREE_RSS") | $(ratio "$TREE_RSS*1024" "$BYTES") |"
echo
echo "Inside the view run: pretty view ready ${VIEW_READY} ms after setResponse (formatter ${FORMAT_MS} ms on its"
echo "thread; $(ratio "$VIEW_READY/1000" "$JQ_S")× jq's wall time); longest GUI-thread stall ${MAX_STALL} ms (max over runs)."
echo "Tree run: top level of the JSON tree shown ${TREE_READY} ms after setResponse ($(ratio "$TREE_READY/1000" "$JQ_S")× jq's wall"
echo "time; index of ${TREE_CONTAINERS} containers); longest GUI-thread stall until then ${TREE_STALL} ms (max over runs); expanding"
echo "the ${TREE_ROWS}-element array ${TREE_EXPAND} ms; search for the last member name (opens and selects it) ${TREE_SEARCH} ms."
