#ifndef KRING_SESSION_H
#define KRING_SESSION_H

#include <stdint.h>

#include "auth/token.h"
#include "cli/config.h"
#include "domain/device.h"
#include "store/store.h"
#include "util/arena.h"

struct caller;

enum session_result {
	SESSION_OK,
	SESSION_UNKNOWN, /* no such token, or the user is no longer active */
	SESSION_EXPIRED, /* idle or absolute limit passed; the row is removed */
	SESSION_STORE_ERROR,
};

struct session_tokens {
	char token[TOKEN_CHARS + 1];
	char csrf_token[TOKEN_CHARS + 1];
	int64_t expires_at; /* absolute limit, epoch seconds */
};

/*
 * Starts a session for user_id: stores only the hash of the new token, and
 * the coarse device it is used on (NULL: not known) for the user's list of
 * sessions. Must run inside the caller's write transaction.
 */
enum store_status session_start(struct store_conn *c, const struct config *cfg, int64_t user_id,
                                const struct device *device, struct session_tokens *out);

/*
 * Looks up the session for a token, applies the idle and absolute limits,
 * refreshes its last-seen time, and fills `who` (strings from arena `a`).
 */
enum session_result session_resolve(struct store_conn *c, struct arena *a, const struct config *cfg,
                                    const char *token, struct caller *who);

/* Ends the session with this token hash. */
enum store_status session_end(struct store_conn *c, const char *token_hash);

#endif
