#!/bin/sh
# Scale-out benchmark (issue 6): the same mixed workload (bench/wrk/scale.lua:
# dossier reads with their audit writes, JIM activity logging, name searches
# and the outcomes dashboard) against one and against two `kring serve`
# processes on one PostgreSQL database, ROUNDS times in turn (one, two, one,
# two, ...), with CONNECTIONS in total (two processes: half each, two wrk
# runs at once). Prints the medians and the ratio two/one.
#   sh bench/pg-scale.sh
# Runs itself inside scripts/pg-test.sh (a throwaway PostgreSQL cluster on a
# Unix socket; note that it runs with fsync=off). Environment: BENCH_YOUTHS
# (5000), SCALE_SECONDS (20 per run), WARM_SECONDS (30, per process, not
# counted), ROUNDS (3), CONNECTIONS (64).
set -eu
cd "$(dirname "$0")/.."
if [ -z "${KRING_TEST_PG_SOCKET:-}" ]; then
	exec sh scripts/pg-test.sh sh bench/pg-scale.sh "$@"
fi
BENCH_NAME=pgscale
BENCH_YOUTHS="${BENCH_YOUTHS:-5000}"
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
SCALE_SECONDS="${SCALE_SECONDS:-20}"
WARM_SECONDS="${WARM_SECONDS:-30}"
ROUNDS="${ROUNDS:-3}"
bench_tools
machine

"$KRING_TEST_PG_BINDIR/psql" -h "$KRING_TEST_PG_SOCKET" -U "$KRING_TEST_PG_USER" -d postgres \
	-q -c 'CREATE DATABASE kring_bench' >/dev/null
URL="postgresql:///kring_bench?host=$KRING_TEST_PG_SOCKET&user=$KRING_TEST_PG_USER"
$BIN init --db "$URL" >/dev/null
t0=$(now_ms)
$BIN demo --db "$URL" --youths "$BENCH_YOUTHS" --seed 1 >/dev/null
echo "bench: kring demo --youths $BENCH_YOUTHS on PostgreSQL: $((($(now_ms) - t0) / 1000)) s"
# Fresh planner statistics, so that autovacuum does not change the plans mid-run.
"$KRING_TEST_PG_BINDIR/psql" -h "$KRING_TEST_PG_SOCKET" -U "$KRING_TEST_PG_USER" -d kring_bench \
	-q -c 'VACUUM ANALYZE' >/dev/null

start_kring "$URL"
BASE_ONE=$BASE
start_kring "$URL"
BASE_TWO=$BASE
BASE=$BASE_ONE
setup_actors 16
HALF=$((CONNECTIONS / 2))
# Warm-up (not counted): caches and prepared statements in both processes.
run_wrk warm-one "$WARM_SECONDS" "$BASE_ONE" bench/wrk/scale.lua
run_wrk warm-two "$WARM_SECONDS" "$BASE_TWO" bench/wrk/scale.lua
echo "bench: $CONNECTIONS connections, $SCALE_SECONDS s per run, $ROUNDS rounds"

: >"$BENCH_TMP/one"
: >"$BENCH_TMP/two"
for r in $(seq 1 "$ROUNDS"); do
	line=$(run_wrk "one-$r" "$SCALE_SECONDS" "$BASE_ONE" bench/wrk/scale.lua)
	echo "round $r, one process:  $line"
	echo "$line" >>"$BENCH_TMP/one"
	(CONNECTIONS=$HALF WRK_THREADS=1 run_wrk "two-a-$r" "$SCALE_SECONDS" "$BASE_ONE" bench/wrk/scale.lua) \
		>"$BENCH_TMP/two-a" &
	a=$!
	(CONNECTIONS=$HALF WRK_THREADS=1 run_wrk "two-b-$r" "$SCALE_SECONDS" "$BASE_TWO" bench/wrk/scale.lua) \
		>"$BENCH_TMP/two-b" &
	b=$!
	wait "$a" "$b"
	la=$(cat "$BENCH_TMP/two-a")
	lb=$(cat "$BENCH_TMP/two-b")
	echo "round $r, two processes: $la"
	echo "round $r,                $lb"
	rps=$(awk -v x="$(field "$la" rps)" -v y="$(field "$lb" rps)" 'BEGIN { printf "%.1f", x + y }')
	p99=$(awk -v x="$(field "$la" p99_ms)" -v y="$(field "$lb" p99_ms)" 'BEGIN { print (x > y ? x : y) }')
	err=$(($(field "$la" non2xx) + $(field "$lb" non2xx) + $(field "$la" timeout) + $(field "$lb" timeout)))
	echo "rps=$rps p99_ms=$p99 errors=$err" >>"$BENCH_TMP/two"
done

med() { tr ' ' '\n' <"$BENCH_TMP/$1" | sed -n "s/^$2=//p" | median; }
ONE_RPS=$(med one rps)
TWO_RPS=$(med two rps)
echo
echo "median requests/s: one process $ONE_RPS (p99 $(med one p99_ms) ms), two processes $TWO_RPS (p99 $(med two p99_ms) ms, the slower of the two)"
echo "ratio two/one: $(awk -v a="$TWO_RPS" -v b="$ONE_RPS" 'BEGIN { printf "%.2f", a / b }')"
echo "errors: one $(tr ' ' '\n' <"$BENCH_TMP/one" | sed -n 's/^\(non2xx\|timeout\)=//p' | awk '{ t += $1 } END { print t + 0 }'), two $(tr ' ' '\n' <"$BENCH_TMP/two" | sed -n 's/^errors=//p' | awk '{ t += $1 } END { print t + 0 }')"
