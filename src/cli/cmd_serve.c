/* kring serve: the HTTP server. */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/login_device.h"
#include "audit/audit_group.h"
#include "auth/session.h"
#include "auth/totp_key.h"
#include <sodium.h>

#include "cli/commands.h"
#include "domain/pseudonym.h"
#include "cli/demo.h"
#include "cli/options.h"
#include "http/server.h"
#include "http/static_files.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/secret_file.h"

#define SHUTDOWN_GRACE_SECONDS 10

static const char serve_help[] =
    "usage: kring serve --db PATH [--listen 127.0.0.1:8080] [--config FILE]\n"
    "                   [--require-totp none|staff|all] [--demo] [options]\n"
    "\n"
    "Serves the web app and the JSON API. Migrations run at start. SIGTERM or\n"
    "SIGINT stop it gracefully: requests in flight are answered first.\n"
    "\n"
    "  --db PATH                 SQLite database file (env KRING_DB)\n"
    "  --listen HOST:PORT        address to listen on; port 0 picks a free one\n"
    "  --require-totp P          who must give a TOTP code: none, staff (default:\n"
    "                            every role but jim and youth) or all\n"
    "  --demo                    fill an empty database with demo accounts; implies\n"
    "                            --require-totp none. For trying kring out only.\n"
    "  --web-dir DIR             the web app's files (default: the source tree's web/)\n"
    "  --session-idle SECONDS    idle session limit (default 1800)\n"
    "  --session-max SECONDS     absolute session limit (default 43200)\n"
    "  --reauth-window SECONDS   how long after a login, or after the password was\n"
    "                            given again, sensitive actions (breaking the glass,\n"
    "                            accounts, exports) go without asking it (default 900)\n"
    "  --login-max-failures N    failed logins per username per window (default 5)\n"
    "  --login-max-failures-addr N  per client address (default 20)\n"
    "  --login-window SECONDS    window for counting failures (default 900)\n"
    "  --file-refusals-max N     refused requests for files per account per window\n"
    "                            before 429 on file routes (default 100)\n"
    "  --file-refusals-window S  window for counting them (default 600)\n"
    "  --cookie-secure BOOL      mark the session cookie Secure (behind HTTPS)\n"
    "  --threads N               worker threads (default: 4 per core, 8 to 64)\n"
    "  --connection-timeout S    drop idle connections after S seconds (30)\n"
    "  --header-timeout S        drop a connection that takes longer than S seconds to\n"
    "                            send a request\'s headers (10)\n"
    "  --trusted-proxy ADDR      the reverse proxy (nginx) whose X-Forwarded-For gives\n"
    "                            the client address (default: none, the TCP peer)\n"
    "  --break-glass-seconds S   how long a break-the-glass grant lasts (86400)\n"
    "  --research-key FILE       key for research pseudonyms: 32+ random bytes kept\n"
    "                            outside the database (enables the research export)\n"
    "  --totp-key FILE           key sealing the TOTP secrets in the database: 32+\n"
    "                            random bytes kept outside it (docs/configuration.md)\n"
    "  --maintenance-interval S  how often expired sessions and unused browsers are\n"
    "                            removed and TOTP secrets stored as they are sealed (60)\n"
    "\n"
    "Every setting can also be given as KRING_<NAME> in the environment (for\n"
    "example KRING_SESSION_IDLE=900) or as name = value in the --config INI file.\n"
    "Flags win over the environment, which wins over the file.\n";

static const struct cli_opt serve_opts[] = {
    {"db", true, CFG_DB, NULL, NULL},
    {"listen", true, CFG_LISTEN, NULL, NULL},
    {"web-dir", true, CFG_WEB_DIR, NULL, NULL},
    {"require-totp", true, CFG_REQUIRE_TOTP, NULL, NULL},
    {"demo", false, CFG_DEMO, NULL, NULL},
    {"session-idle", true, CFG_SESSION_IDLE, NULL, NULL},
    {"session-max", true, CFG_SESSION_MAX, NULL, NULL},
    {"reauth-window", true, CFG_REAUTH_WINDOW, NULL, NULL},
    {"login-max-failures", true, CFG_LOGIN_MAX_FAILURES, NULL, NULL},
    {"login-max-failures-addr", true, CFG_LOGIN_MAX_FAILURES_ADDR, NULL, NULL},
    {"login-window", true, CFG_LOGIN_WINDOW, NULL, NULL},
    {"file-refusals-max", true, CFG_FILE_REFUSALS_MAX, NULL, NULL},
    {"file-refusals-window", true, CFG_FILE_REFUSALS_WINDOW, NULL, NULL},
    {"cookie-secure", true, CFG_COOKIE_SECURE, NULL, NULL},
    {"threads", true, CFG_THREADS, NULL, NULL},
    {"connection-timeout", true, CFG_CONNECTION_TIMEOUT, NULL, NULL},
    {"break-glass-seconds", true, CFG_BREAK_GLASS_SECONDS, NULL, NULL},
    {"research-key", true, CFG_RESEARCH_KEY, NULL, NULL},
    {"totp-key", true, CFG_TOTP_KEY, NULL, NULL},
    {"header-timeout", true, CFG_HEADER_TIMEOUT, NULL, NULL},
    {"trusted-proxy", true, CFG_TRUSTED_PROXY, NULL, NULL},
    {"maintenance-interval", true, CFG_MAINTENANCE_INTERVAL, NULL, NULL},
    {0},
};

