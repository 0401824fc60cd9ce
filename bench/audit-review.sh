#!/bin/sh
# The privacy officer's review of a large audit trail: the common filters of
# GET /api/v1/audit (none, youth_id, outcome=denied, basis=break_glass, a
# rare username, a month-wide from/to in the middle), each for its first page
# and the next (before=), timed over HTTP as the demo privacy officer, and
# the query plan of each in sqlite3 (EXPLAIN QUERY PLAN).
#
#   make build && sh bench/audit-review.sh
#
# Settings (environment):
#   AUDIT_EVENTS   synthetic audit events (default 2000000)
#   BENCH_YOUTHS   young people from `kring demo` (default 1000)
#   ROUNDS         timed requests per query; the median is shown (default 5)
#
# The database (made once, in bench/.data): `kring init` and `kring demo`
# (whose events must come first: `serve --demo` checks that the demo started
# the database), then AUDIT_EVENTS synthetic events inserted with the
# sqlite3 CLI, spread evenly over the two years before yesterday (so `at`
# rises with `id` among them, as it does when kring writes them; the demo's
# few events before them are of today). audit_events refuses UPDATE and
# DELETE (triggers), not INSERT. The synthetic rows carry a fake
# hash, so `kring audit verify` fails on this database: a benchmark
# database only. Of every 5000 events one is a refusal (outcome denied), of
# every 50,000 one an emergency access (basis break_glass); the user
# `researcher` has 20 events, one per 100,000; the rest are spread over the
# demo's professionals and young people.
set -eu
cd "$(dirname "$0")/.."
BENCH_YOUTHS="${BENCH_YOUTHS:-1000}"
BENCH_NAME=audit-review
. bench/lib.sh
trap bench_cleanup EXIT INT TERM
AUDIT_EVENTS="${AUDIT_EVENTS:-2000000}"
ROUNDS="${ROUNDS:-5}"
DB="$DATA/audit-review-$AUDIT_EVENTS-$BENCH_YOUTHS.db"
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 (the CLI) is missing" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: $BIN is missing: run make build" >&2; exit 1; }

if [ ! -f "$DB" ]; then
	rm -f "$DB.new" "$DB.new-wal" "$DB.new-shm"
	$BIN init --db "$DB.new" >/dev/null
	$BIN demo --db "$DB.new" --youths "$BENCH_YOUTHS" --seed 1 >/dev/null
	t0=$(now_ms)
	sqlite3 "$DB.new" <<EOF
.output /dev/null
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
CREATE TEMP TABLE actor (k INTEGER PRIMARY KEY, user_id INTEGER, username TEXT, role TEXT);
INSERT INTO actor (user_id, username, role) SELECT id, username, role FROM users
  WHERE username IN ('professional', 'teamlead', 'pro.2.0', 'pro.2.1', 'pro.2.2', 'pro.3.1',
  'pro.3.2') ORDER BY id;
CREATE TEMP TABLE rare AS SELECT id, username, role FROM users WHERE username = 'researcher';
CREATE TEMP TABLE base AS SELECT max(id) AS id FROM audit_events;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < $AUDIT_EVENTS)
INSERT INTO audit_events (id, at, user_id, username, role, responsible_user_id, action,
  object_type, object_id, youth_id, outcome, client_addr, reason, prev_hash, hash, basis)
SELECT b.id + n,
  strftime('%Y-%m-%dT%H:%M:%fZ', julianday('now', '-731 days') + n * 730.0 / $AUDIT_EVENTS),
  iif(n % 100000 = 42, r.id, a.user_id), iif(n % 100000 = 42, r.username, a.username),
  iif(n % 100000 = 42, r.role, a.role), iif(n % 100000 = 42, r.id, a.user_id),
  'youth_read', 'youth', (n * 7919) % $BENCH_YOUTHS + 1, (n * 7919) % $BENCH_YOUTHS + 1,
  iif(n % 5000 = 7, 'denied', 'success'), '127.0.0.1', NULL,
  printf('%064d', n - 1), printf('%064d', n),
  CASE WHEN n % 5000 = 7 THEN NULL WHEN n % 50000 = 13 THEN 'break_glass' ELSE 'team' END
