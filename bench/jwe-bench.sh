#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# JWE decryption throughput (issue 14): `tokenscope-cli decrypt -` batch mode on COUNT distinct RSA-OAEP-256/A256GCM and
# ECDH-ES/A256GCM tokens (made by panva/jose), against panva/jose decrypting the same tokens and `openssl speed` for the
# private-key operation that dominates (rsa2048 private, ecdhp256), all in one run. A benchmark, not a test.
# Usage: bench/jwe-bench.sh [COUNT]   (CLI=path/to/tokenscope-cli to use another build; default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-20000}
CLI=${CLI:-$PWD/build/src/cli/tokenscope-cli}
[ -x "$CLI" ] || { echo "build tokenscope-cli first (ninja -C build tokenscope-cli) or set CLI=" >&2; exit 2; }
[ -d tests/interop/node_modules/jose ] || (cd tests/interop && npm ci --no-audit --no-fund --silent)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
ln -s "$PWD/tests/interop/node_modules" "$WORK/node_modules"
cp bench/jwe_jose.mjs "$WORK/"
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($2):,.0f}')"; }

echo "load before: $(uptime)"
node "$WORK/jwe_jose.mjs" keys "$WORK"
# The machine is shared, so wall-clock rates swing with other people's load; tokens per CPU-second (user + system of
# the whole tokenscope process, start-up and I/O included; of jose's decrypt loop) compare like with like, and
# `openssl speed` also counts user CPU time unless given -elapsed.
echo "| alg/enc | tokenscope all $(nproc) cores: wall tok/s | tokenscope: tok per CPU-s | tokenscope 1 thread: wall tok/s | jose $(node -p "require('./tests/interop/node_modules/jose/package.json').version") (node $(node --version)): wall tok/s | jose: tok per CPU-s |"
echo "|---|---|---|---|---|---|"
for spec in "rsa RSA-OAEP-256" "ec ECDH-ES"; do
    set -- $spec; KEY=$1; ALG=$2; ENC=A256GCM
    node "$WORK/jwe_jose.mjs" encrypt "$WORK/$KEY.pub.jwk" "$ALG" "$ENC" "$COUNT" > "$WORK/$KEY.tokens"
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$CLI" decrypt --jwk "$WORK/$KEY.priv.jwk" - < "$WORK/$KEY.tokens" > "$WORK/out"
    [ "$(grep -c '^decrypted ' "$WORK/out")" = "$COUNT" ] || { echo "tokenscope failed to decrypt a token" >&2; exit 1; }
    read -r wall user sys < "$WORK/time"
    all=$(rate "$COUNT" "$wall"); allcpu=$(rate "$COUNT" "$user+$sys")
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$CLI" decrypt --threads 1 --jwk "$WORK/$KEY.priv.jwk" - < "$WORK/$KEY.tokens" > /dev/null
    read -r wall user sys < "$WORK/time"
    one=$(rate "$COUNT" "$wall")
    js=$(node "$WORK/jwe_jose.mjs" decrypt "$WORK/$KEY.priv.jwk" "$ALG" "$ENC" < "$WORK/$KEY.tokens")
    jswall=$(echo "$js" | python3 -c "import json,sys;d=json.load(sys.stdin);print(f\"{d['decrypted']/d['seconds']:,.0f}\")")
    jscpu=$(echo "$js" | python3 -c "import json,sys;d=json.load(sys.stdin);print(f\"{d['decrypted']/d['cpuSeconds']:,.0f}\")")
    echo "| $ALG/$ENC | $all | $allcpu | $one | $jswall | $jscpu |"
done
echo
echo "openssl speed, same run (ops per user-CPU-second):"
openssl speed -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print "  rsa2048 private (sign), 1 core: " $(NF-1)}'
openssl speed -seconds 5 ecdhp256 2>/dev/null | awk '/256 bits ecdh/ {print "  ecdhp256, 1 core: " $NF}'
echo "load after: $(uptime)"
echo "cores: $(nproc)  tokens per algorithm: $COUNT  (rates in tokens/s; tokenscope includes process start-up and I/O)"
