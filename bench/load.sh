#!/bin/sh
# Load benchmark (issue 7): on a database of N synthetic young people
# (`kring demo --youths N`, default 100,000), with wrk at 64 connections:
#   (a) authenticated dossier reads, GET /api/v1/youths/{id} as the demo
#       professional (every read commits an audit event before it answers),
#   (b) activity logging by JIMs, POST /api/v1/jims/{id}/activities,
#   (c) a mixed workload: 80% dossier reads, 10% name searches, 10% activity posts,
# next to GET /healthz (no session, no audit) as the in-process reference,
# ROUNDS times in turn; medians are printed. Also: how long `kring demo
# --youths N` takes, how long `kring serve` takes until /healthz answers
# (next to nginx starting on the same machine), and kring's resident memory
# idle and under load.
#   sh bench/load.sh
# Environment: LOAD_SECONDS (15 per run), ROUNDS (3), STARTS (5),
# BENCH_YOUTHS (100000), CONNECTIONS (64), BENCH_REUSE=1 keeps an existing
# database instead of timing `kring demo` again.
set -eu
cd "$(dirname "$0")/.."
BENCH_NAME=load
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
LOAD_SECONDS="${LOAD_SECONDS:-15}"
ROUNDS="${ROUNDS:-3}"
STARTS="${STARTS:-5}"
bench_tools
machine

# --- kring demo --youths N -------------------------------------------------
if [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$BASE_DB" ]; then
	DEMO_S="(reused)"
else
	echo "bench: kring demo --youths $BENCH_YOUTHS ..."
	DEMO_S=$(make_base_db)
fi
DB_MB=$(du -m "$BASE_DB" | cut -f1)

# --- start until the first answer ------------------------------------------
# kring: from starting `kring serve` until GET /healthz answers 200.
# nginx (reference): the same, for nginx serving a static file.
mkdir -p "$BENCH_TMP/nginx"
echo '{"status":"ok"}' >"$BENCH_TMP/nginx/healthz"
W=$(work_db start)
startup_kring() {
	log="$BENCH_TMP/start.log"
	t0=$(now_ms)
	$BIN serve --db "$W" --listen 127.0.0.1:0 --demo >"$log" 2>&1 &
	p=$!
	BENCH_PIDS="$BENCH_PIDS $p"
	while :; do
		u=$(sed -n 's/.* msg=listening url=\(http[^ ]*\).*/\1/p' "$log")
		[ -n "$u" ] && curl -sf -o /dev/null "$u/healthz" && break
		kill -0 "$p" 2>/dev/null || { cat "$log" >&2; exit 1; }
		sleep 0.002
	done
	t1=$(now_ms)
	kill "$p"
	wait "$p" 2>/dev/null || true
	echo $((t1 - t0))
}
startup_nginx() {
	port=$(free_port)
	conf=$(nginx_conf "$port" "$BENCH_TMP/nginx")
	t0=$(now_ms)
	"$NGINX" -c "$conf" -p "$BENCH_TMP" -e stderr &
	p=$!
	BENCH_PIDS="$BENCH_PIDS $p"
	while :; do
		curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
		kill -0 "$p" 2>/dev/null || exit 1
		sleep 0.002
	done
	t1=$(now_ms)
	kill "$p"
	wait "$p" 2>/dev/null || true
	echo $((t1 - t0))
}
: >"$BENCH_TMP/start-k"
: >"$BENCH_TMP/start-n"
for _ in $(seq 1 "$STARTS"); do
	startup_kring >>"$BENCH_TMP/start-k"
	startup_nginx >>"$BENCH_TMP/start-n"
done
START_K=$(median <"$BENCH_TMP/start-k")
START_N=$(median <"$BENCH_TMP/start-n")

# --- load ------------------------------------------------------------------
W=$(work_db run)
start_kring "$W"
setup_actors 16
sleep 2
RSS_IDLE=$(rss_kb "$KRING_PID")
echo "bench: $(echo "$YOUTH_IDS" | tr ',' '\n' | wc -l) young people to read," \
	"$(echo "$JIMS" | tr ',' '\n' | wc -l) JIMs logging activities, $LOAD_SECONDS s per run, $ROUNDS rounds"

# sample RSS every second while wrk runs; the highest value is kept
sample_rss() { # OUTFILE, until the file $BENCH_TMP/stop exists
	m=0
	while [ ! -f "$BENCH_TMP/stop" ]; do
		r=$(rss_kb "$KRING_PID")
		[ "$r" -gt "$m" ] && m=$r
		sleep 1
	done
	echo "$m" >"$1"
}
: >"$BENCH_TMP/results"
for round in $(seq 1 "$ROUNDS"); do
	for w in healthz read activity mixed; do
		case $w in
		healthz) url="$BASE/healthz" lua=bench/wrk/plain.lua ;;
		*) url="$BASE" lua="bench/wrk/$w.lua" ;;
		esac
		rm -f "$BENCH_TMP/stop"
		sample_rss "$BENCH_TMP/rss-$w-$round" &
		sp=$!
		BENCH_PIDS="$BENCH_PIDS $sp"
		line=$(run_wrk "$w-$round" "$LOAD_SECONDS" "$url" "$lua")
		touch "$BENCH_TMP/stop"
		wait "$sp" || true
		echo "$w $round $line rss_kb=$(cat "$BENCH_TMP/rss-$w-$round")" | tee -a "$BENCH_TMP/results"
	done
done
RSS_AFTER=$(rss_kb "$KRING_PID")
HWM=$(hwm_kb "$KRING_PID")
stop_kring

# --- report ----------------------------------------------------------------
sum() { # WORKLOAD KEY...
	w=$1
	shift
	t=0
	for k in "$@"; do
		for v in $(grep "^$w " "$BENCH_TMP/results" | tr ' ' '\n' | sed -n "s/^$k=//p"); do
			t=$((t + v))
		done
	done
	echo "$t"
}
HZ=$(med healthz rps)
echo
echo "kring demo --youths $BENCH_YOUTHS: $DEMO_S s ($DB_MB MB)"
echo "start until /healthz answers (median of $STARTS): kring $START_K ms, nginx $START_N ms"
echo "resident memory: idle $((RSS_IDLE / 1024)) MB, highest under load $(($(for w in read activity mixed healthz; do cat "$BENCH_TMP"/rss-$w-*; done | sort -n | tail -1) / 1024)) MB, after load $((RSS_AFTER / 1024)) MB (VmHWM $((HWM / 1024)) MB)"
echo
echo "$CONNECTIONS connections, $WRK_THREADS wrk threads, $LOAD_SECONDS s x $ROUNDS rounds, medians:"
printf '%-40s %9s %9s %9s %9s %8s %7s\n' workload "req/s" "p50 ms" "p99 ms" "vs healthz" "non2xx" "sockerr"
for w in healthz read activity mixed; do
	case $w in
	healthz) label="GET /healthz (no session, no audit)" ;;
	read) label="(a) GET /api/v1/youths/{id}" ;;
	activity) label="(b) POST /api/v1/jims/{id}/activities" ;;
	mixed) label="(c) mixed 80/10/10" ;;
	esac
	rps=$(med "$w" rps)
	printf '%-40s %9s %9s %9s %9s %8s %7s\n' "$label" "$rps" "$(med "$w" p50_ms)" "$(med "$w" p99_ms)" \
		"$(awk -v a="$rps" -v b="$HZ" 'BEGIN { printf "%.2f", a / b }')" \
		"$(sum "$w" non2xx)" "$(sum "$w" connect read write timeout)"
done
