#!/bin/sh
# Copies the browser ES modules the web app imports from node_modules into
# web/vendor/. The browser loads them by relative path: no bare specifiers and
# no import map (the Content-Security-Policy forbids inline scripts), so the
# one bare import in preact/hooks ("preact") is rewritten to the sibling file.
# Source-map comments are dropped because the maps are not copied.
set -eu
cd "$(dirname "$0")/.."

nm=node_modules
out=web/vendor

for f in "$nm/preact/dist/preact.module.js" "$nm/preact/hooks/dist/hooks.module.js" \
	"$nm/htm/dist/htm.module.js"; do
	if [ ! -f "$f" ]; then
		echo "vendor.sh: missing $f (run npm ci first)" >&2
		exit 1
	fi
done

mkdir -p "$out"
tmp="$out/.tmp.$$"
trap 'rm -f "$tmp"' EXIT INT TERM

# copy SRC DEST: copy without the source-map comment, atomically.
copy() {
	sed -e 's|//# sourceMappingURL=.*$||' "$1" >"$tmp"
	mv "$tmp" "$out/$2"
}

copy "$nm/preact/dist/preact.module.js" preact.module.js
copy "$nm/htm/dist/htm.module.js" htm.module.js
sed -e 's|//# sourceMappingURL=.*$||' \
	-e 's|from *"preact"|from"./preact.module.js"|g' \
	-e "s|from *'preact'|from'./preact.module.js'|g" \
	"$nm/preact/hooks/dist/hooks.module.js" >"$tmp"
mv "$tmp" "$out/hooks.module.js"

if grep -q 'from *["'"'"']preact["'"'"']' "$out/hooks.module.js"; then
	echo "vendor.sh: bare 'preact' import left in hooks.module.js" >&2
	exit 1
fi
echo "vendor.sh: web/vendor/ ready (preact, preact/hooks, htm)"
