#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the .deb into a clean Debian 12 root (debootstrap --variant=minbase, nothing else) with apt, so apt
# resolves the package's declared dependencies from the Debian mirror, then starts both executables there:
# tokenscope-cli encrypts and decrypts a JWE (commands the executable runs itself) and signs and verifies a token
# (commands of its module, ${CMAKE_INSTALL_LIBDIR}/tokenscope/tokenscope-cli-commands.so, which it finds relative to
# /usr/bin), tokenscope answers --version without a display, and renders every panel offscreen (--screenshot-dir)
# and on a real X server (Xvfb, the xcb plugin the package depends on).
# Needs root (chroot, mounts) and the Debian mirror. Usage: packaging/check-deb.sh PATH/TO/tokenscope_*.deb [ROOT]
set -euo pipefail
deb=$(realpath "$1")
root=${2:-/tmp/tokenscope-deb12-root}
if [ ! -x "$root/bin/bash" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
cleanup() { umount "$root/proc" 2>/dev/null || true; umount "$root/dev" 2>/dev/null || true; }
trap cleanup EXIT
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/tokenscope.deb"
chroot "$root" /bin/bash -euo pipefail -c '
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq /tmp/tokenscope.deb >/tmp/install.log
echo "== installed: $(dpkg-query -W tokenscope)"
tokenscope-cli --version
echo "== command module: $(dpkg -L tokenscope | grep /tokenscope-cli-commands.so)"
export TS_DEB_KEY=QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI
jwe=$(tokenscope-cli encrypt --alg A256KW --enc A256GCM --secret-env TS_DEB_KEY deb-check)
tokenscope-cli decrypt --secret-env TS_DEB_KEY "$jwe" | tail -1; echo
secret=correct-horse-battery-staple-0123456789
token=$(tokenscope-cli sign --alg HS256 --secret "$secret" --claims "{\"sub\":\"deb-check\"}" --exp 1h --iat)
tokenscope-cli verify --secret "$secret" "$token" | head -3
env -u DISPLAY QT_QPA_PLATFORM=xcb tokenscope --version
rm -rf /tmp/shots-offscreen /tmp/shots-xvfb
QT_QPA_PLATFORM=offscreen tokenscope --screenshot-dir /tmp/shots-offscreen >/dev/null
echo "== offscreen: $(ls /tmp/shots-offscreen | wc -l) panels rendered"
apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
xvfb-run -a -s "-screen 0 1280x900x24" tokenscope --screenshot-dir /tmp/shots-xvfb >/dev/null
echo "== xcb on Xvfb: $(ls /tmp/shots-xvfb | wc -l) panels rendered"
'
echo "== the package installs and starts on a clean Debian 12"
