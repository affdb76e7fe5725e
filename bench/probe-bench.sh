#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Token probe (issue 13): the whole default mutation matrix against the local mock API (`tokenscope-cli serve`),
# target <= 1 s. Starts `serve` on a free port with an issuer directory of its own, fetches a token from its
# /oauth/token (client credentials), then runs RUNS times
#   tokenscope-cli probe GET /api/private --token @FILE --signing-key <the issuer's key> --json
# (every row runs: the claim rows are re-signed with the key) and prints the wall time of each run (process start to
# exit, key generation included), the median, the row and verdict counts and the load average before and after.
# Usage: bench/probe-bench.sh [RUNS]        TOKENSCOPE_CLI=path/to/tokenscope-cli (default build/src/cli/tokenscope-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CLI=${TOKENSCOPE_CLI:-$PWD/build/src/cli/tokenscope-cli}
[ -x "$CLI" ] || { echo "no tokenscope-cli at $CLI (build it or set TOKENSCOPE_CLI)" >&2; exit 2; }
WORK=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
source bench/mock-api.sh
start_mock_api
printf '%s\n' "$token" > "$WORK/token"
python3 - "$CLI" "$base" "$WORK" "$RUNS" <<'PY'
import json, statistics, subprocess, sys, time
cli, base, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cmd = [cli, "probe", "GET", base + "/api/private", "--token", "@" + work + "/token",
       "--signing-key", work + "/issuer/issuer-rs256.pem", "--json"]
print("command: tokenscope-cli probe GET <serve>/api/private --token @FILE --signing-key <issuer key> --json")
walls = []
for i in range(runs):
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True)
    walls.append(time.perf_counter() - start)
    report = json.loads(run.stdout)
    rows = report["results"]
    verdicts = {}
    for row in rows:
        verdicts[row["verdict"]] = verdicts.get(row["verdict"], 0) + 1
    sent = sum(1 for row in rows if row["status"] is not None)
    print(f"run {i + 1}: {walls[-1] * 1000:.0f} ms, exit {run.returncode}, {len(rows)} rows ({sent} answered), {verdicts}")
print(f"median {statistics.median(walls) * 1000:.0f} ms, min {min(walls) * 1000:.0f} ms, max {max(walls) * 1000:.0f} ms"
      f" over {runs} runs (target <= 1000 ms)")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
