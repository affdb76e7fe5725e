#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Verification throughput: tokenscope-cli batch mode against `openssl speed` and two peers (PyJWT, panva/jose) on the
# same 20,000 distinct tokens per algorithm, all in one run on one machine. A benchmark, not a test.
# Usage: bench/verify-bench.sh [COUNT]      (results go to stdout as a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-20000}
BUILD=build-bench
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
dpkg-query -W python3-jwt python3-cryptography >/dev/null 2>&1 || $SUDO apt-get install -y --no-install-recommends python3-jwt python3-cryptography
if [ ! -d bench/.node/node_modules/jose ]; then
    mkdir -p bench/.node && (cd bench/.node && echo "{\"name\":\"tokenscope-bench\",\"private\":true}" > package.json && npm install --silent jose@6 >/dev/null)
fi
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENSCOPE_BUILD_GUI=OFF -DTOKENSCOPE_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target tokenscope-cli >/dev/null
CLI=$PWD/$BUILD/src/cli/tokenscope-cli
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
AUD=https://api.example; ISS=https://issuer.example/
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/$2:,.0f}')"; }

echo "| alg | tokenscope (all cores) | tokenscope (1 thread) | PyJWT $(/usr/bin/python3 -c 'import jwt;print(jwt.__version__)') | jose $(node -p "require('./bench/.node/node_modules/jose/package.json').version") |"
echo "|---|---|---|---|---|"
for spec in "RS256 RSA" "ES256 EC" "EdDSA OKP" "HS256 oct"; do
    set -- $spec; ALG=$1; KTY=$2
    extra=(); [ "$KTY" = oct ] && extra=(--size 32)
    "$CLI" keys generate --kty "$KTY" --alg "$ALG" --kid bench-1 "${extra[@]}" --out-private "$WORK/$ALG.priv" >/dev/null 2>&1
    if [ "$KTY" = oct ]; then
        python3 -c "import json;k=json.load(open('$WORK/$ALG.priv'));print(json.dumps({'keys':[k]}))" > "$WORK/$ALG.jwks"
    else
        python3 -c "import json;k=json.load(open('$WORK/$ALG.priv'));[k.pop(m,None) for m in ('d','p','q','dp','dq','qi')];print(json.dumps({'keys':[k]}))" > "$WORK/$ALG.jwks"
    fi
    "$CLI" sign --alg "$ALG" --key "$WORK/$ALG.priv" --claims "{\"sub\":\"bench\",\"aud\":\"$AUD\",\"iss\":\"$ISS\"}" --exp 1d --iat --count "$COUNT" > "$WORK/$ALG.tokens"
    t0=$(now); "$CLI" verify --jwks "$WORK/$ALG.jwks" --aud "$AUD" --iss "$ISS" - < "$WORK/$ALG.tokens" > "$WORK/out"; t1=$(now)
    [ "$(grep -c '^valid$' "$WORK/out")" = "$COUNT" ] || { echo "tokenscope rejected a token" >&2; exit 1; }
    ours=$(rate "$COUNT" "$(python3 -c "print($t1-$t0)")")
    t0=$(now); "$CLI" verify --threads 1 --jwks "$WORK/$ALG.jwks" --aud "$AUD" --iss "$ISS" - < "$WORK/$ALG.tokens" > /dev/null; t1=$(now)
    one=$(rate "$COUNT" "$(python3 -c "print($t1-$t0)")")
    py=$(/usr/bin/python3 bench/verify_pyjwt.py "$WORK/$ALG.jwks" "$ALG" "$AUD" "$ISS" < "$WORK/$ALG.tokens" | python3 -c "import json,sys;d=json.load(sys.stdin);print(f\"{d['valid']/d['seconds']:,.0f}\")")
    cp bench/verify_jose.mjs bench/.node/verify_jose.mjs
    js=$(node bench/.node/verify_jose.mjs "$WORK/$ALG.jwks" "$ALG" "$AUD" "$ISS" < "$WORK/$ALG.tokens")
    js=$(echo "$js" | python3 -c "import json,sys;d=json.loads(sys.stdin.read().strip().splitlines()[-1]);print(f\"{d['valid']/d['seconds']:,.0f}\")")
    echo "| $ALG | $ours | $one | $py | $js |"
done
echo
echo "openssl speed rsa2048 (one core, same run):"
openssl speed -seconds 5 rsa2048 2>/dev/null | grep '^rsa 2048' | awk '{print "  verify/s: " $NF}'
echo "cores: $(nproc)  tokens per algorithm: $COUNT  (rates in tokens/s; tokenscope includes process start-up and I/O)"
