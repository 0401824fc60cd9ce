#ifndef KRING_API_LOGIN_DEVICE_H
#define KRING_API_LOGIN_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct request;

/*
 * The browsers an account logged in from (docs/SECURITY.md G14): after a
 * successful login the browser keeps a random token in the HttpOnly cookie
 * `kring_device` (path /api/v1/session, 180 days); the database keeps its
 * hash. A later login that shows it is judged by that browser's failures
 * instead of the username's (login_limit.h), so someone who fails on
 * purpose with a username cannot lock its owner out of their own browser.
 */

/* A browser the account logged in from before, as a login request shows it. */
struct login_device {
	int64_t id;        /* 0: none (no cookie, not that account's, forgotten) */
	const char *token; /* its well-formed token from the cookie, when id > 0 */
};

/*
 * The browser the request's `kring_device` cookie names, when the account
 * `username` logged in from it within the last 180 days, into *device.
 * False on a database error, answered.
 */
bool api_login_device(struct request *r, const char *username, struct login_device *device);

/*
 * After a successful login of `user_id` within the write transaction: marks
 * `device` (as api_login_device() found it, its id 0 when none or no longer
 * trusted) as used now, or, for a new browser, stores a new token's hash;
 * either way the answer sets the `kring_device` cookie (r->device_cookie),
 * so that a browser keeps its token for 180 days after its last login; the
 * account's browsers unused for 180 days are forgotten, and so are all but
 * its 20 last used (an API client that logs in without the cookie makes a
 * new one each time). False on a database error, answered.
 */
bool api_login_device_remember(struct request *r, int64_t user_id,
                               const struct login_device *device);

/*
 * Forgets every browser of `user_id` (logging out everywhere else, a new
 * password, the account ended). False on a database error, answered.
 */
bool api_login_devices_forget(struct request *r, int64_t user_id);

/*
 * Forgets, on connection `c` outside any transaction, every browser not used
 * to log in for 180 days at `now`: its token no longer counts (the cookie has
 * expired too), so the row would only keep that someone once logged in from
 * it. The server calls it at its start and every maintenance-interval. STORE_OK or the
 * store's error.
 */
enum store_status api_login_devices_forget_unused(struct store_conn *c, int64_t now);

#endif
