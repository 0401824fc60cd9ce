/* The limit on failed password checks: logging in, changing a password, confirming it. */
#include "api/api.h"
#include "api/login_limit.h"
#include "auth/login_gate.h"
#include "auth/password.h"
#include "store/store_query.h"
#include "util/clock.h"

static int seconds_until(const char *oldest_iso, int window)
{
	int64_t oldest_ms;
	if (!oldest_iso || !clock_parse_iso_ms(oldest_iso, &oldest_ms))
		return window;
	int64_t wait = (oldest_ms + (int64_t)window * 1000 - clock_now_ms() + 999) / 1000;
	return wait < 1 ? 1 : (int)wait;
}

/*
 * Whether the browser `device` had fewer failed logins than the limit since
 * `since`, counting its `in_flight` other attempts as failures; if so the
 * request's audit event becomes the browser's, so that its failure counts
 * for it. False with the request answered on a database error.
 */
static bool device_trusted(struct request *r, int64_t device, int in_flight, const char *since,
                           bool *trusted)
{
	json_t *row = NULL;
	const char *id = api_id_text(r, device);
	*trusted = false;
	enum store_status s = store_row(r->conn, SQ_LOGIN_DEVICE_FAILURES,
	                                STORE_ARGS(SA_TEXT(id), SA_TEXT(since)), &row);
	if (s != STORE_OK) {
		json_decref(row);
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return false;
	}
	*trusted = json_integer_value(json_object_get(row, "n")) + in_flight <
	           r->srv->cfg->login_max_failures;
	json_decref(row);
	if (*trusted) {
		r->audit.object_type = "login_device";
		r->audit.object_id = id;
	}
	return true;
}

/*
 * Answers 429 and returns true when the username (unless the login comes
 * from a trusted browser of the account) or address had too many failures,
 * counting the attempts in flight beside this one (login_gate.h) as
 * failures: each may still become one.
 */
static bool over_limit(struct request *r, const struct login_claim *claim, int64_t *device)
{
	const struct config *cfg = r->srv->cfg;
	char since[25];
	int64_t by_user = 0, by_addr = 0;
	const char *oldest_user = NULL, *oldest_addr = NULL;
	clock_format_iso_ms(clock_now_ms() - (int64_t)cfg->login_window * 1000, since);
	int others_user, others_addr, others_device;
	login_gate_others(claim, &others_user, &others_addr, &others_device);
	bool trusted = false;
	if (*device > 0 && !device_trusted(r, *device, others_device, since, &trusted))
		return true;
	if (!trusted)
		*device = 0;
	enum store_status s =
	    store_audit_login_failures(r->conn, r->audit.username, r->client_addr, since, &by_user,
	                               &by_addr, &oldest_user, &oldest_addr, &r->arena);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return true;
	}
	by_user += others_user;
	by_addr += others_addr;
	int wait = 0;
	if (!trusted && by_user >= cfg->login_max_failures)
		wait = seconds_until(oldest_user, cfg->login_window);
	if (r->client_addr && by_addr >= cfg->login_max_failures_addr) {
		int w = seconds_until(oldest_addr, cfg->login_window);
		wait = w > wait ? w : wait;
	}
	if (!wait)
		return false;
	http_error(r, 429, "too_many_attempts",
	           "too many failed attempts; wait before trying again", NULL);
	r->retry_after = wait;
	r->audit.action = "login_failed";
	r->audit.reason = "locked out";
	/* Not the browser's: someone sharing its address must not use up its own tries. */
	r->audit.object_type = "user";
	r->audit.object_id = NULL;
	return true;
}

bool api_login_locked_out(struct request *r, int64_t *device)
{
	struct login_claim *claim = r->finish_arg; /* a retried run keeps its claim */
	if (!r->finish) {
		claim = arena_alloc(&r->arena, sizeof(*claim));
		login_gate_claim(claim, r->audit.username, r->client_addr, *device);
		r->finish = login_gate_release;
		r->finish_arg = claim;
	}
	return over_limit(r, claim, device);
}

bool api_own_password_right(struct request *r, const char *password, const char *field,
                            const char *message, const char *reason, struct store_user *u)
{
	int64_t no_device = 0; /* a signed-in caller: the username's limit holds */
	r->audit.client_addr = r->client_addr;
	if (api_login_locked_out(r, &no_device))
		return false;
	if (store_user_by_id(r->conn, &r->arena, r->caller.user_id, u) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	if (!password_verify(u->password_hash, password)) {
		http_validation_error(r, field, message);
		r->refused = true; /* as a wrong password at the login: audited as denied */
		r->audit.action = "login_failed";
		r->audit.reason = reason;
		return false;
	}
	return true;
}
