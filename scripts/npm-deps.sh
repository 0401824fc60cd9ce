#!/bin/sh
# Installs the pinned npm packages (front-end libraries and browser-test
# tools) when package-lock.json is newer than the installed tree, then copies
# the front-end modules the web app imports into web/vendor/.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi
sh scripts/vendor.sh
