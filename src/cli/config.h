#ifndef KRING_CONFIG_H
#define KRING_CONFIG_H

#include <stdbool.h>

#include "domain/roles.h"

/*
 * Settings come from four places; a later one wins: built-in defaults, the
 * INI file (--config FILE or KRING_CONFIG), KRING_* environment variables,
 * and command-line flags. Every setting has one name used in all four:
 * flag --session-idle, env KRING_SESSION_IDLE, INI key session_idle (or
 * session-idle) in any section.
 */
enum config_key {
	CFG_DB,
	CFG_LISTEN,
	CFG_WEB_DIR,
	CFG_REQUIRE_TOTP,
	CFG_DEMO,
	CFG_SESSION_IDLE,
	CFG_SESSION_MAX,
	CFG_REAUTH_WINDOW,
	CFG_LOGIN_MAX_FAILURES,
	CFG_LOGIN_MAX_FAILURES_ADDR,
	CFG_LOGIN_WINDOW,
	CFG_FILE_REFUSALS_MAX,
	CFG_FILE_REFUSALS_WINDOW,
	CFG_COOKIE_SECURE,
	CFG_THREADS,
	CFG_CONNECTION_TIMEOUT,
	CFG_BREAK_GLASS_SECONDS,
	CFG_RESEARCH_KEY,
	CFG_TOTP_KEY,
	CFG_HEADER_TIMEOUT,
	CFG_TRUSTED_PROXY,
	CFG_METRICS_TOKEN,
	CFG_RETENTION_YEARS,
	CFG_RETENTION_YEARS_OTS,
	CFG_RETENTION_YEARS_GUARDIANSHIP,
	CFG_MAINTENANCE_INTERVAL,

	CFG_COUNT
};

struct config_raw {
	char *value[CFG_COUNT];
};

/* Typed settings after validation. Strings point into the config_raw. */
struct config {
	const char *db;
	const char *listen;
	const char *web_dir;
	enum totp_policy require_totp;
	bool demo;
	int session_idle;
	int session_max;
	int reauth_window; /* seconds a login or reauth lets sensitive routes go on */
	int login_max_failures;
	int login_max_failures_addr;
	int login_window;
	int file_refusals_max;    /* refused requests for files per account in a window, */
	int file_refusals_window; /* of this many seconds, before 429 (refusal_gate.h) */
	bool cookie_secure;
	int threads;
	int connection_timeout;
	int break_glass_seconds;
	int header_timeout;        /* seconds a connection has to send a request's headers */
	const char *trusted_proxy; /* address of nginx, whose X-Forwarded-For is believed */

	const char *research_key; /* path of the research key file, or NULL */
	const char *totp_key; /* path of the key sealing TOTP secrets (auth/totp_key.h), or NULL */
	const char *metrics_token; /* bearer token for GET /metrics; NULL: /metrics is off */
	int retention_years;       /* a closed file is kept this long (voluntary, probation) */
	int retention_years_ots;
	int retention_years_guardianship;
	int maintenance_interval; /* seconds between kring serve's purges and TOTP seals */
};

/* Name of a key as a flag without dashes ("session-idle"). */
const char *config_key_name(enum config_key k);
/* Key for a flag/INI/env spelling; -1 when unknown. */
int config_key_lookup(const char *name);

void config_raw_set(struct config_raw *raw, enum config_key k, const char *value);
void config_raw_free(struct config_raw *raw);

/* Reads an INI file into raw; false (with a message on stderr) when it cannot. */
bool config_raw_load_file(struct config_raw *raw, const char *path);
/* As config_raw_load_file, from text in memory; `name` is used in messages. */
bool config_raw_load_text(struct config_raw *raw, const char *text, const char *name);
/* Reads KRING_* variables into raw. */
void config_raw_load_env(struct config_raw *raw);

/* Fills `out` from defaults and raw; false with a message on stderr on a bad value. */
bool config_resolve(const struct config_raw *raw, struct config *out);

#endif
