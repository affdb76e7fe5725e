#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Collection runner (issue 11): the same Postman collection, 1,000 requests to the local mock API
# (`tokenscope-cli serve`) with a bearer token, each with a status test and a JSON-path test, run by newman
# (tests/interop/node_modules, pinned 6.2.2) and by `tokenscope-cli run`, in one script: requests/s of each from
# wall time and CPU time (user+sys of the runner process; the server's CPU is not counted for either), the ratio,
# and whether every test has the same pass/fail in both. Then tokenscope-cli's peak RSS at 10k and 100k requests
# (the 1,000-request collection run 10 and 100 times with the cli reporter to /dev/null: memory must stay flat).
# Usage: bench/runner-bench.sh [--no-rss]     TOKENSCOPE_CLI=path/to/tokenscope-cli (default build/src/cli/tokenscope-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${TOKENSCOPE_CLI:-$PWD/build/src/cli/tokenscope-cli}
NEWMAN=$PWD/tests/interop/node_modules/.bin/newman
[ -x "$CLI" ] || { echo "no tokenscope-cli at $CLI (build it or set TOKENSCOPE_CLI)" >&2; exit 2; }
[ -x "$NEWMAN" ] || { echo "no newman at $NEWMAN (npm ci in tests/interop)" >&2; exit 2; }
WORK=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"
source bench/mock-api.sh
start_mock_api
python3 - "$WORK" "$base" "$token" <<'PY'
import json, sys
work, base, token = sys.argv[1:4]
items = []
for i in range(1000):
    # Every 100th request expects a status it will not get, so both runners must report the same 10 failures.
    expected = 201 if i % 100 == 99 else 200
    items.append({
        "name": f"request {i + 1}",
        "request": {"method": "GET", "url": "{{base}}/api/private",
                    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]}},
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [
            f"pm.test('status is {expected}', function () {{ pm.response.to.have.status({expected}); }});",
            "pm.test('message says private', function () {",
            "  pm.expect(pm.response.json().message).to.include('private endpoint');",
            "});"]}}]})
collection = {"info": {"name": "runner-bench",
                       "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
              "item": items}
env = {"name": "bench", "values": [{"key": "base", "value": base, "enabled": True},
                                   {"key": "token", "value": token, "enabled": True}]}
json.dump(collection, open(f"{work}/bench.postman_collection.json", "w"))
json.dump(env, open(f"{work}/bench.postman_environment.json", "w"))
PY
COLL=$WORK/bench.postman_collection.json
ENV=$WORK/bench.postman_environment.json
measure() { # label, command...: wall seconds, user+sys seconds, max RSS KiB into $WORK/<label>.time
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/$label.time" "$@" > "$WORK/$label.out" 2> "$WORK/$label.err" || true
}
echo "newman:     newman run bench.postman_collection.json -e bench.postman_environment.json --reporters json"
measure newman "$NEWMAN" run "$COLL" -e "$ENV" --reporters json --reporter-json-export "$WORK/newman.json"
echo "tokenscope: tokenscope-cli run bench.postman_collection.json --env-file bench.postman_environment.json --reporters json --json-out F"
measure tokenscope "$CLI" run "$COLL" --env-file "$ENV" --reporters json --json-out "$WORK/tokenscope.json"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
def times(label):
    wall, user, sys_, rss = open(f"{work}/{label}.time").read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss)
newman = json.load(open(f"{work}/newman.json"))
tokenscope = json.load(open(f"{work}/tokenscope.json"))
n_results = {}
for e in newman["run"]["executions"]:
    for a in e.get("assertions", []):
        n_results[(e["item"]["name"], a["assertion"])] = "error" not in a
t_results = {}
for e in tokenscope["executions"]:
    for a in e["assertions"]:
        t_results[(e["name"], a["assertion"])] = a["passed"]
requests_n = len(newman["run"]["executions"])
requests_t = len(tokenscope["executions"])
same = n_results == t_results
print(f"tests: newman {len(n_results)} ({sum(1 for v in n_results.values() if not v)} failed), "
      f"tokenscope {len(t_results)} ({sum(1 for v in t_results.values() if not v)} failed), "
      f"same pass/fail for every test: {'yes' if same else 'NO'}")
if not same:
    diff = [k for k in set(n_results) | set(t_results) if n_results.get(k) != t_results.get(k)]
    print("  differing:", sorted(diff)[:10])
nw, nc, nr = times("newman")
tw, tc, tr = times("tokenscope")
print(f"newman:     {requests_n} requests, wall {nw:.2f} s = {requests_n / nw:.0f} req/s, CPU {nc:.2f} s = {requests_n / nc:.0f} req/CPU-s, max RSS {nr // 1024} MiB")
print(f"tokenscope: {requests_t} requests, wall {tw:.2f} s = {requests_t / tw:.0f} req/s, CPU {tc:.2f} s = {requests_t / tc:.0f} req/CPU-s, max RSS {tr // 1024} MiB")
print(f"ratio (wall req/s): {(requests_t / tw) / (requests_n / nw):.1f}x, (per CPU-second): {(requests_t / tc) / (requests_n / nc):.1f}x   target >= 50x")
PY
if [ "${1:-}" != "--no-rss" ]; then
    for n in 10 100; do
        measure "rss$n" "$CLI" run "$COLL" --env-file "$ENV" --iterations "$n"
        read -r wall user sys rss < <(tail -1 "$WORK/rss$n.time")
        echo "tokenscope-cli run x$n iterations ($((n * 1000)) requests, cli reporter to a file): max RSS $((rss / 1024)) MiB, wall ${wall} s, $(tail -1 "$WORK/rss$n.out")"
    done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
