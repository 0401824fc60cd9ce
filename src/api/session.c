/*
 * Logging in (POST /api/v1/session), giving the password again before a
 * sensitive action (POST /api/v1/session/reauth), and logging out: here
 * (DELETE /api/v1/session) or elsewhere, on every other device or on one of
 * the list of one's sessions.
 */
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/input.h"
#include "api/login_device.h"
#include "api/login_limit.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/totp.h"
#include "auth/totp_key.h"
#include "domain/account_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/text.h"

#define AUDIT_USERNAME_MAX 64

/* The attempted username as it may appear in the audit trail. */
static const char *audit_username(struct request *r, const char *username)
{
	size_t n = strlen(username);
	if (n <= AUDIT_USERNAME_MAX)
		return username;
	while (n > AUDIT_USERNAME_MAX || ((unsigned char)username[n] & 0xC0) == 0x80)
		n--;
	return arena_strndup(&r->arena, username, n);
}

static void refuse(struct request *r, const char *code, const char *message, const char *reason,
                   bool counts_as_failure)
{
	http_error(r, 401, code, message, NULL);
	r->audit.reason = reason;
	if (counts_as_failure)
		r->audit.action = "login_failed";
}

static const char *session_cookie(struct request *r, const char *token, int max_age)
{
	return http_cookie_line(r, http_session_cookie_name(r), token, "/", max_age);
}

/* Accepts each TOTP time step once per user (a replayed code is refused). */
static bool claim_totp_step(struct request *r, int64_t user_id, int64_t step)
{
	int64_t changed = 0;
	enum store_status s = store_run(r->conn, SQ_TOTP_STEP_CLAIM,
	                                STORE_ARGS(SA_INT(user_id), SA_INT(step)), NULL, &changed);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return false;
	}
	return changed == 1;
}

/*
 * Starts the session of a login that passed and answers 201. `weak` is the
 * verdict's name (account_password_verdict_name: "too_short", "username",
 * "guessable", …) when the password used would be refused if it were set now
 * (one set before kring judged it), NULL when it passes: the answer's
 * `password_weak` and `password_weak_reason` tell the web app to ask for a
 * new one, and why; the login itself goes on.
 */
static void start_session(struct request *r, const struct store_user *u, int64_t totp_step,
                          const struct login_device *device, const char *weak)
{
	struct session_tokens t;
	char expires[21];
	if (!http_begin_write(r))
		return;
	if (totp_step && !claim_totp_step(r, u->id, totp_step)) {
		if (!r->status) {
			store_rollback(r->conn);
			refuse(r, "invalid_totp",
			       "this code was already used; wait for the next one",
			       "totp code replayed", true);
		}
		return;
	}
	/* Only the browser and OS family are kept: never the User-Agent itself. */
	struct device coarse = device_from_user_agent(http_header(r, "User-Agent"));
	enum store_status s = session_start(r->conn, r->srv->cfg, u->id, &coarse, &t);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	if (!api_login_device_remember(r, u->id, device))
		return;
	clock_format_iso(t.expires_at, expires);
	r->cookie = session_cookie(r, t.token, r->srv->cfg->session_max);
	/* s*: the reason's key only when there is one */
	json_t *body =
	    json_pack("{s:s, s:s, s:s, s:b, s:s*, s:{s:I, s:s, s:s, s:s}}", "token", t.token,
	              "csrf_token", t.csrf_token, "expires_at", expires, "password_weak",
	              weak != NULL, "password_weak_reason", weak, "user", "id", (json_int_t)u->id,
	              "username", u->username, "display_name", u->display_name, "role", u->role);
	http_reply(r, 201, body);
}

const struct input_field api_session_body[] = {
    {.name = "username", .type = INPUT_STRING, .required = true},
    {.name = "password", .type = INPUT_STRING, .required = true},
    {.name = "totp",
     .type = INPUT_STRING,
     .description = "the code from the authenticator app, when the account needs one"},
    {0},
};

enum totp_check { TOTP_CODE_OK, TOTP_CODE_WRONG, TOTP_CODE_UNAVAILABLE };

