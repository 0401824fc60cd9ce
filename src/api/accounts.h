#ifndef KRING_ACCOUNTS_H
#define KRING_ACCOUNTS_H

#include <stdint.h>

#include "http/http.h"
#include "store/store.h"

/*
 * Creating invited accounts, shared by the admin's user screen, the young
 * person's own login and the JIM's activation. Both must run inside the
 * request's write transaction and answer (409 username_taken, 503) and
 * return false/NULL on failure.
 */
bool api_create_invited_user(struct request *r, const char *username, const char *display_name,
                             const char *role, int64_t organisation_id, int64_t *user_id);

/* A new one-time invitation for user_id: {"token","expires_at"} (new reference). */
json_t *api_new_invitation(struct request *r, int64_t user_id);

/* The user object with its invitation, as POST /api/v1/users answers it. */
json_t *api_invited_user_json(struct request *r, int64_t user_id);

/*
 * A new start for an account whose password or second factor is lost, or
 * that was ended: the password and TOTP secret go, every session, older
 * invitation and calendar link ends, and the user with a new one-time
 * invitation is answered (201), as for a new account. Inside the request's
 * write transaction; on failure it answers 503.
 */
void api_reinvite(struct request *r, int64_t user_id);

/*
 * The account in the path, as the admin may know it: 404 for an unknown id
 * and for a young person's own account, which the list of users leaves out
 * (its name would tell the admin who is in care; such an account is the one
 * a dossier links to, and only those have the role youth). The young
 * person's account is a refusal, audited as denied; an id that is no account
 * at all is not. Sets the audit event's object id. False answered.
 */
bool api_path_account(struct request *r, int64_t *id, struct store_user *u);

#endif
