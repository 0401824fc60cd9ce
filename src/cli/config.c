#include "cli/config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "util/text.h"

static const char *const key_names[CFG_COUNT] = {
    [CFG_DB] = "db",
    [CFG_LISTEN] = "listen",
    [CFG_WEB_DIR] = "web-dir",
    [CFG_REQUIRE_TOTP] = "require-totp",
    [CFG_DEMO] = "demo",
    [CFG_SESSION_IDLE] = "session-idle",
    [CFG_SESSION_MAX] = "session-max",
    [CFG_REAUTH_WINDOW] = "reauth-window",
    [CFG_LOGIN_MAX_FAILURES] = "login-max-failures",
    [CFG_LOGIN_MAX_FAILURES_ADDR] = "login-max-failures-addr",
    [CFG_LOGIN_WINDOW] = "login-window",
    [CFG_FILE_REFUSALS_MAX] = "file-refusals-max",
    [CFG_FILE_REFUSALS_WINDOW] = "file-refusals-window",
    [CFG_COOKIE_SECURE] = "cookie-secure",
    [CFG_THREADS] = "threads",
    [CFG_CONNECTION_TIMEOUT] = "connection-timeout",
    [CFG_BREAK_GLASS_SECONDS] = "break-glass-seconds",
    [CFG_RESEARCH_KEY] = "research-key",
    [CFG_TOTP_KEY] = "totp-key",
    [CFG_HEADER_TIMEOUT] = "header-timeout",
    [CFG_TRUSTED_PROXY] = "trusted-proxy",
    [CFG_METRICS_TOKEN] = "metrics-token",
    [CFG_RETENTION_YEARS] = "retention-years",
    [CFG_RETENTION_YEARS_OTS] = "retention-years-ots",
    [CFG_RETENTION_YEARS_GUARDIANSHIP] = "retention-years-guardianship",
    [CFG_MAINTENANCE_INTERVAL] = "maintenance-interval",
};

const char *config_key_name(enum config_key k)
{
	return key_names[k];
}

/* Compares treating '_' and '-' alike and ignoring case. */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '_' ? '-' : (char)tolower((unsigned char)*a);
		char y = *b == '_' ? '-' : (char)tolower((unsigned char)*b);
		if (x != y)
			return false;
	}
	return *a == *b;
}

int config_key_lookup(const char *name)
{
	for (int k = 0; k < CFG_COUNT; k++)
		if (same_name(name, key_names[k]))
			return k;
	return -1;
}

void config_raw_set(struct config_raw *raw, enum config_key k, const char *value)
{
	free(raw->value[k]);
	raw->value[k] = strdup(value);
	if (!raw->value[k])
		fatal("out of memory");
}

void config_raw_free(struct config_raw *raw)
{
	for (int k = 0; k < CFG_COUNT; k++) {
		free(raw->value[k]);
		raw->value[k] = NULL;
	}
}

struct ini_ctx {
	struct config_raw *raw;
	const char *path;
	bool ok;
};

static int on_ini_value(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ctx = user;
	(void)section;
	int k = config_key_lookup(name);
	if (k < 0) {
		fprintf(stderr, "kring: %s: unknown setting '%s'\n", ctx->path, name);
		ctx->ok = false;
		return 1;
	}
	config_raw_set(ctx->raw, (enum config_key)k, value);
	return 1;
}

bool config_raw_load_file(struct config_raw *raw, const char *path)
{
	struct ini_ctx ctx = {.raw = raw, .path = path, .ok = true};
	int rc = ini_parse(path, on_ini_value, &ctx);
	if (rc < 0) {
		fprintf(stderr, "kring: cannot read config file %s\n", path);
		return false;
	}
	if (rc > 0) {
		fprintf(stderr, "kring: %s: syntax error on line %d\n", path, rc);
		return false;
	}
	return ctx.ok;
}

bool config_raw_load_text(struct config_raw *raw, const char *text, const char *name)
{
	struct ini_ctx ctx = {.raw = raw, .path = name, .ok = true};
	int rc = ini_parse_string(text, on_ini_value, &ctx);
	if (rc != 0) {
		fprintf(stderr, "kring: %s: syntax error on line %d\n", name, rc);
		return false;
	}
	return ctx.ok;
}

void config_raw_load_env(struct config_raw *raw)
{
	char name[64];
	for (int k = 0; k < CFG_COUNT; k++) {
		size_t j = 0;
		j += (size_t)snprintf(name, sizeof(name), "KRING_");
		for (const char *p = key_names[k]; *p && j + 1 < sizeof(name); p++)
			name[j++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
		name[j] = '\0';
		const char *v = getenv(name);
		if (v && *v)
			config_raw_set(raw, (enum config_key)k, v);
	}
}

static bool parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on"))
		*out = true;
	else if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off"))
		*out = false;
	else
		return false;
	return true;
}

