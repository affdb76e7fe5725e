#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates docs/screenshots/*.png: runs the real app offscreen with the demo data and grabs every panel
# (QWidget::grab()). Usage: scripts/screenshots.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
if [ ! -x "$build/src/app/tokenscope" ]; then
    cmake -S . -B "$build" -G Ninja
    ninja -C "$build" tokenscope
fi
export QT_QPA_PLATFORM=offscreen
# Private settings and data directories, so the run neither reads nor changes the user's settings, environments,
# history or embedded-issuer key.
XDG_CONFIG_HOME="$(mktemp -d)"
XDG_DATA_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME XDG_DATA_HOME
trap 'rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"' EXIT
mkdir -p docs/screenshots
"$build/src/app/tokenscope" --screenshot-dir docs/screenshots