/* Removes expired sessions and browsers unused for long, so that neither
 * table keeps what no longer counts. */
static void purge_expired(struct store *s, const struct config *cfg)
{
	struct store_conn *c = store_acquire(s);
	int64_t now = clock_now();
	if (store_session_purge(c, now - cfg->session_idle, now) != STORE_OK)
		log_line(LOG_WARN, "could not purge expired sessions", (const char *)NULL);
	if (api_login_devices_forget_unused(c, now) != STORE_OK)
		log_line(LOG_WARN, "could not forget unused browsers", (const char *)NULL);
	store_release(c);
}

/*
 * Blocks until SIGTERM or SIGINT, every maintenance-interval seconds (a
 * minute by default) purging what expired, sealing TOTP secrets stored as
 * they are and trimming the heap.
 */
static void wait_for_stop(const sigset_t *set, struct store *s, const struct config *cfg)
{
	struct timespec tick = {.tv_sec = cfg->maintenance_interval};
	for (;;) {
		int sig = sigtimedwait(set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT) {
			log_line(LOG_INFO, "stopping", "signal",
			         sig == SIGTERM ? "SIGTERM" : "SIGINT", (const char *)NULL);
			return;
		}
		purge_expired(s, cfg);
		/* an account made meanwhile by a command run without the key */
		totp_key_seal_stored(s);
		/* Hands memory the request threads freed back to the system; glibc
		 * keeps it per thread otherwise, and the peaks of many threads add up. */
		malloc_trim(0);
	}
}

/* Reads the research key file into the server; false (reason logged) when unusable. */
static bool load_research_key(const char *path, struct server *srv)
{
	unsigned char buf[SECRET_FILE_KEY_MAX];
	size_t n;
	enum secret_file_status st = secret_file_read_key(path, buf, &n);
	srv->has_research_key =
	    st == SECRET_FILE_OK && pseudonym_key_from(buf, n, srv->research_key) != 0;
	sodium_memzero(buf, sizeof(buf));
	secret_file_log_problem(st, "the research key", path);
	return srv->has_research_key;
}

static int serve(const struct config *cfg)
{
	sigset_t set;
	int rc = 1;
	struct server srv = {.cfg = cfg};
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* one connection per request thread, and one for the audit committer */
	srv.store = store_open(cfg->db, cfg->threads + 1);
	if (!srv.store || store_migrate(srv.store) < 0)
		goto done;
	if (cfg->totp_key && !totp_key_load(cfg->totp_key))
		goto done;
	srv.audit_group = audit_group_start(srv.store);
	if (!srv.audit_group)
		goto done;
	if (cfg->demo && !demo_seed(srv.store)) {
		log_line(LOG_ERROR, "could not create the demo data", (const char *)NULL);
		goto done;
	}
	if (!cfg->demo && demo_refuse_without_demo_mode(srv.store))
		goto done;
	purge_expired(srv.store, cfg);
	if (!totp_key_check_store(srv.store))
		goto done;
	if (cfg->research_key && !load_research_key(cfg->research_key, &srv))
		goto done;
	srv.files = static_files_load(cfg->web_dir);
	if (!srv.files)
		goto done;
	char files[24], threads[24];
	snprintf(files, sizeof(files), "%zu", static_files_count(srv.files));
	snprintf(threads, sizeof(threads), "%d", (int)cfg->threads);
	log_line(LOG_INFO, "starting", "store", store_engine_name(srv.store), "totp_required_for",
	         totp_policy_name(cfg->require_totp), "web_files", files, "threads", threads,
	         (const char *)NULL);
	if (!server_start(&srv))
		goto done;
	if (cfg->demo)
		demo_banner(srv.url);
	wait_for_stop(&set, srv.store, cfg);
	server_stop(&srv, SHUTDOWN_GRACE_SECONDS);
	rc = 0;
done:
	audit_group_free(srv.audit_group);
	static_files_free(srv.files);
	store_close(srv.store);
	sodium_memzero(srv.research_key, sizeof(srv.research_key));
	totp_key_forget();
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	struct cli_command c;
	int rc = cli_command_start(&c, argc, argv, serve_opts, serve_help, "serve", true);
	if (rc == CLI_GO)
		rc = serve(&c.cfg);
	cli_command_free(&c);
	return rc;
}
