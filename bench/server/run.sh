#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Mock server benchmark (docs/PERFORMANCE.md, "Mock server"): wrk -t2 -c64 -d10s on loopback against
#   nginx fixed 200 · Tokenscope /api/public · /api/private (one token) · /api/private (10,000 rotating tokens)
#   · Auth0's Node middleware (express-oauth2-jwt-bearer) /api/private — all in one run on this machine.
# Usage: bench/server/run.sh [build-dir]   (installs nginx-light and the npm packages when missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build-server}"
duration="${DURATION:-10s}"
work=/tmp/tokenscope-bench
mkdir -p "$work"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx-light; }
if [ ! -d "$work/node/node_modules/express-oauth2-jwt-bearer" ]; then
    mkdir -p "$work/node" && (cd "$work/node" && npm init -y >/dev/null && npm install --silent express express-oauth2-jwt-bearer)
fi
cp "$here/node-server.js" "$work/node/"
cmake --build "$build" --target tokenscope_bench_server >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# nginx: fixed 200, no access log, one worker per core.
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    server { listen 127.0.0.1:18081; location / { return 200 "ok"; } }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)

"$build/tests/server/tokenscope_bench_server" --port 18080 --dir "$work" --tokens 10000 > "$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q ready "$work/server.log" 2>/dev/null && break; sleep 0.2; done
token="$(cat "$work/token.txt")"
audience="https://tokenscope.local/api"

PORT=18082 AUDIENCE="$audience" ISSUER="http://127.0.0.1:18080/" JWKS_URI="http://127.0.0.1:18080/.well-known/jwks.json" \
    node "$work/node/node-server.js" & pids+=($!)
sleep 1

for url in http://127.0.0.1:18081/ http://127.0.0.1:18080/api/public; do curl -sf "$url" >/dev/null; done
curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18080/api/private >/dev/null
curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18082/api/private >/dev/null

run() { # name, wrk args...
    local name="$1"; shift
    local rps
    rps="$(wrk -t2 -c64 -d"$duration" --latency "$@" | tee "$work/wrk-$name.txt" | awk '/Requests\/sec/ {print $2}')"
    local p99; p99="$(awk '/ 99%/ {print $2}' "$work/wrk-$name.txt")"
    printf '%-32s %12s req/s   p99 %s\n' "$name" "$rps" "$p99"
    eval "rps_${name//-/_}=$rps"
}
echo "wrk -t2 -c64 -d$duration, loopback, $(nproc) cores"
run nginx-fixed-200 http://127.0.0.1:18081/
run tokenscope-public http://127.0.0.1:18080/api/public
run tokenscope-private -H "Authorization: Bearer $token" http://127.0.0.1:18080/api/private
TOKENS_FILE="$work/tokens.txt" run tokenscope-private-10k-tokens -s "$here/rotate-tokens.lua" http://127.0.0.1:18080/api/private
run node-private -H "Authorization: Bearer $token" http://127.0.0.1:18082/api/private
awk -v t="$rps_tokenscope_private" -v n="$rps_nginx_fixed_200" -v j="$rps_node_private" \
    'BEGIN { printf "/api/private: %.0f%% of nginx (target >= 40%%), %.1fx the Node middleware (target >= 10x)\n", 100*t/n, t/j }'
