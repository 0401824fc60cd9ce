#!/bin/sh
# System calls per answered request: kring's audited dossier read (the read
# of limit.sh) and GET /healthz, counted by the kernel's tracepoints with
# `perf stat` while wrk runs at 64 connections. Unlike requests per second,
# the counts hardly move with the machine's other load, so a change that
# saves a call per request shows in one run. On a virtual machine where a
# system call is dear, they are most of what a request costs.
#   sh bench/syscalls.sh
# Needs perf (Debian package linux-perf) and the right to trace kring (root,
# or kernel.perf_event_paranoid <= 1). Environment: SYSCALL_SECONDS (6),
# CONNECTIONS (64), BIN (./build/kring).
set -eu
cd "$(dirname "$0")/.."
BENCH_NAME=syscalls
. bench/lib.sh
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM
SYSCALL_SECONDS="${SYSCALL_SECONDS:-6}"
bench_tools
command -v perf >/dev/null 2>&1 || { echo "bench: perf is missing (apt-get install linux-perf)" >&2; exit 1; }

W=$(work_db run)
start_kring "$W"
setup_actors 1
CALLS="pread64 pwrite64 fdatasync fcntl futex epoll_wait epoll_ctl read write recvfrom sendmsg getrandom"

# count NAME URL: wrk for SYSCALL_SECONDS with perf counting kring's system
# calls meanwhile; prints "NAME requests=N total=T pread64=... ".
count() {
	events="-e raw_syscalls:sys_enter"
	for s in $CALLS; do events="$events -e syscalls:sys_enter_$s"; done
	# shellcheck disable=SC2086 # the events, split on purpose
	perf stat -x, $events -p "$KRING_PID" -o "$BENCH_TMP/$1.perf" -- sleep "$((SYSCALL_SECONDS + 1))" &
	perf_pid=$!
	sleep 0.5
	line=$(run_wrk "$1" "$SYSCALL_SECONDS" "$2" bench/wrk/plain.lua -H "Authorization: Bearer $PRO")
	wait "$perf_pid"
	n=$(field "$line" requests)
	errors=$(field "$line" non2xx)
	case $n in '' | 0 | *[!0-9]*) echo "bench: wrk failed for $1: $line" >&2; exit 1 ;; esac
	printf '%s requests=%s non2xx=%s' "$1" "$n" "$errors"
	awk -F, -v n="$n" '$3 ~ /sys_enter/ { name = $3; sub(/^.*sys_enter_?/, "", name);
		if (name == "") name = "total"; printf " %s=%.2f", name, $1 / n } END { print "" }' "$BENCH_TMP/$1.perf"
}

echo "bench: dossier $ONE_ID; $CONNECTIONS connections, $SYSCALL_SECONDS s each; system calls per answered request"
count warm "$BASE/api/v1/youths/$ONE_ID" >/dev/null
read_line=$(count read "$BASE/api/v1/youths/$ONE_ID")
health_line=$(count healthz "$BASE/healthz")
echo
printf '%-10s' "call"
echo "audited-read healthz"
for k in total $CALLS; do
	printf '%-10s %12s %7s\n' "$k" "$(field "$read_line" "$k")" "$(field "$health_line" "$k")"
done
echo
echo "requests: audited read $(field "$read_line" requests) (non-2xx $(field "$read_line" non2xx)), healthz $(field "$health_line" requests) (non-2xx $(field "$health_line" non2xx))"
