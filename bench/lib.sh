# Shared helpers for the load benchmarks (sourced by bench/load.sh,
# bench/limit.sh and bench/soak.sh; not run on its own). Everything talks to
# 127.0.0.1 only. A script that sources this calls bench_cleanup from its trap;
# every process started here is recorded in BENCH_PIDS and stopped there.
#
# Settings (environment):
#   BENCH_YOUTHS   young people in the benchmark database (default 100000)
#   CONNECTIONS    wrk connections (default 64)
#   WRK_THREADS    wrk threads (default 2)
#   KRING_SERVE_ARGS  extra options for `kring serve` (for example --threads 2)
#   BIN            the kring binary (default ./build/kring)
BIN="${BIN:-./build/kring}"
DATA=bench/.data
BENCH_YOUTHS="${BENCH_YOUTHS:-100000}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
BASE_DB="$DATA/load-$BENCH_YOUTHS.db"
PASSWORD=kring-demo-2026
BENCH_PIDS=""
BENCH_TMP=$(mktemp -d /tmp/kring-bench.XXXXXX)
chmod 755 "$BENCH_TMP" # nginx workers (run as nobody when started by root) read from here
mkdir -p "$DATA"

bench_cleanup() {
	for p in $BENCH_PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $BENCH_PIDS; do
		wait "$p" 2>/dev/null || true
	done
	BENCH_PIDS=""
	rm -rf "$BENCH_TMP"
	# the working copies of this script's databases (they grow to GBs in a soak)
	rm -f "$DATA/work-${BENCH_NAME:-none}"*
}

# The tools: wrk and nginx from Debian, installed when missing (as root, or
# with sudo), like scripts/deps.sh does for the build.
bench_tools() {
	missing=""
	command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
	command -v curl >/dev/null 2>&1 || missing="$missing curl"
	if [ -n "$missing" ]; then
		echo "bench: installing$missing"
		SUDO=""
		[ "$(id -u)" = 0 ] || SUDO=sudo
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing ||
			{ $SUDO apt-get update -q &&
				$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; }
	fi
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
	[ -x "$BIN" ] || { echo "bench: $BIN is missing: run make build" >&2; exit 1; }
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The benchmark database: N synthetic young people from `kring demo`, made
# once and copied for each run so that every run starts from the same data.
ensure_base_db() {
	[ -f "$BASE_DB" ] && return 0
	make_base_db >/dev/null
}

# Generates the base database and prints how long `kring demo` took (seconds).
make_base_db() {
	rm -f "$BASE_DB" "$BASE_DB-wal" "$BASE_DB-shm" "$BASE_DB.new" "$BASE_DB.new-wal" "$BASE_DB.new-shm"
	$BIN init --db "$BASE_DB.new" >/dev/null
	t0=$(now_ms)
	$BIN demo --db "$BASE_DB.new" --youths "$BENCH_YOUTHS" --seed 1 >/dev/null
	t1=$(now_ms)
	mv "$BASE_DB.new" "$BASE_DB"
	awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.1f\n", ms / 1000 }'
}

# work_db NAME: a fresh copy of the base database, path printed; removed by
# bench_cleanup.
work_db() {
	ensure_base_db
	w="$DATA/work-$BENCH_NAME-$1.db"
	rm -f "$w" "$w-wal" "$w-shm"
	cp "$BASE_DB" "$w"
	echo "$w"
}

# start_kring DB: starts `kring serve` on a free loopback port; sets KRING_PID
# and BASE, waits until /healthz answers.
start_kring() {
	log="$BENCH_TMP/serve.$$.$(now_ms).log"
	# shellcheck disable=SC2086 # KRING_SERVE_ARGS: extra options, split on purpose
	$BIN serve --db "$1" --listen 127.0.0.1:0 --demo ${KRING_SERVE_ARGS:-} >"$log" 2>&1 &
	KRING_PID=$!
	BENCH_PIDS="$BENCH_PIDS $KRING_PID"
	BASE=""
	for _ in $(seq 1 500); do
		BASE=$(sed -n 's/.* msg=listening url=\(http[^ ]*\).*/\1/p' "$log" | head -1)
		[ -n "$BASE" ] && curl -sf -o /dev/null "$BASE/healthz" && return 0
		sleep 0.02
	done
	echo "bench: kring serve did not start:" >&2
	cat "$log" >&2
	exit 1
}

stop_kring() {
	kill "$KRING_PID" 2>/dev/null || true
	wait "$KRING_PID" 2>/dev/null || true
	BENCH_PIDS=$(echo "$BENCH_PIDS" | tr ' ' '\n' | grep -vx "$KRING_PID" | tr '\n' ' ')
}

# nginx_conf PORT ROOT: writes a minimal foreground nginx config serving the
# files under ROOT as JSON on 127.0.0.1:PORT, without caching or access log
# (the same Cache-Control kring sends); prints its path.
nginx_conf() {
	cat >"$BENCH_TMP/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $BENCH_TMP/nginx.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $BENCH_TMP/nginx-body;
	proxy_temp_path $BENCH_TMP/nginx-proxy;
	fastcgi_temp_path $BENCH_TMP/nginx-fastcgi;
	uwsgi_temp_path $BENCH_TMP/nginx-uwsgi;
	scgi_temp_path $BENCH_TMP/nginx-scgi;
	server {
		listen 127.0.0.1:$1;
		root $2;
		default_type application/json;
		location / {
			try_files \$uri =404;
			add_header Cache-Control no-store;
		}
	}
}
EOF
	echo "$BENCH_TMP/nginx.conf"
}

