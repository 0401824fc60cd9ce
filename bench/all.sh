#!/bin/sh
# Every benchmark figure in docs/BENCHMARKS.md, in one run (about 20 minutes,
# 10 of them the soak):
#   sh bench/all.sh                    # make build first
#   SOAK_SECONDS=60 sh bench/all.sh    # a quick run (shorter soak)
# Runs bench/load.sh (kring demo time, start time, memory, (a) reads,
# (b) activity posts, (c) mixed), bench/limit.sh (nginx vs kring),
# bench/soak.sh and bench/outcomes.sh. The output is also kept in
# bench/.data/all-<time>.log. Exits non-zero when a script fails (the soak
# fails on any error or growing memory).
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/.data
LOG="bench/.data/all-$(date -u +%Y%m%dT%H%M%SZ).log"
status=0
{
	echo "kring benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	for s in load limit soak; do
		echo
		echo "=== bench/$s.sh"
		sh "bench/$s.sh" || { echo "bench/$s.sh FAILED"; status=1; }
	done
	echo
	echo "=== bench/outcomes.sh 100000 9"
	sh bench/outcomes.sh 100000 9 || { echo "bench/outcomes.sh FAILED"; status=1; }
	echo
	echo "bench/all.sh: done, exit status $status (log: $LOG)"
	exit $status
} 2>&1 | tee "$LOG"
grep -q 'exit status 0' "$LOG"
