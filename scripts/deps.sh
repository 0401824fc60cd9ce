#!/bin/sh
# Installs the Debian 12 packages kring needs to build, run and test, but
# only those that are missing, so `make run` and `make check` stay fast on a
# machine that already has them. Runs as root (the Makefile adds sudo).
set -eu

PACKAGES="gcc binutils libc6-dev pkg-config libpq-dev postgresql meson ninja-build
libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev liboath-dev
libinih-dev libcmocka-dev libunistring-dev libzxcvbn-dev sqlite3 chromium ca-certificates
clang libclang-rt-14-dev python3-icalendar tzdata systemd man-db openssl
strace"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
# node and npm: Debian's own packages unless a newer Node.js is already there
# (a nodesource nodejs bundles npm and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi
