#!/bin/sh
# The deployment pieces (issue 8): `make install` with DESTDIR and PREFIX puts
# every file in place, the binary hardened; the installed systemd units pass
# `systemd-analyze verify`; the man page passes `man --warnings` and names
# every command of `kring help`; the nginx site passes `nginx -t` with a
# throwaway certificate.
set -eu
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "check-deploy: $*" >&2
	exit 1
}

# A staged install, as a package build would do it.
make -s install DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null
for f in bin/kring share/kring/web/index.html share/man/man1/kring.1 \
	lib/systemd/system/kring.service lib/systemd/system/kring-backup.service \
	lib/systemd/system/kring-backup.timer lib/systemd/system/kring-retention.service \
	lib/systemd/system/kring-retention.timer share/doc/kring/nginx-kring.conf \
	share/doc/kring/kring.ini; do
	[ -e "$tmp/stage/usr/$f" ] || fail "make install did not install $f"
done
# The installed binary is hardened (meson.build; ASVS 14.1.2): a
# position-independent executable, relocations read-only and bound at start,
# stack canaries, and glibc's checked functions (FORTIFY).
bin="$tmp/stage/usr/bin/kring"
readelf -hW "$bin" | grep -q 'Type:.*DYN' || fail "kring is not a position-independent executable"
readelf -dW "$bin" | grep -q 'FLAGS.*BIND_NOW' || fail "kring is not linked with -z now"
readelf -lW "$bin" | grep -q 'GNU_RELRO' || fail "kring has no read-only relocations (-z relro)"
readelf --dyn-syms -W "$bin" | grep -q ' __stack_chk_fail@' || fail "kring has no stack protector"
readelf --dyn-syms -W "$bin" | grep -q ' __[a-z_]*_chk@' || fail "kring has no FORTIFY_SOURCE checks"

grep -q '^ExecStart=/usr/bin/kring serve$' "$tmp/stage/usr/lib/systemd/system/kring.service" ||
	fail "kring.service does not name PREFIX/bin/kring"
grep -q '@BINDIR@\|@WEBDIR@' "$tmp/stage/usr/lib/systemd/system/kring.service" && fail "a placeholder is left in kring.service"
# The INI file names the database: a KRING_DB in a unit would beat its `db =`.
grep -l '^Environment=KRING_DB' "$tmp/stage/usr/lib/systemd/system/"*.service &&
	fail "a unit sets KRING_DB, which overrides db = in /etc/kring/kring.ini"

# An install under a real prefix, so that the units' programs exist for verify.
make -s install PREFIX="$tmp/prefix" >/dev/null
units="$tmp/prefix/lib/systemd/system"
out="$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
	"$units/kring.service" "$units/kring-backup.service" "$units/kring-backup.timer" \
	"$units/kring-retention.service" "$units/kring-retention.timer" 2>&1)" ||
	fail "systemd-analyze verify failed: $out"
[ -z "$out" ] || fail "systemd-analyze verify warned: $out"
"$tmp/prefix/bin/kring" version >/dev/null || fail "the installed binary does not run"
# The example INI file is one kring accepts (KRING_DB, which beats its db =,
# keeps the database in $tmp).
KRING_DB="$tmp/ini.db" "$tmp/prefix/bin/kring" init --config deploy/kring.ini >/dev/null ||
	fail "kring init does not accept deploy/kring.ini"

# The man page: no warnings, and every command the binary lists.
warnings="$(man --warnings -l docs/kring.1 2>&1 >/dev/null)"
[ -z "$warnings" ] || fail "man --warnings: $warnings"
for cmd in $(./build/kring help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	grep -q "^\.B kring $cmd\|^\.B kring $cmd " docs/kring.1 || fail "the man page does not describe 'kring $cmd'"
done

# The nginx site with a self-signed certificate where it expects one. nginx
# is not installed by `make check` (its package starts a server on port 80);
# the benchmarks install it.
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
	mkdir -p "$tmp/nginx/logs"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=kring.test \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
	sed -e "s|/etc/ssl/kring/fullchain.pem|$tmp/cert.pem|" -e "s|/etc/ssl/kring/privkey.pem|$tmp/key.pem|" \
		deploy/nginx-kring.conf >"$tmp/site.conf"
	cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events {}
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	include $tmp/site.conf;
}
CONF
	nginx -t -q -c "$tmp/nginx.conf" -p "$tmp/nginx" 2>"$tmp/nginx.err" ||
		fail "nginx -t: $(cat "$tmp/nginx.err")"
else
	echo "check-deploy: nginx is not installed (apt-get install nginx): the site was not checked"
fi
echo "check-deploy: install, systemd units, man page and nginx site are sound"
