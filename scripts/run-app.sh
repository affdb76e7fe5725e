#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up a fresh Debian 12 machine, builds Tokenscope and starts the desktop app with the demo workspace
# (a sample RS256 token, its JWKS and the local mock API). Without a display it runs the headless demo instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# ccache (if installed) uses its default directory; paths relative to the checkout, so a fresh clone in another
# folder reuses the cache.
export CCACHE_BASEDIR="$PWD"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKENSCOPE_BUILD_GUI=ON >/dev/null
cmake --build build -j "$(nproc)" --target tokenscope-cli tokenscope
CLI=build/src/cli/tokenscope-cli
APP=build/src/app/tokenscope
DEMO_TOKEN=resources/demo/demo-token.jwt
DEMO_JWKS=resources/demo/demo-jwks.json
if [ -x "$APP" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    exec "$APP" --demo "$@"
fi
echo "No display (or no GUI build): headless demo with tokenscope-cli."
"$CLI" --version
if [ -f "$DEMO_TOKEN" ] && [ -f "$DEMO_JWKS" ]; then
    "$CLI" decode "$(cat "$DEMO_TOKEN")"
    "$CLI" verify --jwks "$DEMO_JWKS" "$(cat "$DEMO_TOKEN")" || true
fi
"$CLI" --help
