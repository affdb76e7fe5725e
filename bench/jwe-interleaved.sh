#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 14's ECDH-ES ratio, measured the way a noisy host allows: ROUNDS rounds, each `openssl speed -multi N
# ecdhp256` (2 s) followed by each given tokenscope-cli decrypting the same COUNT jose-made ECDH-ES/A256GCM tokens;
# ratio to that round's openssl rate. A benchmark, not a test (docs/PERFORMANCE.md).
# Wall: bash's $EPOCHREALTIME just before and after the command (the fork, exec, the whole run and the exit, no
# timer process). The `date +%s%N` column is the earlier measure, taken around the same run: it also counts the
# start and exit of the two `date` processes (4-9 ms on the 2-vCPU VM of docs/PERFORMANCE.md), which is why it is
# shown, not used.
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
echo "round | binary | wall ms | tok/s | openssl -multi $(nproc) op/s | ratio | date-to-date ms | its ratio"
for i in $(seq 1 "$ROUNDS"); do
    s=$(openssl speed -mr -seconds 2 -multi "$(nproc)" ecdhp256 2>/dev/null | awk -F: '/^\+F5:/ {r = $4} END {print r}')
    for cli in "$@"; do
        d0=$(date +%s%N)
        e0=$EPOCHREALTIME
        "$cli" decrypt --jwk "$WORK/ec.priv.jwk" - < "$WORK/ec.tokens" > /dev/null
        e1=$EPOCHREALTIME
        d1=$(date +%s%N)
        python3 -c "ms = ($e1 - $e0) * 1e3; r = $COUNT / (ms / 1000); dms = ($d1 - $d0) / 1e6; dr = $COUNT / (dms / 1000)
print(f'$i | $cli | {ms:.1f} | {r:,.0f} | {$s:,.0f} | {r / $s:.3f} | {dms:.1f} | {dr / $s:.3f}')"
    done
done
echo "load after: $(uptime)"