# rss_kb PID: resident memory (VmRSS) in kB.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# rss_parts_kb PID: "anon file shmem", the parts of VmRSS in kB: the heap
# and stacks (RssAnon), mapped files (RssFile) and shared memory (RssShmem,
# e.g. SQLite's WAL index when the database lies on a tmpfs).
rss_parts_kb() {
	awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { s = $2 }
		END { printf "%d %d %d\n", a, f, s }' "/proc/$1/status" 2>/dev/null || echo "0 0 0"
}
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# token USER: a bearer token.
token() {
	curl -s -X POST "$BASE/api/v1/session" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# Sets PRO (the demo professional's token), YOUTH_IDS (comma-separated ids
# of up to 100 young people in the professional's team), JIMS (up to
# $1 "jim_id:token" pairs of active JIMs of that team, logged in as
# jim.<youth id>), NAMES (family names to search for) and ONE_ID (the first
# young person, whose dossier the physical-limit comparison reads).
setup_actors() {
	want="${1:-16}"
	PRO=$(token professional)
	[ -n "$PRO" ] || { echo "bench: professional cannot log in" >&2; exit 1; }
	list=$(curl -s -H "Authorization: Bearer $PRO" "$BASE/api/v1/youths?phase=collaboration&per_page=100")
	YOUTH_IDS=$(echo "$list" | grep -o '"id":[0-9]*' | cut -d: -f2 | paste -sd, -)
	NAMES=$(echo "$list" | grep -o '"family_name":"[^"]*"' | cut -d'"' -f4 |
		sed "s/^'t //" | sort -u | head -20 | sed 's/ /%20/g' | paste -sd, -)
	ONE_ID=${YOUTH_IDS%%,*}
	JIMS=""
	n=0
	for y in $(echo "$list" | grep -o '"id":[0-9]*,[^}]*"jim_name":"' | grep -o '^"id":[0-9]*' | cut -d: -f2); do
		t=$(token "jim.$y")
		[ -n "$t" ] || continue
		j=$(curl -s -H "Authorization: Bearer $t" "$BASE/api/v1/me" | sed -n 's/.*"jim_id":\([0-9]*\).*/\1/p')
		[ -n "$j" ] || continue
		JIMS="$JIMS${JIMS:+,}$j:$t"
		n=$((n + 1))
		[ "$n" -ge "$want" ] && break
	done
	[ -n "$YOUTH_IDS" ] && [ -n "$JIMS" ] || { echo "bench: no young people or JIMs found" >&2; exit 1; }
	# yesterday (UTC), so the date is never in the future on the Amsterdam calendar
	ACT_DATE=$(date -u -d yesterday +%Y-%m-%d)
	export PRO YOUTH_IDS JIMS NAMES ACT_DATE
}

# run_wrk NAME SECONDS URL LUA [wrk options]: runs wrk, keeps its full output in
# $BENCH_TMP/NAME.out and prints the line that bench/wrk/report.lua writes:
#   RESULT requests=N seconds=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D
#          non2xx=E connect=F read=G write=H timeout=I
run_wrk() {
	name=$1 secs=$2 url=$3 lua=$4
	shift 4
	wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s -s "$lua" "$@" "$url" \
		>"$BENCH_TMP/$name.out" 2>&1 || true
	grep '^RESULT' "$BENCH_TMP/$name.out" || { cat "$BENCH_TMP/$name.out" >&2; echo "RESULT failed"; }
}

# field LINE KEY: a value from a RESULT line.
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# median of numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

# med NAME KEY: the median of KEY over the RESULT lines of NAME in
# $BENCH_TMP/results (lines "NAME ROUND ... KEY=VALUE ..."); errs NAME: the
# sum of NAME's wrk errors (non-2xx answers and socket errors) there.
med() { grep "^$1 " "$BENCH_TMP/results" | tr ' ' '\n' | sed -n "s/^$2=//p" | median; }
errs() {
	t=0
	for v in $(grep "^$1 " "$BENCH_TMP/results" | tr ' ' '\n' |
		sed -n 's/^\(non2xx\|connect\|read\|write\|timeout\)=//p'); do
		t=$((t + v))
	done
	echo "$t"
}

machine() {
	echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)," \
		"$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
		"Debian $(cat /etc/debian_version 2>/dev/null)," \
		"$(df -T "$DATA" | awk 'NR == 2 { print $2 }') disk"
}