/*
 * Whether `code` is the account's TOTP code now (*step its time step). On
 * TOTP_CODE_UNAVAILABLE the answer is set: 503 totp_unavailable, the stored
 * secret is sealed and this process has no key that opens it (a kring
 * started without the TOTP key, or with another: auth/totp_key.h). The
 * caller answers a wrong code.
 */
static enum totp_check totp_code_check(struct request *r, const struct store_user *u,
                                       const char *code, int64_t *step)
{
	char secret[TOTP_SECRET_CHARS + 1];
	if (u->totp_secret &&
	    totp_secret_open(u->totp_secret, u->username, secret) != TOTP_OPEN_OK) {
		log_line(LOG_ERROR,
		         "a TOTP secret cannot be opened: start kring with the TOTP key it was "
		         "sealed with",
		         (const char *)NULL);
		http_error(r, 503, "totp_unavailable",
		           "logging in with a code is not possible now; ask the administrator",
		           NULL);
		return TOTP_CODE_UNAVAILABLE;
	}
	bool ok = totp_check_step(u->totp_secret ? secret : NULL, code, clock_now(), step);
	sodium_memzero(secret, sizeof(secret));
	return ok ? TOTP_CODE_OK : TOTP_CODE_WRONG;
}

/* As totp_code_check(), answering a wrong code as a failed login (invalid_totp). */
static bool check_totp_code(struct request *r, const struct store_user *u, const char *code,
                            int64_t *step)
{
	enum totp_check c = totp_code_check(r, u, code, step);
	if (c == TOTP_CODE_WRONG)
		refuse(r, "invalid_totp", "the code is wrong or too old", "wrong totp code", true);
	return c == TOTP_CODE_OK;
}

void api_session_create(struct request *r)
{
	if (!input_need_body(r))
		return;
	const char *username = input_string(r, "username", true, NULL);
	if (!username)
		return;
	const char *password = input_string(r, "password", true, NULL);
	if (!password)
		return;
	const char *code = input_string(r, "totp", false, NULL);
	if (r->status)
		return;
	/* on the account: its id is the object id once it is known */
	r->audit = (struct audit_event){.action = "login",
	                                .object_type = "user",
	                                .client_addr = r->client_addr,
	                                .username = audit_username(r, username)};
	struct login_device device;
	if (!api_login_device(r, username, &device) || api_login_locked_out(r, &device.id))
		return;
	struct store_user u;
	enum store_status s = store_user_by_username(r->conn, &r->arena, username, &u);
	if (s == STORE_ERROR) {
		http_store_error(r, s);
		return;
	}
	bool known = s == STORE_OK && u.status && strcmp(u.status, "active") == 0;
	bool ended = s == STORE_OK && u.status && strcmp(u.status, "disabled") == 0;
	if (!password_verify(known || ended ? u.password_hash : NULL, password)) {
		refuse(r, "invalid_credentials", "wrong username or password",
		       known ? "wrong password" : "unknown or inactive account", true);
		return;
	}
	/* Only to whoever knows the password: the account was ended (a JIM who
	 * stopped), rather than "wrong password", so they know whom to ask. */
	if (ended) {
		refuse(r, "account_disabled", "this account has been ended", "account ended", true);
		return;
	}
	int64_t totp_step = 0;
	r->audit.user_id = u.id;
	r->audit.role = u.role;
	if (role_needs_totp(role_from_name(u.role), r->srv->cfg->require_totp)) {
		if (!code || !*code) {
			refuse(r, "totp_required", "enter the code from your authenticator app",
			       "second factor required", false);
			return;
		}
		if (!check_totp_code(r, &u, code, &totp_step))
			return;
	}
	r->audit.object_type = "user";
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)u.id);
	start_session(
	    r, &u, totp_step, &device,
	    account_password_verdict_name(account_judge_password(password, u.username).verdict));
}

const struct input_field api_session_reauth_body[] = {
    {.name = "password", .type = INPUT_STRING, .required = true},
    {.name = "totp",
     .type = INPUT_STRING,
     .description = "the code from the authenticator app, when the account logs in with one"},
    {0},
};

