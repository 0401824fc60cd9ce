#!/bin/sh
# Two kring binaries side by side on the audited dossier read of
# bench/limit.sh: both servers run at once, each on its own fresh copy of the
# benchmark database, and wrk runs against each in turns, ROUNDS times, the
# order swapped every round. Besides requests/s and p99 it reports each
# server's CPU time per answered request (user + system time of the server
# process from /proc over the run, divided by the answers), which varies far
# less with the machine's other tenants than throughput does.
#   sh bench/compare.sh OLD_BINARY [NEW_BINARY]   # NEW defaults to build/kring
# Environment: COMPARE_SECONDS (8 per run), ROUNDS (4), COMPARE_PATH (the
# request, default the dossier of limit.sh), CONNECTIONS (64), BENCH_YOUTHS
# (100000). The base database is made by NEW_BINARY when missing; each binary
# migrates its own copy at start, so OLD must not be older than the schema.
set -eu
cd "$(dirname "$0")/.."
BENCH_NAME=compare
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
[ $# -ge 1 ] || { echo "usage: sh bench/compare.sh OLD_BINARY [NEW_BINARY]" >&2; exit 2; }
OLD_BIN=$1
NEW_BIN=${2:-./build/kring}
COMPARE_SECONDS="${COMPARE_SECONDS:-8}"
ROUNDS="${ROUNDS:-4}"
for b in "$OLD_BIN" "$NEW_BIN"; do
	[ -x "$b" ] || { echo "bench: $b is not an executable" >&2; exit 1; }
done
BIN=$NEW_BIN
bench_tools
TICKS=$(getconf CLK_TCK)

# cpu_ticks PID: user + system time of the process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# start NAME BINARY: a server on its own database copy; sets NAME_PID,
# NAME_BASE, NAME_TOKEN and NAME_PATH.
start() {
	BIN=$2
	start_kring "$(work_db "$1")"
	setup_actors 1
	eval "$1_PID=$KRING_PID $1_BASE=$BASE $1_TOKEN=$PRO"
	eval "$1_PATH=\${COMPARE_PATH:-/api/v1/youths/$ONE_ID}"
}
start old "$OLD_BIN"
start new "$NEW_BIN"
[ "$old_PATH" = "$new_PATH" ] || { echo "bench: the two databases differ" >&2; exit 1; }
echo "bench: old $OLD_BIN, new $NEW_BIN; GET $new_PATH; $CONNECTIONS connections," \
	"$COMPARE_SECONDS s x $ROUNDS rounds in turns"

# measure NAME ROUND: one wrk run against server NAME, with its CPU.
measure() {
	eval "pid=\$$1_PID base=\$$1_BASE tok=\$$1_TOKEN path=\$$1_PATH"
	c0=$(cpu_ticks "$pid")
	line=$(run_wrk "$1-$2" "$COMPARE_SECONDS" "$base$path" bench/wrk/plain.lua \
		-H "Authorization: Bearer $tok")
	c1=$(cpu_ticks "$pid")
	us=$(awk -v c=$((c1 - c0)) -v t="$TICKS" -v n="$(field "$line" requests)" \
		'BEGIN { printf "%.1f", n ? c * 1e6 / t / n : 0 }')
	echo "$1 $2 cpu_us=$us $line" | tee -a "$BENCH_TMP/results"
}
: >"$BENCH_TMP/results"
for round in $(seq 1 "$ROUNDS"); do
	if [ $((round % 2)) = 1 ]; then order="old new"; else order="new old"; fi
	for w in $order; do measure "$w" "$round"; done
done

echo
printf '%-6s %9s %8s %12s %7s\n' server "req/s" "p99 ms" "CPU µs/req" errors
for w in old new; do
	printf '%-6s %9s %8s %12s %7s\n' "$w" "$(med "$w" rps)" "$(med "$w" p99_ms)" \
		"$(med "$w" cpu_us)" "$(errs "$w")"
done
awk -v ro="$(med old rps)" -v rn="$(med new rps)" -v co="$(med old cpu_us)" -v cn="$(med new cpu_us)" \
	'BEGIN { printf "\nnew/old (medians): req/s %.3f, CPU per request %.3f\n", rn / ro, cn / co }'