static bool resolve_int(const struct config_raw *raw, enum config_key k, long min, long max,
                        int *out)
{
	long v;
	if (!raw->value[k])
		return true;
	if (!parse_long_range(raw->value[k], min, max, &v)) {
		fprintf(stderr, "kring: --%s must be a whole number from %ld to %ld\n",
		        key_names[k], min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool resolve_bool(const struct config_raw *raw, enum config_key k, bool *out)
{
	if (raw->value[k] && !parse_bool(raw->value[k], out)) {
		fprintf(stderr, "kring: --%s must be true or false\n", key_names[k]);
		return false;
	}
	return true;
}

/*
 * Four request threads per core. A request no longer holds its thread while
 * its audit events are committed (the connection is suspended), but a thread
 * still blocks in a write waiting for SQLite's write lock and in every
 * PostgreSQL round trip. For reads alone on SQLite fewer threads cost a
 * little less CPU (docs/BENCHMARKS.md: about 5% with 2 or 4 on two cores).
 */
static int default_threads(void)
{
	long n = 4 * sysconf(_SC_NPROCESSORS_ONLN);
	return n < 8 ? 8 : n > 64 ? 64 : (int)n;
}

/* The Jeugdwet keeps a file at least 20 years (art. 7.3.8); a policy may keep it longer. */
#define RETENTION_YEARS_MIN 20

bool config_resolve(const struct config_raw *raw, struct config *out)
{
	*out = (struct config){
	    .db = raw->value[CFG_DB],
	    .listen = raw->value[CFG_LISTEN] ? raw->value[CFG_LISTEN] : "127.0.0.1:8080",
	    .web_dir = raw->value[CFG_WEB_DIR] ? raw->value[CFG_WEB_DIR] : KRING_WEB_DIR,
	    .require_totp = TOTP_STAFF,
	    .session_idle = 30 * 60,
	    .session_max = 12 * 60 * 60,
	    .reauth_window = 15 * 60,
	    .login_max_failures = 5,
	    .login_max_failures_addr = 20,
	    .login_window = 15 * 60,
	    .file_refusals_max = 100,
	    .file_refusals_window = 10 * 60,
	    .threads = default_threads(),
	    .connection_timeout = 30,
	    .break_glass_seconds = 24 * 3600,
	    .header_timeout = 10,
	    .trusted_proxy = raw->value[CFG_TRUSTED_PROXY],
	    .research_key = raw->value[CFG_RESEARCH_KEY],
	    .totp_key = raw->value[CFG_TOTP_KEY],
	    .metrics_token = raw->value[CFG_METRICS_TOKEN],
	    .retention_years = 20,
	    .retention_years_ots = 30,
	    .retention_years_guardianship = 30,
	    .maintenance_interval = 60,
	};
	bool ok =
	    resolve_bool(raw, CFG_DEMO, &out->demo) &&
	    resolve_bool(raw, CFG_COOKIE_SECURE, &out->cookie_secure) &&
	    resolve_int(raw, CFG_SESSION_IDLE, 1, 7 * 24 * 3600, &out->session_idle) &&
	    resolve_int(raw, CFG_SESSION_MAX, 1, 30 * 24 * 3600, &out->session_max) &&
	    resolve_int(raw, CFG_REAUTH_WINDOW, 1, 24 * 3600, &out->reauth_window) &&
	    resolve_int(raw, CFG_LOGIN_MAX_FAILURES, 1, 1000, &out->login_max_failures) &&
	    resolve_int(raw, CFG_LOGIN_MAX_FAILURES_ADDR, 1, 100000,
	                &out->login_max_failures_addr) &&
	    resolve_int(raw, CFG_LOGIN_WINDOW, 1, 24 * 3600, &out->login_window) &&
	    resolve_int(raw, CFG_FILE_REFUSALS_MAX, 1, 1000000, &out->file_refusals_max) &&
	    resolve_int(raw, CFG_FILE_REFUSALS_WINDOW, 1, 24 * 3600, &out->file_refusals_window) &&
	    resolve_int(raw, CFG_THREADS, 1, 256, &out->threads) &&
	    resolve_int(raw, CFG_CONNECTION_TIMEOUT, 1, 3600, &out->connection_timeout) &&
	    resolve_int(raw, CFG_BREAK_GLASS_SECONDS, 1, 7 * 24 * 3600,
	                &out->break_glass_seconds) &&
	    resolve_int(raw, CFG_HEADER_TIMEOUT, 1, 600, &out->header_timeout) &&
	    resolve_int(raw, CFG_RETENTION_YEARS, RETENTION_YEARS_MIN, 100,
	                &out->retention_years) &&
	    resolve_int(raw, CFG_RETENTION_YEARS_OTS, RETENTION_YEARS_MIN, 100,
	                &out->retention_years_ots) &&
	    resolve_int(raw, CFG_RETENTION_YEARS_GUARDIANSHIP, RETENTION_YEARS_MIN, 100,
	                &out->retention_years_guardianship) &&
	    resolve_int(raw, CFG_MAINTENANCE_INTERVAL, 1, 3600, &out->maintenance_interval);
	if (!ok)
		return false;
	if (raw->value[CFG_REQUIRE_TOTP] &&
	    !totp_policy_from_name(raw->value[CFG_REQUIRE_TOTP], &out->require_totp)) {
		fprintf(stderr, "kring: --require-totp must be none, staff or all\n");
		return false;
	}
	unsigned char addr[16];
	if (out->trusted_proxy && inet_pton(AF_INET, out->trusted_proxy, addr) != 1 &&
	    inet_pton(AF_INET6, out->trusted_proxy, addr) != 1) {
		fprintf(stderr, "kring: --trusted-proxy must be an IP address\n");
		return false;
	}
	if (out->db && (!*out->db || strcmp(out->db, ":memory:") == 0)) {
		/* SQLite would give each pooled connection a private, temporary database */
		fprintf(stderr, "kring: --db must name a database file or a postgresql:// URL\n");
		return false;
	}
	if (out->metrics_token && strlen(out->metrics_token) < 16) {
		fprintf(
		    stderr,
		    "kring: metrics_token (KRING_METRICS_TOKEN) must be at least 16 characters\n");
		return false;
	}
	if (out->demo)
		out->require_totp = TOTP_NONE;
	return true;
}
