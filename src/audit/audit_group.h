#ifndef KRING_AUDIT_GROUP_H
#define KRING_AUDIT_GROUP_H

/*
 * Group commit of audit events. The audit events of reads (and of refused
 * or failed requests) need a transaction of their own, and each such
 * transaction waits for the disk. One committer thread instead takes every
 * event waiting at that moment, appends them to the chain in one write
 * transaction and commits once, then tells each caller through its
 * callback; a server answers only then, so an answer still goes out only
 * after its events are durable, and no thread waits for the disk meanwhile
 * (kring serve suspends the connection). While the disk works on one
 * batch, the next one gathers.
 *
 * Events that belong to a change are not for this: they go into the
 * change's own transaction (audit_append_in_tx).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "store/store.h"

struct audit_group;

/*
 * Starts the committer thread. It takes one connection from `store` for
 * its lifetime, so the pool needs one more than the request threads. NULL
 * (with a reason on stderr) when the thread cannot start.
 */
struct audit_group *audit_group_start(struct store *store);

/*
 * Commits what is queued and stops the thread; every callback has run when
 * it returns. Later submissions are refused at once (STORE_ERROR). A second
 * call does nothing; NULL is fine.
 */
void audit_group_stop(struct audit_group *g);

/*
 * The transactions the committer has committed and the events in them, so
 * far (events / commits is the average group). Zeros for NULL.
 */
void audit_group_counts(struct audit_group *g, uint64_t *commits, uint64_t *events);

/* Stops g if it runs and frees it. NULL is fine. */
void audit_group_free(struct audit_group *g);

/*
 * Called on the committer thread when a submitted batch of events is
 * committed (STORE_OK) or could not be stored. After it returns the ticket
 * is no longer touched, so it may free the memory the ticket lives in.
 */
typedef void (*audit_group_done)(void *arg, enum store_status status);

/* A caller's place in the queue; the caller owns its memory. */
struct audit_ticket {
	const struct audit_event *events;
	size_t n;
	enum store_status status;
	audit_group_done on_done;
	void *arg;
	struct audit_ticket *next;
};

/*
 * Queues events[0..n) to be appended durably, in this order and without
 * others between them, and returns at once; `on_done(arg, status)` follows
 * on the committer thread (or at once, with STORE_ERROR, when the group is
 * stopping). The ticket, the events and the strings they point to must stay
 * valid until then. This lets a server answer a request after its commit
 * without a thread waiting for the disk.
 */
void audit_group_submit(struct audit_group *g, struct audit_ticket *t,
                        const struct audit_event *events, size_t n, audit_group_done on_done,
                        void *arg);

#endif
