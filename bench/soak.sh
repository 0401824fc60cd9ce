#!/bin/sh
# Soak (issue 7): the mixed workload (bench/wrk/mixed.lua: 80% audited dossier
# reads, 10% name searches, 10% JIM activity posts) at 64 connections for
# SOAK_SECONDS (default 600), run as back-to-back wrk runs of SOAK_CHUNK
# seconds (default 60) so that throughput over time shows. kring's resident
# memory (VmRSS from /proc/PID/status) is sampled every 10 s. Passes when
# there are no errors (non-2xx answers or socket errors, timeouts included)
# and memory stays flat (the median sample of the second half, and of the
# last fifth, within 10% of the first half's median after a minute of
# warm-up).
#   sh bench/soak.sh
# Environment: SOAK_SECONDS (600), SOAK_CHUNK (60), CONNECTIONS (64),
# BENCH_YOUTHS (100000).
set -eu
cd "$(dirname "$0")/.."
BENCH_NAME=soak
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
SOAK_SECONDS="${SOAK_SECONDS:-600}"
SOAK_CHUNK="${SOAK_CHUNK:-60}"
[ "$SOAK_CHUNK" -le "$SOAK_SECONDS" ] || SOAK_CHUNK=$SOAK_SECONDS
bench_tools

W=$(work_db run)
start_kring "$W"
setup_actors 16
sleep 2
RSS_IDLE=$(rss_kb "$KRING_PID")
DB_START=$(du -m "$W" | cut -f1)
echo "bench: soak, mixed workload, $CONNECTIONS connections, $SOAK_SECONDS s in runs of $SOAK_CHUNK s"

T0=$(now_ms)
(
	while :; do
		sleep 10
		echo "$((($(now_ms) - T0) / 1000)) $(rss_kb "$KRING_PID") $(rss_parts_kb "$KRING_PID")"
	done
) >"$BENCH_TMP/rss" &
BENCH_PIDS="$BENCH_PIDS $!"

: >"$BENCH_TMP/results"
left=$SOAK_SECONDS
i=0
while [ "$left" -gt 0 ]; do
	i=$((i + 1))
	d=$SOAK_CHUNK
	[ "$d" -le "$left" ] || d=$left
	line=$(run_wrk "soak-$i" "$d" "$BASE" bench/wrk/mixed.lua)
	echo "$i $line rss_kb=$(rss_kb "$KRING_PID")" | tee -a "$BENCH_TMP/results"
	left=$((left - d))
done
ELAPSED=$((($(now_ms) - T0) / 1000))
sleep 1
RSS_AFTER=$(rss_kb "$KRING_PID")
DB_END=$(du -m "$W" | cut -f1)
kill -0 "$KRING_PID" 2>/dev/null && ALIVE=yes || ALIVE=no

col() { tr ' ' '\n' <"$BENCH_TMP/results" | sed -n "s/^$1=//p"; }
REQS=$(col requests | awk '{ t += $1 } END { print t }')
ERRS=$(tr ' ' '\n' <"$BENCH_TMP/results" | sed -n 's/^\(non2xx\|connect\|read\|write\|timeout\)=//p' |
	awk '{ t += $1 } END { print t + 0 }')
