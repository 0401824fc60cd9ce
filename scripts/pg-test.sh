#!/bin/sh
# Runs a command against a throwaway PostgreSQL server:
#
#   sh scripts/pg-test.sh node --test tests/http/
#
# Makes a temp dir, initdb's a cluster in it (trust auth, UTF8, C locale),
# starts it listening only on a Unix socket in that dir (no TCP), runs the
# command with
#   KRING_TEST_ENGINE=postgresql
#   KRING_TEST_PG_SOCKET=<the socket dir>
#   KRING_TEST_PG_USER=<the superuser>
#   KRING_TEST_PG_DATA, KRING_TEST_PG_BINDIR, KRING_TEST_PG_RUNAS (for tests
#   that restart the server: pg_ctl -D DATA, run as RUNAS when not empty)
# and always stops the server and removes the dir afterwards (also on
# failure, Ctrl-C or SIGTERM). Exits with the command's exit code.
#
# PostgreSQL refuses to run as root, so as root (CI) the server runs as the
# `postgres` system user of Debian's postgresql package, or as a system user
# `kring-pg` created here when there is no `postgres` user.
#
# Environment: PG_BINDIR (default: /usr/lib/postgresql/15/bin, else the newest
# /usr/lib/postgresql/*/bin), PG_TEST_LOG (copy the server log there at the
# end, for debugging).
set -eu

if [ $# -eq 0 ]; then
	echo "usage: sh scripts/pg-test.sh COMMAND [ARG...]" >&2
	exit 2
fi

if [ -z "${PG_BINDIR:-}" ]; then
	if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
		PG_BINDIR=/usr/lib/postgresql/15/bin
	else
		PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	fi
fi
if [ -z "$PG_BINDIR" ] || [ ! -x "$PG_BINDIR/initdb" ] || [ ! -x "$PG_BINDIR/pg_ctl" ]; then
	echo "pg-test.sh: no initdb/pg_ctl found (install Debian's postgresql package, or set PG_BINDIR)" >&2
	exit 2
fi

# Who runs the server. The superuser inside the cluster is always `postgres`.
PG_SUPERUSER=postgres
RUN_AS=
if [ "$(id -u)" = 0 ]; then
	if id postgres >/dev/null 2>&1; then
		RUN_AS=postgres
	else
		RUN_AS=kring-pg
		if ! id "$RUN_AS" >/dev/null 2>&1; then
			useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
		fi
	fi
fi

# Runs a command as the server's user (ourselves when not root).
as_pg() {
	if [ -z "$RUN_AS" ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u "$RUN_AS" -- "$@"
	else
		setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --init-groups -- "$@"
	fi
}

# A short path: a Unix socket path may not exceed 107 bytes.
TMP=$(mktemp -d /tmp/kring-pg.XXXXXX)
DATA="$TMP/data"
LOG="$TMP/postgres.log"
STARTED=0

cleanup() {
	rc=$?
	trap - EXIT INT TERM
	if [ "$STARTED" = 1 ]; then
		if ! (cd "$TMP" && as_pg "$PG_BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1); then
			echo "pg-test.sh: fast shutdown failed, stopping immediately" >&2
			(cd "$TMP" && as_pg "$PG_BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1) || true
		fi
	fi
	if [ -n "${PG_TEST_LOG:-}" ] && [ -f "$LOG" ]; then
		cp "$LOG" "$PG_TEST_LOG" || true
	fi
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "$RUN_AS" ]; then
	chown "$RUN_AS" "$TMP"
fi
chmod 0711 "$TMP"

if ! (cd "$TMP" && as_pg "$PG_BINDIR/initdb" -D "$DATA" -U "$PG_SUPERUSER" --auth=trust -E UTF8 --no-locale --no-sync >"$TMP/initdb.log" 2>&1); then
	echo "pg-test.sh: initdb failed:" >&2
	cat "$TMP/initdb.log" >&2
	exit 1
fi

cat >>"$DATA/postgresql.conf" <<EOF

# scripts/pg-test.sh: a throwaway test server
listen_addresses = ''
unix_socket_directories = '$TMP'
unix_socket_permissions = 0777
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF

STARTED=1
if ! (cd "$TMP" && as_pg "$PG_BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null); then
	echo "pg-test.sh: the PostgreSQL server did not start:" >&2
	cat "$LOG" >&2 || true
	exit 1
fi

# The socket dir and the superuser for the tests; the command runs in our cwd.
# For tests that stop and start the server themselves (tests/pg/): the data
# dir, the binaries and the system user to run pg_ctl as (empty: ourselves).
KRING_TEST_ENGINE=postgresql
KRING_TEST_PG_SOCKET=$TMP
KRING_TEST_PG_USER=$PG_SUPERUSER
KRING_TEST_PG_DATA=$DATA
KRING_TEST_PG_BINDIR=$PG_BINDIR
KRING_TEST_PG_RUNAS=$RUN_AS
export KRING_TEST_ENGINE KRING_TEST_PG_SOCKET KRING_TEST_PG_USER KRING_TEST_PG_DATA KRING_TEST_PG_BINDIR KRING_TEST_PG_RUNAS
echo "pg-test.sh: PostgreSQL $("$PG_BINDIR/postgres" --version | awk "{print \$3}") on socket dir $TMP, user $PG_SUPERUSER" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
