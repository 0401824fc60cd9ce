#!/bin/sh
# Benchmark: the outcomes dashboard (GET /api/v1/stats/outcomes) on N synthetic
# young people (default 100,000), measured side by side with a cheap
# authenticated call (GET /api/v1/me) and a one-team selection in the same run;
# then the dashboard right after one change (a measurement recorded, so one
# young person's facts are refreshed first), and once after every young person
# was marked stale (the state migration 7 leaves an existing database in).
# Prints the median of RUNS requests for each and the ratios.
#   sh bench/outcomes.sh [N] [RUNS]
# Uses build/kring (make build). The database is cached in bench/.data/.
set -eu
cd "$(dirname "$0")/.."
N="${1:-100000}"
RUNS="${2:-15}"
BIN=./build/kring
DATA=bench/.data
DB="$DATA/outcomes-$N.db"
mkdir -p "$DATA"
if [ ! -f "$DB" ]; then
	echo "bench: generating $N young people (once)..."
	$BIN init --db "$DB" >/dev/null
	$BIN demo --db "$DB" --youths "$N" --seed 1 >/dev/null
fi
LOG="$DATA/serve.log"
$BIN serve --db "$DB" --listen 127.0.0.1:0 --demo >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 50); do
	grep -q ' msg=listening ' "$LOG" && break
	sleep 0.1
done
BASE=$(sed -n 's/.* msg=listening url=\(http[^ ]*\).*/\1/p' "$LOG" | head -1)
token() {
	curl -s -X POST "$BASE/api/v1/session" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"kring-demo-2026\"}" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
R=$(token researcher)
P=$(token professional)
median() { # URL TOKEN -> median seconds over RUNS
	for _ in $(seq 1 "$RUNS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "$1"
	done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
curl -s -o /dev/null -H "Authorization: Bearer $R" "$BASE/api/v1/stats/outcomes" # warm up
ME=$(median "$BASE/api/v1/me" "$R")
ALL=$(median "$BASE/api/v1/stats/outcomes" "$R")
TEAM=$(median "$BASE/api/v1/stats/outcomes" "$P")
YOUTH=$(curl -s -H "Authorization: Bearer $P" "$BASE/api/v1/youths?per_page=1" |
	sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
after_change() { # median seconds of the full dashboard, each right after one measurement
	for _ in $(seq 1 "$RUNS"); do
		curl -s -o /dev/null -X POST -H "Authorization: Bearer $P" \
			-H 'Content-Type: application/json' "$BASE/api/v1/youths/$YOUTH/measurements" \
			-d "{\"moment\":\"T3\",\"measured_on\":\"$(date +%F)\",\"kind\":\"satisfaction_youth\",\"score\":7}"
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $R" \
			"$BASE/api/v1/stats/outcomes"
	done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
CHANGED=$(after_change)
kill $PID
wait $PID 2>/dev/null || true
sqlite3 "$DB" "INSERT INTO stats_dirty (youth_id, claimed) SELECT id, 0 FROM youths WHERE true ON CONFLICT (youth_id) DO UPDATE SET claimed = 0;"
$BIN serve --db "$DB" --listen 127.0.0.1:0 --demo >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 50); do
	grep -q ' msg=listening ' "$LOG" && break
	sleep 0.1
done
BASE=$(sed -n 's/.* msg=listening url=\(http[^ ]*\).*/\1/p' "$LOG" | head -1)
R=$(token researcher)
ALL_STALE=$(curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $R" "$BASE/api/v1/stats/outcomes")
echo "young people: $N, runs: $RUNS, cores: $(nproc)"
awk -v me="$ME" -v all="$ALL" -v team="$TEAM" -v changed="$CHANGED" -v stale="$ALL_STALE" 'BEGIN {
	printf "GET /api/v1/me                       %8.1f ms\n", me * 1000
	printf "GET /api/v1/stats/outcomes (all)     %8.1f ms  (%.0fx /me)\n", all * 1000, all / me
	printf "GET /api/v1/stats/outcomes (1 team)  %8.1f ms  (%.0fx /me)\n", team * 1000, team / me
	printf "  (all) right after one change       %8.1f ms  (%.2fx unchanged)\n", changed * 1000, changed / all
	printf "  (all) with all %d marked stale  %8.1f ms  (once; %.1fx unchanged)\n", '"$N"', stale * 1000, stale / all
}'
