#include "audit/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "util/clock.h"
#include "util/text.h"

static void feed_text(crypto_generichash_state *st, const char *s)
{
	char len[24];
	if (!s) {
		crypto_generichash_update(st, (const unsigned char *)"~;", 2);
		return;
	}
	size_t n = strlen(s);
	int k = snprintf(len, sizeof(len), "%zu:", n);
	crypto_generichash_update(st, (const unsigned char *)len, (size_t)k);
	crypto_generichash_update(st, (const unsigned char *)s, n);
	crypto_generichash_update(st, (const unsigned char *)";", 1);
}

static void feed_id(crypto_generichash_state *st, int64_t v)
{
	char buf[24];
	if (!v) {
		feed_text(st, NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	feed_text(st, buf);
}

void audit_hash_row(const struct store_audit_row *r, char out[65])
{
	crypto_generichash_state st;
	unsigned char digest[32];
	crypto_generichash_init(&st, NULL, 0, sizeof(digest));
	feed_text(&st, "kring-audit-v1");
	feed_text(&st, r->prev_hash);
	feed_id(&st, r->id);
	feed_text(&st, r->at);
	feed_id(&st, r->user_id);
	feed_text(&st, r->username);
	feed_text(&st, r->role);
	feed_id(&st, r->responsible_user_id);
	feed_text(&st, r->action);
	feed_text(&st, r->object_type);
	feed_text(&st, r->object_id);
	feed_id(&st, r->youth_id);
	feed_text(&st, r->outcome);
	feed_text(&st, r->client_addr);
	feed_text(&st, r->reason);
	/* Added with the dossier; absent in older events, whose hashes stay valid. */
	if (r->basis)
		feed_text(&st, r->basis);
	crypto_generichash_final(&st, digest, sizeof(digest));
	hex_encode(digest, sizeof(digest), out);
}

enum store_status audit_chain_end(struct store_conn *c, struct arena *a, int64_t *last_id,
                                  const char **last_hash)
{
	enum store_status s = store_audit_last(c, a, last_id, last_hash);
	if (s == STORE_NOT_FOUND) {
		*last_id = 0;
		*last_hash = AUDIT_GENESIS_HASH;
		return STORE_OK;
	}
	return s;
}

enum store_status audit_insert_after(struct store_conn *c, struct arena *a,
                                     const struct audit_event *ev, int64_t *last_id,
                                     const char **last_hash)
{
	char at[25];
	char *hash = arena_alloc(a, 65);
	clock_format_iso_ms(clock_now_ms(), at);
	struct store_audit_row row = {
	    .id = *last_id + 1,
	    .at = at,
	    .user_id = ev->user_id,
	    .username = ev->username,
	    .role = ev->role,
	    .responsible_user_id = ev->responsible_user_id ? ev->responsible_user_id : ev->user_id,
	    .action = ev->action,
	    .object_type = ev->object_type,
	    .object_id = ev->object_id,
	    .youth_id = ev->youth_id,
	    .outcome = ev->outcome ? ev->outcome : "success",
	    .client_addr = ev->client_addr,
	    .reason = ev->reason,
	    .basis = ev->basis,
	    .prev_hash = *last_hash,
	    .hash = NULL,
	};
	audit_hash_row(&row, hash);
	row.hash = hash;
	enum store_status s = store_audit_insert(c, &row);
	if (s == STORE_OK) {
		*last_id = row.id;
		*last_hash = hash;
	}
	return s;
}

enum store_status audit_append_all_in_tx(struct store_conn *c, struct arena *a,
                                         const struct audit_event *events, size_t n)
{
	int64_t last_id;
	const char *last_hash;
	enum store_status s = audit_chain_end(c, a, &last_id, &last_hash);
	for (size_t i = 0; s == STORE_OK && i < n; i++)
		s = audit_insert_after(c, a, &events[i], &last_id, &last_hash);
	return s;
}

enum store_status audit_append_in_tx(struct store_conn *c, struct arena *a,
                                     const struct audit_event *ev)
{
	return audit_append_all_in_tx(c, a, ev, 1);
}

enum store_status audit_append(struct store_conn *c, struct arena *a, const struct audit_event *ev)
{
	enum store_status s = store_begin(c, true);
	if (s != STORE_OK)
		return s;
	s = audit_append_in_tx(c, a, ev);
	if (s == STORE_OK)
		return store_commit(c);
	store_rollback(c);
	return s;
}

struct verify_state {
	struct audit_verification *out;
	int64_t expect_id;
	int64_t mark_id;
	char prev_hash[65];
};

static bool verify_row(const struct store_audit_row *r, void *ctx)
{
	struct verify_state *vs = ctx;
	char hash[65];
	if (r->malformed) {
		vs->out->bad_id = r->id;
		vs->out->problem =
		    "an id column holds something other than a number: the event was "
		    "changed";
		return false;
	}
	if (r->id != vs->expect_id) {
		vs->out->bad_id = r->id;
		vs->out->problem = "ids are not contiguous: an event before it was removed";
		return false;
	}
	if (!r->prev_hash || strcmp(r->prev_hash, vs->prev_hash) != 0) {
		vs->out->bad_id = r->id;
		vs->out->problem = "link to the previous event is broken";
		return false;
	}
	audit_hash_row(r, hash);
	if (!r->hash || strcmp(r->hash, hash) != 0) {
		vs->out->bad_id = r->id;
		vs->out->problem = "content does not match its hash: the event was changed";
		return false;
	}
	memcpy(vs->prev_hash, hash, sizeof(hash));
	if (r->id == vs->mark_id)
		memcpy(vs->out->mark_hash, hash, sizeof(hash));
	vs->expect_id++;
	vs->out->events++;
	return true;
}

enum store_status audit_verify_marked(struct store_conn *c, int64_t mark_id,
                                      struct audit_verification *out)
{
	struct verify_state vs = {.out = out, .expect_id = 1, .mark_id = mark_id};
	memset(out, 0, sizeof(*out));
	memcpy(vs.prev_hash, AUDIT_GENESIS_HASH, sizeof(vs.prev_hash));
	enum store_status s = store_begin(c, false);
	if (s != STORE_OK)
		return s;
	s = store_audit_each(c, verify_row, &vs);
	store_rollback(c);
	memcpy(out->head_hash, vs.prev_hash, sizeof(out->head_hash));
	return s;
}

enum store_status audit_verify(struct store_conn *c, struct audit_verification *out)
{
	return audit_verify_marked(c, 0, out);
}