FROM i JOIN actor a ON a.k = n % 7 + 1, rare r, base b;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
	mv "$DB.new" "$DB"
	echo "bench: made $DB in $(( ($(now_ms) - t0) / 1000 )) s"
fi

W="$DATA/work-$BENCH_NAME.db"
rm -f "$W" "$W-wal" "$W-shm"
cp "$DB" "$W"
YOUTH=$(sqlite3 "$W" "SELECT youth_id FROM audit_events ORDER BY id DESC LIMIT 1")
# a month in the middle of the synthetic events
MID=$(sqlite3 "$W" "SELECT at FROM audit_events ORDER BY id LIMIT 1 OFFSET $((AUDIT_EVENTS / 2))")
FROM=$(date -u -d "${MID%%T*} -15 days" +%Y-%m-%d)
TO=$(date -u -d "${MID%%T*} +15 days" +%Y-%m-%d)
echo "bench: $(sqlite3 "$W" 'SELECT count(*) FROM audit_events') events; $(sqlite3 "$W" 'SELECT sqlite_version()') (sqlite3 CLI)"

# The filters (query strings) under their names.
set -- "none" "" \
	"youth_id" "youth_id=$YOUTH" \
	"outcome=denied" "outcome=denied" \
	"basis=break_glass" "basis=break_glass" \
	"username" "username=researcher" \
	"from/to (a month)" "from=$FROM&to=$TO"

start_kring "$W"
PO=$(token privacy)
[ -n "$PO" ] || { echo "bench: privacy cannot log in" >&2; exit 1; }

# median_ms URL: the median of ROUNDS requests' total time, in ms.
median_ms() {
	for _ in $(seq 1 "$ROUNDS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $PO" "$1"
	done | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }'
}

printf '%-20s %8s %8s %12s %12s\n' filter rows next "first ms" "next ms"
while [ $# -ge 2 ]; do
	name=$1 q=$2
	shift 2
	url="$BASE/api/v1/audit?limit=100${q:+&$q}"
	page=$(curl -s -H "Authorization: Bearer $PO" "$url")
	n=$(echo "$page" | grep -o '"hash":' | wc -l)
	last=$(echo "$page" | grep -o '"id":[0-9]*' | tail -1 | cut -d: -f2)
	first_ms=$(median_ms "$url")
	next_ms=-
	n2=-
	if [ -n "$last" ]; then
		n2=$(curl -s -H "Authorization: Bearer $PO" "$url&before=$last" | grep -o '"hash":' | wc -l)
		next_ms=$(median_ms "$url&before=$last")
	fi
	printf '%-20s %8s %8s %12s %12s\n' "$name" "$n" "$n2" "$first_ms" "$next_ms"
done
stop_kring

# The plans of the store's statements (src/store/store_sqlite.c,
# AUDIT_QUERY) for the same filters, the variant's condition first.
echo
echo "EXPLAIN QUERY PLAN (sqlite3 CLI, the database as kring serve left it):"
plan() {
	printf '%-20s ' "$1"
	sqlite3 "$W" "EXPLAIN QUERY PLAN SELECT * FROM audit_events WHERE $2 AND (0 = 0 OR user_id = 0) \
		AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4) AND id < $5 \
		AND (NULL IS NULL OR lower(username) = lower(NULL)) ORDER BY id DESC LIMIT 100" |
		sed -n 's/^[|` -]*//p' | grep -v '^QUERY PLAN' | paste -sd';' -
}
for before in 9223372036854775807 $((AUDIT_EVENTS / 2)); do
	echo "id < $before:"
	plan "none" 1 NULL NULL $before
	plan "youth_id" "youth_id = $YOUTH" NULL NULL $before
	plan "outcome=denied" "outcome = 'denied' AND outcome <> 'success'" NULL NULL $before
	plan "basis=break_glass" "basis = 'break_glass'" NULL NULL $before
	plan "from/to (a month)" 1 "'$FROM'" "'$TO'" $before
done