/*
 * A wrong password or code given to confirm: 422 on its field (the session
 * goes on), counted as a failed login of the account (audited as denied),
 * so that whoever holds someone else's session meets the same lockout as at
 * the login when guessing the password.
 */
static void reauth_refused(struct request *r, const char *field, const char *message,
                           const char *reason)
{
	http_validation_error(r, field, message);
	r->refused = true;
	r->audit.action = "login_failed";
	r->audit.reason = reason;
}

/* Whether the account gave the right code when its login needs one; when not, answered. */
static bool reauth_code_right(struct request *r, const struct store_user *u, const char *code,
                              int64_t *step)
{
	*step = 0;
	if (!role_needs_totp(role_from_name(u->role), r->srv->cfg->require_totp))
		return true;
	if (!code || !*code) {
		http_validation_error(r, "totp", "enter the code from your authenticator app");
		r->audit.reason = "second factor required";
		return false;
	}
	enum totp_check c = totp_code_check(r, u, code, step);
	if (c == TOTP_CODE_WRONG)
		reauth_refused(r, "totp", "the code is wrong or too old", "wrong totp code");
	return c == TOTP_CODE_OK;
}

/*
 * POST /api/v1/session/reauth: the signed-in user gives their password
 * again, and the code when their login needs one (ASVS 3.7.1). The routes
 * that ask for it (route.recent_login in routes.c: breaking the glass,
 * accounts and team membership, closing a request, the audit and research
 * exports) then go on for reauth-window seconds: 204. A wrong password or
 * code: 422 (reauth_refused()), 429 too_many_attempts once the account is
 * locked out; a missing code: 422 on "totp", not counted. A code is taken
 * once, as at the login. 401 when the session ended meanwhile.
 */
void api_session_reauth(struct request *r)
{
	struct store_user u;
	int64_t step;
	if (!input_need_body(r))
		return;
	const char *password = input_string(r, "password", true, NULL);
	const char *code = password ? input_string(r, "totp", false, NULL) : NULL;
	if (r->status)
		return;
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)r->caller.user_id);
	if (!api_own_password_right(r, password, "password", "this is not your password",
	                            "wrong password", &u))
		return;
	if (!reauth_code_right(r, &u, code, &step) || !http_begin_write(r))
		return;
	if (step && !claim_totp_step(r, u.id, step)) {
		if (!r->status) {
			store_rollback(r->conn);
			reauth_refused(r, "totp",
			               "this code was already used; wait for the next one",
			               "totp code replayed");
		}
		return;
	}
	int64_t changed = 0;
	if (store_run(r->conn, SQ_SESSION_REAUTHENTICATED,
	              STORE_ARGS(SA_TEXT(r->caller.session_hash), SA_INT(clock_now())), NULL,
	              &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) { /* the session ended meanwhile (logged out elsewhere) */
		store_rollback(r->conn);
		http_error(r, 401, "not_authenticated", "log in first", NULL);
		return;
	}
	http_reply(r, 204, NULL);
}

void api_session_delete(struct request *r)
{
	if (!http_begin_write(r))
		return;
	enum store_status s = session_end(r->conn, r->caller.session_hash);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	r->cookie = session_cookie(r, "", 0);
	http_reply(r, 204, NULL);
}

/*
 * DELETE /api/v1/me/sessions: logs the caller out everywhere else (a phone
 * lost while logged in); this session goes on. The calendar link ends too:
 * a lost phone's calendar would go on showing the meetings, and every browser
 * the account logged in from is forgotten (login_device.h): a lost phone no
 * longer passes a lockout of the username. 200 {"ended": n}.
 * Audited on the object type "user" (routes.c) with the caller's user id:
 * "session" is for a session's number (DELETE /api/v1/me/sessions/{id}).
 */
