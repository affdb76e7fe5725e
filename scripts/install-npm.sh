#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
set -uo pipefail
# Interop peers pinned by tests/interop/package-lock.json: panva/jose (tests/jose/TestJoseInterop, JWE bench),
# panva/oidc-provider and openid-client (OAuth 2.0 / OIDC interop tests), newman (the runner bench).
if command -v npm >/dev/null 2>&1; then
    # Not fatal: without the registry the interop test says it is skipped, and everything else still runs.
    (cd "$(dirname "$0")/../tests/interop" && npm ci --no-audit --no-fund --silent) ||
        echo "npm ci failed: the interop tests will be skipped" >&2
else
    echo "npm not found: the interop tests will be skipped" >&2
fi
