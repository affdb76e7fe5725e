#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs a test ("$@") inside a private D-Bus session with an unlocked gnome-keyring whose keyrings live in a
# temporary directory, so KeychainSecretStore is tested against a real Secret Service without touching the
# user's keychain. Without dbus-run-session or gnome-keyring-daemon the test runs as is (and skips itself).
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    exec "$@"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" TOKENSCOPE_TEST_KEYRING=1 \
    dbus-run-session -- sh -c '
        mkdir -p "$XDG_DATA_HOME/keyrings" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
        # --unlock reads the new login keyring password from stdin and creates it unlocked.
        eval "$(printf "tokenscope-test\n" | gnome-keyring-daemon --unlock --components=secrets)"
        export GNOME_KEYRING_CONTROL
        "$@"
        status=$?
        [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
        exit $status
    ' sh "$@"
