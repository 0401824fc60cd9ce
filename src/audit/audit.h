#ifndef KRING_AUDIT_H
#define KRING_AUDIT_H

#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

/*
 * NEN 7513 audit trail. Each event is one row in an append-only table and
 * one link in a hash chain: hash = BLAKE2b-256(prev_hash || canonical bytes
 * of the event, id included). Changing, removing or inserting a row out of
 * band breaks the chain at that row, which audit_verify() reports.
 *
 * Events hold ids, never dossier content. `reason` is the purpose text a
 * user gave (break-the-glass) or a short fixed phrase from kring itself.
 */
struct audit_event {
	int64_t user_id; /* 0: nobody logged in */
	const char *username;
	const char *role;
	int64_t responsible_user_id; /* 0: same as user_id */
	const char *action;          /* login, login_failed, logout, create, read, ... */
	const char *object_type;
	const char *object_id;
	int64_t youth_id;
	const char *outcome; /* success | denied | error */
	const char *client_addr;
	const char *reason;
	const char *basis; /* relation that granted access to a dossier, or NULL */
};

#define AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Computes the chain hash of a row (row->prev_hash must be set) into out (hex). */
void audit_hash_row(const struct store_audit_row *row, char out[65]);

/*
 * Appends one event. The caller must hold a write transaction on `c`; the
 * event is durable when that transaction commits. Returns STORE_ERROR when
 * it cannot be stored: the caller must then not answer as if it succeeded.
 */
enum store_status audit_append_in_tx(struct store_conn *c, struct arena *a,
                                     const struct audit_event *ev);

/*
 * The end of the chain, read inside the caller's write transaction: the
 * last event's id and hash (0 and the genesis hash when there is none; the
 * hash lives in `a`). On PostgreSQL this also takes the chain's lock until
 * the transaction ends.
 */
enum store_status audit_chain_end(struct store_conn *c, struct arena *a, int64_t *last_id,
                                  const char **last_hash);

/*
 * Inserts ev after (*last_id, *last_hash), as read by audit_chain_end() in
 * the same transaction, and moves them on to the new event (its hash in
 * `a`). A run of events needs the end of the chain read only once.
 */
enum store_status audit_insert_after(struct store_conn *c, struct arena *a,
                                     const struct audit_event *ev, int64_t *last_id,
                                     const char **last_hash);

/*
 * Appends events[0..n) in this order, reading the end of the chain once
 * (the write transaction the caller holds keeps it from moving). Same
 * contract as audit_append_in_tx.
 */
enum store_status audit_append_all_in_tx(struct store_conn *c, struct arena *a,
                                         const struct audit_event *events, size_t n);

/* As audit_append_in_tx, in a write transaction of its own. */
enum store_status audit_append(struct store_conn *c, struct arena *a, const struct audit_event *ev);

struct audit_verification {
	int64_t events;      /* events checked */
	int64_t bad_id;      /* 0 when the chain is intact */
	const char *problem; /* static text, NULL when intact */
	char head_hash[65];  /* the last intact event's hash (the genesis hash when none) */
	char mark_hash[65];  /* audit_verify_marked: that event's hash, "" when not reached */
};

/* Walks the whole chain. STORE_OK with bad_id == 0 means intact. */
enum store_status audit_verify(struct store_conn *c, struct audit_verification *out);

/*
 * As audit_verify, and keeps the hash of event `mark_id` in out->mark_hash
 * (empty when the chain does not reach it). An operator who wrote down an
 * event's id and hash earlier can so tell that events up to it are still
 * there: deleting the newest events leaves an intact chain, but a shorter one.
 */
enum store_status audit_verify_marked(struct store_conn *c, int64_t mark_id,
                                      struct audit_verification *out);

#endif
