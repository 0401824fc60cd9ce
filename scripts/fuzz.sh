#!/bin/sh
# Builds the libFuzzer drivers with clang (ASan + UBSan) in build-fuzz/ and
# runs each for SECONDS (first argument, default 60). Any crash, leak or
# sanitizer report fails; the crashing input is left in fuzz/crashes/ to be
# added to fuzz/corpus/ as a regression case once fixed.
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzz=true --buildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz >/dev/null
mkdir -p fuzz/crashes
for target in router:router json_input:json config:ini writers:writers request:request facts:facts; do
	name="${target%%:*}"
	dict="${target##*:}"
	work="$(mktemp -d)"
	cp fuzz/corpus/"$name"/* "$work"/
	echo "fuzz: $name for ${seconds}s"
	# The request driver runs a server whose threads free a request's memory
	# after the client saw the answer, so per-input leak checks would be false
	# alarms there; the HTTP suite checks the server for leaks at exit instead.
	leaks=1
	[ "$name" = request ] && leaks=0
	./build-fuzz/fuzz_"$name" -max_total_time="$seconds" -dict=fuzz/"$dict".dict -detect_leaks=$leaks \
		-artifact_prefix=fuzz/crashes/"$name"- -max_len=4096 -print_final_stats=0 \
		"$work" >"$work.log" 2>&1 || { tail -40 "$work.log"; rm -rf "$work"; exit 1; }
	grep -E '^Done|^#[0-9]+.*DONE' "$work.log" | tail -1 || true
	rm -rf "$work" "$work.log"
done
echo "fuzz: no crashes"