[ -s "$BENCH_TMP/rss" ] || echo "$ELAPSED $RSS_AFTER" >"$BENCH_TMP/rss"
N=$(wc -l <"$BENCH_TMP/rss")
R_START=$(sed -n 1p "$BENCH_TMP/rss")
R_MID=$(sed -n "$(((N + 1) / 2))p" "$BENCH_TMP/rss")
R_END=$(sed -n "${N}p" "$BENCH_TMP/rss")
R_MIN=$(cut -d' ' -f2 "$BENCH_TMP/rss" | sort -n | head -1)
R_MAX=$(cut -d' ' -f2 "$BENCH_TMP/rss" | sort -n | tail -1)
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
rs() { echo "$(mb "${1#* }") at ${1%% *} s"; }

echo
echo "soak: $ELAPSED s, $REQS requests, $(awk -v r="$REQS" -v s="$ELAPSED" 'BEGIN { printf "%.0f", r / s }') req/s overall, errors: $ERRS, server alive: $ALIVE"
printf '%-6s %9s %8s %8s %8s %7s %9s\n' run "req/s" "p50 ms" "p99 ms" "max ms" errors RSS
while read -r n rest; do
	l="$rest"
	e=$(echo "$l" | tr ' ' '\n' | sed -n 's/^\(non2xx\|connect\|read\|write\|timeout\)=//p' | awk '{ t += $1 } END { print t + 0 }')
	printf '%-6s %9s %8s %8s %8s %7s %9s\n' "$n" "$(field "$l" rps)" "$(field "$l" p50_ms)" \
		"$(field "$l" p99_ms)" "$(field "$l" max_ms)" "$e" "$(mb "$(field "$l" rss_kb)")"
done <"$BENCH_TMP/results"
echo
echo "resident memory (VmRSS, every 10 s, $N samples): idle before $(mb "$RSS_IDLE");" \
	"start $(rs "$R_START"), middle $(rs "$R_MID"), end $(rs "$R_END");" \
	"min $(mb "$R_MIN"), max $(mb "$R_MAX"); after $(mb "$RSS_AFTER")"
echo "database: $DB_START MB -> $DB_END MB"
# Flat: the median sample of the second half, and of the last fifth, are
# within 10% of the first half's median after a minute of warm-up (the caches
# of the request threads' connections fill during the first minutes). A leak
# keeps growing, which moves both medians; one high sample, as when the
# machine is busy with something else and the request threads' arenas grow
# for a moment, does not. The highest samples are reported alongside.
HALF=$((ELAPSED / 2))
LAST=$((ELAPSED * 4 / 5))
rss_median() { # from (s, exclusive) to (s, inclusive) [column, 2: VmRSS] -> median in kB, 0 if none
	awk -v a="$1" -v b="$2" -v c="${3:-2}" '$1 > a && $1 <= b { print $c }' "$BENCH_TMP/rss" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
			else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
rss_highest() {
	awk -v a="$1" -v b="$2" '$1 > a && $1 <= b { if ($2 > m) m = $2 } END { print m + 0 }' "$BENCH_TMP/rss"
}
S=$(rss_median 59 "$HALF")
E=$(rss_median "$HALF" "$ELAPSED")
L=$(rss_median "$LAST" "$ELAPSED")
[ "$S" -gt 0 ] || S=${R_START#* }
[ "$E" -gt 0 ] || E=${R_END#* }
[ "$L" -gt 0 ] || L=$E
echo "memory: median $(mb "$S") in the first half (after 60 s), $(mb "$E") in the second," \
	"$(mb "$L") in the last fifth; highest $(mb "$(rss_highest 59 "$HALF")") and" \
	"$(mb "$(rss_highest "$HALF" "$ELAPSED")")"
# What grows, when something does: the heap and stacks, or mapped files
# (the database's pages and its WAL index), each as medians like the above.
for part in "3:heap and stacks (RssAnon)" "4:mapped files (RssFile)" "5:shared memory (RssShmem)"; do
	c=${part%%:*}
	echo "  of which ${part#*:}:" \
		"$(mb "$(rss_median 59 "$HALF" "$c")") -> $(mb "$(rss_median "$HALF" "$ELAPSED" "$c")")," \
		"last fifth $(mb "$(rss_median "$LAST" "$ELAPSED" "$c")")"
done
if [ "$ERRS" = 0 ] && [ "$ALIVE" = yes ] && [ "$E" -le $((S + S / 10)) ] && [ "$L" -le $((S + S / 10)) ]; then
	echo "soak: PASS (no errors, memory flat)"
else
	echo "soak: FAIL (errors $ERRS, alive $ALIVE, memory median $(mb "$S") -> $(mb "$E"), last fifth $(mb "$L"))"
	exit 1
fi
