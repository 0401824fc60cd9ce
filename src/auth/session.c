#include "auth/session.h"

#include <string.h>

#include "domain/roles.h"
#include "http/http.h"
#include "util/clock.h"

enum store_status session_start(struct store_conn *c, const struct config *cfg, int64_t user_id,
                                struct session_tokens *out)
{
	char hash[TOKEN_HASH_CHARS + 1];
	int64_t now = clock_now();
	token_new(out->token);
	token_new(out->csrf_token);
	token_hash(out->token, hash);
	out->expires_at = now + cfg->session_max;
	struct store_session s = {
	    .token_hash = hash,
	    .user_id = user_id,
	    .csrf_token = out->csrf_token,
	    .created_at = now,
	    .last_seen_at = now,
	    .expires_at = out->expires_at,
	};
	return store_session_create(c, &s);
}

enum session_result session_resolve(struct store_conn *c, struct arena *a, const struct config *cfg,
                                    const char *token, struct caller *who)
{
	char hash[TOKEN_HASH_CHARS + 1];
	struct store_session s;
	struct store_user u;
	if (!token_well_formed(token))
		return SESSION_UNKNOWN;
	token_hash(token, hash);
	enum store_status st = store_session_get(c, a, hash, &s);
	if (st == STORE_NOT_FOUND)
		return SESSION_UNKNOWN;
	if (st != STORE_OK)
		return SESSION_STORE_ERROR;
	int64_t now = clock_now();
	if (now >= s.expires_at || now - s.last_seen_at >= cfg->session_idle) {
		if (store_session_delete(c, hash) != STORE_OK)
			return SESSION_STORE_ERROR;
		return SESSION_EXPIRED;
	}
	st = store_user_by_id(c, a, s.user_id, &u);
	if (st == STORE_NOT_FOUND ||
	    (st == STORE_OK && (!u.status || strcmp(u.status, "active") != 0)))
		return SESSION_UNKNOWN;
	if (st != STORE_OK)
		return SESSION_STORE_ERROR;
	if (now > s.last_seen_at && store_session_touch(c, hash, now) != STORE_OK)
		return SESSION_STORE_ERROR;
	*who = (struct caller){
	    .user_id = u.id,
	    .username = u.username,
	    .display_name = u.display_name,
	    .role = role_from_name(u.role),
	    .organisation_id = u.organisation_id,
	    .session_hash = s.token_hash,
	    .csrf_token = s.csrf_token,
	};
	return SESSION_OK;
}

enum store_status session_end(struct store_conn *c, const char *token_hash)
{
	return store_session_delete(c, token_hash);
}
