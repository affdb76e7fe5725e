#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 14's ECDH-ES ratio, measured the way a noisy host allows: ROUNDS rounds, each `openssl speed -multi N
# ecdhp256` (2 s) followed by each given tokenscope-cli decrypting the same COUNT jose-made ECDH-ES/A256GCM tokens;
# wall by date +%s%N (ms), ratio to that round's openssl rate. A benchmark, not a test (docs/PERFORMANCE.md).
# Usage: bench/jwe-interleaved.sh ROUNDS COUNT CLI [CLI...]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1; COUNT=$2; shift 2
[ -d tests/interop/node_modules/jose ] || (cd tests/interop && npm ci --no-audit --no-fund --silent)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
ln -s "$PWD/tests/interop/node_modules" "$WORK/node_modules"
cp bench/jwe_jose.mjs "$WORK/"
node "$WORK/jwe_jose.mjs" keys "$WORK"
node "$WORK/jwe_jose.mjs" encrypt "$WORK/ec.pub.jwk" ECDH-ES A256GCM "$COUNT" > "$WORK/ec.tokens"
echo "load before: $(uptime)"
echo "round | binary | wall ms | tok/s | openssl -multi $(nproc) op/s | ratio"
for i in $(seq 1 "$ROUNDS"); do
    s=$(openssl speed -mr -seconds 2 -multi "$(nproc)" ecdhp256 2>/dev/null | awk -F: '/^\+F5:/ {r = $4} END {print r}')
    for cli in "$@"; do
        t0=$(date +%s%N)
        "$cli" decrypt --jwk "$WORK/ec.priv.jwk" - < "$WORK/ec.tokens" > /dev/null
        t1=$(date +%s%N)
        python3 -c "ms = ($t1 - $t0) / 1e6; r = $COUNT / (ms / 1000); print(f'$i | $cli | {ms:.0f} | {r:,.0f} | {$s:,.0f} | {r / $s:.3f}')"
    done
done
echo "load after: $(uptime)"
