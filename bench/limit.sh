#!/bin/sh
# The physical limit (issue 7): nginx serving a dossier's JSON bytes as a
# static file, next to kring answering the same dossier as an authenticated,
# audited read (GET /api/v1/youths/{id} as the demo professional: every
# answer waits for its audit event to be committed with fsync), and kring's
# GET /healthz (its HTTP layer without session or audit). wrk at 64
# connections; the three take turns, ROUNDS times, and the medians are
# compared. The issue's goal: kring at least half of nginx's requests/s,
# with p99 under 5 ms.
#   sh bench/limit.sh
# Environment: LIMIT_SECONDS (15 per run), ROUNDS (3), CONNECTIONS (64),
# BENCH_YOUTHS (100000).
set -eu
cd "$(dirname "$0")/.."
BENCH_NAME=limit
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
LIMIT_SECONDS="${LIMIT_SECONDS:-15}"
ROUNDS="${ROUNDS:-3}"
bench_tools

W=$(work_db run)
start_kring "$W"
setup_actors 1
URL_K="$BASE/api/v1/youths/$ONE_ID"

# nginx in the foreground on a free loopback port, a minimal configuration in
# a temporary directory, serving the dossier's bytes as they came from kring.
ROOT="$BENCH_TMP/www"
mkdir -p "$ROOT"
curl -sf -H "Authorization: Bearer $PRO" "$URL_K" >"$ROOT/dossier.json"
PORT=$(free_port)
"$NGINX" -c "$(nginx_conf "$PORT" "$ROOT")" -p "$BENCH_TMP" -e stderr &
NGINX_PID=$!
BENCH_PIDS="$BENCH_PIDS $NGINX_PID"
URL_N="http://127.0.0.1:$PORT/dossier.json"
for _ in $(seq 1 100); do
	curl -sf -o /dev/null "$URL_N" && break
	sleep 0.05
done
curl -sf "$URL_N" -o "$BENCH_TMP/check.json"
cmp "$ROOT/dossier.json" "$BENCH_TMP/check.json"
sizes() { curl -s -o /dev/null -w '%{size_header}+%{size_download}' -H "Authorization: Bearer $PRO" "$1"; }
echo "bench: dossier $ONE_ID, answer bytes (headers+body): nginx $(sizes "$URL_N"), kring $(sizes "$URL_K")"
echo "bench: $CONNECTIONS connections, $WRK_THREADS wrk threads, $LIMIT_SECONDS s x $ROUNDS rounds"

: >"$BENCH_TMP/results"
for round in $(seq 1 "$ROUNDS"); do
	for w in nginx kring healthz; do
		case $w in
		nginx) url=$URL_N ;;
		kring) url=$URL_K ;;
		healthz) url="$BASE/healthz" ;;
		esac
		line=$(run_wrk "$w-$round" "$LIMIT_SECONDS" "$url" bench/wrk/plain.lua \
			-H "Authorization: Bearer $PRO")
		echo "$w $round $line" | tee -a "$BENCH_TMP/results"
	done
done

N_RPS=$(med nginx rps)
K_RPS=$(med kring rps)
echo
printf '%-46s %9s %8s %8s %9s %7s\n' "server, $CONNECTIONS connections (medians)" "req/s" "p50 ms" "p99 ms" "vs nginx" errors
for w in nginx kring healthz; do
	case $w in
	nginx) label="nginx, static file (same JSON bytes)" ;;
	kring) label="kring GET /api/v1/youths/{id} (audited)" ;;
	healthz) label="kring GET /healthz (no session, no audit)" ;;
	esac
	rps=$(med "$w" rps)
	printf '%-46s %9s %8s %8s %9s %7s\n' "$label" "$rps" "$(med "$w" p50_ms)" "$(med "$w" p99_ms)" \
		"$(awk -v a="$rps" -v b="$N_RPS" 'BEGIN { printf "%.3f", a / b }')" "$(errs "$w")"
done
K_P99=$(med kring p99_ms)
awk -v k="$K_RPS" -v n="$N_RPS" -v p="$K_P99" 'BEGIN {
	ok = (k >= n / 2 && p < 5)
	printf "\ngoal (kring >= half of nginx req/s, p99 < 5 ms): %s (kring %.1f%% of nginx, p99 %.2f ms)\n",
		ok ? "MET" : "NOT MET", 100 * k / n, p
}'
