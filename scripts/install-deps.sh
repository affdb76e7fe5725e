#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages Tokenscope builds, tests and runs with. Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(g++ cmake ninja-build ccache pkg-config
      qt6-base-dev qtkeychain-qt6-dev libssl-dev zlib1g-dev
      qt6-l10n-tools qt6-svg-dev libqt6svg6 xvfb xauth clang-format clang-tidy desktop-file-utils appstream
      python3 python3-requests curl dpkg-dev file
      openssl nodejs    # the Request workspace tests make a test CA with openssl and run generated Node snippets
      dbus-daemon gnome-keyring   # TestKeychainSecretStore: a private Secret Service (tests/storage/run-with-keyring.sh)
      nghttp2-server    # nghttpd: the HTTP/2 test server of TestHttpClient
      libyaml-cpp-dev   # formats: Insomnia, OpenAPI and Swagger YAML
      qt6-declarative-dev   # net: QJSEngine for the runner's Postman scripts and .http response handlers
      libxml2-utils     # xmllint: the runner's JUnit output checked against the JUnit XSD
      clang-14 lld-14 libclang-rt-14-dev   # the sanitized suite is built with clang: half of g++'s CPU at -O0 with ASan
      libqrencode-dev)  # gui: the QR code of the device authorization grant's verification_uri_complete
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# The npm peers of the interop tests; test-all.sh runs this part in the background beside the first build.
if [ "${1:-}" != "--skip-npm" ]; then
    bash "$(dirname "$0")/install-npm.sh"
fi
