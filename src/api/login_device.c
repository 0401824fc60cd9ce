/* The browsers an account logged in from, for a lockout that others cannot hold. */
#include <stdint.h>

#include "api/api.h"
#include "api/login_device.h"
#include "auth/token.h"
#include "store/store_query.h"
#include "util/clock.h"

#define DEVICE_KEEP_SECS (180 * 24 * 3600)

bool api_login_device(struct request *r, const char *username, struct login_device *device)
{
	const char *token = http_cookie(r, http_device_cookie_name(r));
	*device = (struct login_device){0};
	if (!token || !token_well_formed(token))
		return true;
	char hash[TOKEN_HASH_CHARS + 1];
	token_hash(token, hash);
	json_t *row = NULL;
	enum store_status s = store_row(
	    r->conn, SQ_LOGIN_DEVICE_FIND,
	    STORE_ARGS(SA_TEXT(hash), SA_TEXT(username), SA_INT(clock_now() - DEVICE_KEEP_SECS)),
	    &row);
	if (s == STORE_NOT_FOUND)
		return true;
	if (s != STORE_OK) {
		http_store_error(r, s);
		return false;
	}
	int64_t id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	if (id > 0)
		*device = (struct login_device){.id = id, .token = token};
	return true;
}

/* Sets the cookie that hands `token` to the browser for 180 days from now. */
static void set_device_cookie(struct request *r, const char *token)
{
	r->device_cookie = http_cookie_line(r, http_device_cookie_name(r), token, "/api/v1/session",
	                                    DEVICE_KEEP_SECS);
}

static bool remember_new(struct request *r, int64_t user_id, int64_t now)
{
	char token[TOKEN_CHARS + 1], hash[TOKEN_HASH_CHARS + 1];
	token_new(token);
	token_hash(token, hash);
	if (store_run(r->conn, SQ_LOGIN_DEVICE_PRUNE,
	              STORE_ARGS(SA_INT(user_id), SA_INT(now - DEVICE_KEEP_SECS)), NULL,
	              NULL) != STORE_OK ||
	    store_run(r->conn, SQ_LOGIN_DEVICE_ADD,
	              STORE_ARGS(SA_INT(user_id), SA_TEXT(hash), SA_INT(now)), NULL,
	              NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	set_device_cookie(r, token);
	return true;
}

bool api_login_device_remember(struct request *r, int64_t user_id,
                               const struct login_device *device)
{
	int64_t now = clock_now();
	if (!device->id)
		return remember_new(r, user_id, now);
	if (store_run(r->conn, SQ_LOGIN_DEVICE_TOUCH, STORE_ARGS(SA_INT(device->id), SA_INT(now)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	set_device_cookie(r, device->token);
	return true;
}

bool api_login_devices_forget(struct request *r, int64_t user_id)
{
	if (store_run(r->conn, SQ_LOGIN_DEVICES_FORGET, STORE_ARGS(SA_INT(user_id)), NULL, NULL) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	return true;
}

enum store_status api_login_devices_forget_unused(struct store_conn *c, int64_t now)
{
	return store_run(c, SQ_LOGIN_DEVICES_UNUSED, STORE_ARGS(SA_INT(now - DEVICE_KEEP_SECS)),
	                 NULL, NULL);
}
