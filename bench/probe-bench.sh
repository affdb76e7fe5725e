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
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CLI" serve --port "$port" --data-dir "$WORK/issuer" > "$WORK/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do "$CLI" request GET "$base/api/public" >/dev/null 2>&1 && break; sleep 0.1; done
secret=$(cat "$WORK/issuer/client-secret")
"$CLI" request POST "$base/oauth/token" --body-only \
    --data "grant_type=client_credentials&client_id=tokenscope-demo&client_secret=$secret&audience=https://tokenscope.local/api" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' > "$WORK/token"
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
