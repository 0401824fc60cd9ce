#ifndef KRING_API_LOGIN_LIMIT_H
#define KRING_API_LOGIN_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct request;
struct store_user;

/*
 * Before a password is checked: true, with 429 too_many_attempts answered
 * (Retry-After set, the audit event made a "login_failed" of reason "locked
 * out"), when r->audit.username or the client address had too many failed
 * checks within the configured window. Claims the request's place at the
 * login gate first (once per request; a retried run keeps it; released when
 * the answer has gone), so attempts running at the same moment count too.
 * A refused check must then be audited as action "login_failed" to count.
 *
 * `device` is the id of a browser the account logged in from before
 * (api_login_device() in login_device.h), or 0. Such a browser is not held
 * back by the username's failures, which anyone who knows the username can
 * cause (docs/SECURITY.md G14), but by its own and its attempts in flight:
 * while they are fewer than the username's limit, the audit event is made
 * the browser's (object type "login_device") so that a failure counts for
 * it, and *device stays; once they are as many, *device becomes 0 and the
 * username's limit holds for it. The client address's limit holds for
 * every login; a lockout by it is not counted for the browser.
 */
bool api_login_locked_out(struct request *r, int64_t *device);

/*
 * The signed-in caller's own password, checked like a login: a session left
 * open on a shared computer is not enough for what asks it again. The
 * username's lockout comes first (429, api_login_locked_out()); a wrong
 * password is answered 422 on `field` with `message` and audited as a
 * "login_failed" of `reason`, denied, so that guessing it here counts toward
 * the same lockout as at the login. True when the password is right, with
 * *u read from the store into r's arena; false when the request is answered.
 */
bool api_own_password_right(struct request *r, const char *password, const char *field,
                            const char *message, const char *reason, struct store_user *u);

#endif
