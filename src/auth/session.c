#include "auth/session.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "domain/roles.h"
#include "http/http.h"
#include "util/clock.h"

enum store_status session_start(struct store_conn *c, const struct config *cfg, int64_t user_id,
                                const struct device *device, struct session_tokens *out)
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
	    .device_browser = device ? device->browser : NULL,
	    .device_os = device ? device->os : NULL,
	};
	return store_session_create(c, &s);
}

/*
 * How stale last_seen_at may get before a request writes it again: a
 * thirtieth of the idle limit, from 1 s up to 60 s. Writing it on every
 * request would make every read a write (each waiting for the disk and for
 * the write lock). A session can therefore end up to this much before its
 * idle limit, never after it.
 */
static int64_t touch_interval(const struct config *cfg)
{
	int64_t t = cfg->session_idle / 30;
	return t < 1 ? 1 : t > 60 ? 60 : t;
}

/*
 * Which session each slot last wrote last_seen_at for, and when. When a
 * session's last_seen_at goes stale, all requests of that session running
 * at that moment (64 from a busy client) would otherwise write it at once,
 * each waiting for the write lock. Only the first request of this process
 * in an interval writes; a collision of two sessions in a slot just means
 * one extra write.
 */
#define TOUCH_SLOTS 256
static struct {
	char hash[TOKEN_HASH_CHARS + 1];
	int64_t at;
} touched[TOUCH_SLOTS];
static pthread_mutex_t touched_lock = PTHREAD_MUTEX_INITIALIZER;

/* True when the caller should write last_seen_at now (and is recorded as doing so). */
static bool claim_touch(const char *hash, int64_t now, int64_t interval)
{
	char slot_hex[3] = {hash[0], hash[1], '\0'};
	size_t slot = (size_t)strtoul(slot_hex, NULL, 16) % TOUCH_SLOTS;
	bool claim;
	pthread_mutex_lock(&touched_lock);
	claim = strcmp(touched[slot].hash, hash) != 0 || now - touched[slot].at >= interval;
	if (claim) {
		memcpy(touched[slot].hash, hash, sizeof(touched[slot].hash));
		touched[slot].at = now;
	}
	pthread_mutex_unlock(&touched_lock);
	return claim;
}

enum session_result session_resolve(struct store_conn *c, struct arena *a, const struct config *cfg,
                                    const char *token, struct caller *who)
{
	char hash[TOKEN_HASH_CHARS + 1];
	struct store_session s;
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
	const struct store_user *u = &s.user;
	if (!u->status || strcmp(u->status, "active") != 0)
		return SESSION_UNKNOWN;
	int64_t interval = touch_interval(cfg);
	if (now - s.last_seen_at >= interval && claim_touch(hash, now, interval) &&
	    store_session_touch(c, hash, now) != STORE_OK)
		return SESSION_STORE_ERROR;
	*who = (struct caller){
	    .user_id = u->id,
	    .username = u->username,
	    .display_name = u->display_name,
	    .role = role_from_name(u->role),
	    .organisation_id = u->organisation_id,
	    .session_hash = s.token_hash,
	    .csrf_token = s.csrf_token,
	    .authenticated_at = s.authenticated_at,
	};
	return SESSION_OK;
}

enum store_status session_end(struct store_conn *c, const char *token_hash)
{
	return store_session_delete(c, token_hash);
}
