/* PUT /api/v1/me/password: a signed-in user changes their own password. */
#include <sodium.h>
#include <string.h>

#include "api/api.h"
#include "api/input.h"
#include "api/login_device.h"
#include "api/login_limit.h"
#include "auth/password.h"
#include "domain/account_rules.h"
#include "store/store_query.h"

const struct input_field api_my_password_body[] = {
    {.name = "current_password", .type = INPUT_STRING, .required = true},
    {.name = "new_password",
     .type = INPUT_STRING,
     .required = true,
     .description = "at least 12 characters, at most 1024 bytes of UTF-8, not the username, "
                    "not easy to guess (zxcvbn: at least 2^30 guesses), not the current "
                    "password"},
    {0},
};

/*
 * The current password must be given (a session left open on a shared
 * computer is not enough to take the account over). A wrong one counts as a
 * failed login of the account, audited as denied, so guessing it here meets
 * the same lockout (429) and shows among the refusals. On success every
 * other session of the account ends, and so does its calendar link (a
 * phone that was lost may hold both), and every browser it logged in from is
 * forgotten (login_device.h); this one goes on: 204. 409
 * account_changed when the account was ended or invited again meanwhile.
 */
void api_my_password(struct request *r)
{
	char hash[PASSWORD_HASH_BYTES];
	struct store_user u;
	if (!input_need_body(r))
		return;
	const char *current = input_string(r, "current_password", true, NULL);
	const char *fresh = current ? input_string(r, "new_password", true, NULL) : NULL;
	if (!fresh)
		return;
	if (!api_own_password_right(r, current, "current_password",
	                            "this is not your current password", "wrong current password",
	                            &u))
		return;
	const char *problem = account_check_password(fresh, u.username);
	if (!problem && strcmp(fresh, current) == 0)
		problem = "must differ from the current password";
	if (problem) {
		http_validation_error(r, "new_password", problem);
		return;
	}
	if (!password_hash(fresh, hash)) {
		http_error(r, 500, "internal_error", "could not store the password", NULL);
		return;
	}
	int64_t changed = 0;
	bool stored = http_begin_write(r) && store_run(r->conn, SQ_USER_SET_PASSWORD,
	                                               STORE_ARGS(SA_INT(u.id), SA_TEXT(hash)),
	                                               NULL, &changed) == STORE_OK;
	sodium_memzero(hash, sizeof(hash));
	if (stored && !changed) { /* ended or invited again meanwhile: nothing changed */
		http_error(r, 409, "account_changed", "this account was ended or invited again",
		           NULL);
		return;
	}
	stored =
	    stored &&
	    store_run(r->conn, SQ_USER_OTHER_SESSIONS_END,
	              STORE_ARGS(SA_INT(u.id), SA_TEXT(r->caller.session_hash)), NULL,
	              NULL) == STORE_OK &&
	    store_run(r->conn, SQ_FEED_DELETE, STORE_ARGS(SA_INT(u.id)), NULL, NULL) == STORE_OK &&
	    api_login_devices_forget(r, u.id);
	if (!stored) {
		if (!r->status)
			http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, u.id);
	http_reply(r, 204, NULL);
}
