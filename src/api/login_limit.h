#ifndef KRING_API_LOGIN_LIMIT_H
#define KRING_API_LOGIN_LIMIT_H

#include <stdbool.h>

struct request;

/*
 * Before a password is checked: true, with 429 too_many_attempts answered
 * (Retry-After set, the audit event made a "login_failed" of reason "locked
 * out"), when r->audit.username or the client address had too many failed
 * checks within the configured window. Claims the request's place at the
 * login gate first (once per request; a retried run keeps it; released when
 * the answer has gone), so attempts running at the same moment count too.
 * A refused check must then be audited as action "login_failed" to count.
 */
bool api_login_locked_out(struct request *r);

#endif