void api_my_sessions_end_others(struct request *r)
{
	int64_t ended = 0;
	if (!http_begin_write(r))
		return;
	if (store_run(r->conn, SQ_USER_OTHER_SESSIONS_END,
	              STORE_ARGS(SA_INT(r->caller.user_id), SA_TEXT(r->caller.session_hash)), NULL,
	              &ended) != STORE_OK ||
	    store_run(r->conn, SQ_FEED_DELETE, STORE_ARGS(SA_INT(r->caller.user_id)), NULL, NULL) !=
	        STORE_OK ||
	    !api_login_devices_forget(r, r->caller.user_id)) {
		if (!r->status)
			http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, r->caller.user_id);
	http_reply(r, 200, json_pack("{s:I}", "ended", (json_int_t)ended));
}

/*
 * GET /api/v1/me/sessions: where the caller is logged in (ASVS 3.3.4): the
 * live sessions of their account, this one first and then by last use,
 * each with its number (not its token), when it began and was last used,
 * and the coarse device it began on (browser and OS family, null when not
 * known); `current` marks this one, whose last use is now. `calendar_link`
 * says since when the account has a calendar link (null: none), which also
 * shows meetings elsewhere. Nobody else's sessions are ever listed.
 * Audited on the object type "user" with the caller's user id.
 */
void api_my_sessions_list(struct request *r)
{
	json_t *items = NULL;
	json_t *feed = NULL;
	int64_t now = clock_now();
	enum store_status s =
	    store_rows(r->conn, SQ_MY_SESSIONS,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_TEXT(r->caller.session_hash),
	                          SA_INT(now), SA_INT(r->srv->cfg->session_idle)),
	               &items);
	if (s == STORE_OK) {
		s = store_row(r->conn, SQ_FEED_OF_USER, STORE_ARGS(SA_INT(r->caller.user_id)),
		              &feed);
		if (s == STORE_NOT_FOUND)
			s = STORE_OK;
	}
	if (s != STORE_OK) {
		json_decref(items);
		json_decref(feed);
		http_store_error(r, s);
		return;
	}
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row)
	{
		bool current = json_is_true(json_object_get(row, "current"));
		if (current)
			json_object_set_new(row, "last_seen_at", json_integer(now));
		api_iso_time(row, "created_at");
		api_iso_time(row, "last_seen_at");
	}
	r->audit.object_id = api_id_text(r, r->caller.user_id);
	http_reply(
	    r, 200,
	    json_pack("{s:o, s:o}", "items", items, "calendar_link",
	              feed ? json_pack("{s:O}", "created_at", json_object_get(feed, "created_at"))
	                   : json_null()));
	json_decref(feed);
}

/*
 * DELETE /api/v1/me/sessions/{id}: logs the caller out on one other device
 * of the list above. 204. Only a live session of the caller's own account:
 * another account's session is 404 like a number that is no session at all
 * (so nothing about it shows), and is audited as denied. This session is
 * 409 current_session: logging out here is DELETE /api/v1/session, which
 * also clears the cookie.
 */
void api_my_session_end(struct request *r)
{
	int64_t id = 0;
	json_t *row = NULL;
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "no such session", NULL);
		return;
	}
	if (!http_begin_write(r))
		return;
	int64_t now = clock_now();
	enum store_status s = store_row(r->conn, SQ_MY_SESSION_FIND,
	                                STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id),
	                                           SA_TEXT(r->caller.session_hash), SA_INT(now),
	                                           SA_INT(r->srv->cfg->session_idle)),
	                                &row);
	if (s != STORE_OK && s != STORE_NOT_FOUND) {
		http_store_error(r, s);
		return;
	}
	bool own = s == STORE_OK && json_is_true(json_object_get(row, "mine"));
	bool current = own && json_is_true(json_object_get(row, "current"));
	json_decref(row);
	if (!own) {
		http_error(r, 404, "not_found", "no such session", NULL);
		r->refused = s == STORE_OK; /* someone else's: audited as denied */
		r->audit.reason = s == STORE_OK ? "another account's session" : NULL;
		return;
	}
	if (current) {
		http_error(
		    r, 409, "current_session",
		    "this is the session of this request; log out with DELETE /api/v1/session",
		    NULL);
		return;
	}
	if (store_run(r->conn, SQ_MY_SESSION_END, STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 204, NULL);
}
