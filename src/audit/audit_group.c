#include "audit/audit_group.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/log.h"

struct audit_group {
	struct store *store;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work; /* signalled when a ticket is queued or on stop */
	struct audit_ticket *head, *tail;
	bool stopping;
	bool stopped; /* the thread is joined (only the stopping thread reads it) */
	atomic_uint_fast64_t commits, events; /* committed so far, for the metrics */
};

/* Appends the events of the tickets from `first` on, in one transaction. */
static enum store_status commit_batch(struct store_conn *c, struct arena *a,
                                      struct audit_ticket *first, bool one_only)
{
	enum store_status st = store_begin(c, true);
	int64_t last_id;
	const char *last_hash;
	if (st == STORE_OK)
		st = audit_chain_end(c, a, &last_id, &last_hash);
	for (struct audit_ticket *t = first; st == STORE_OK && t; t = one_only ? NULL : t->next)
		for (size_t i = 0; st == STORE_OK && i < t->n; i++)
			st = audit_insert_after(c, a, &t->events[i], &last_id, &last_hash);
	if (st == STORE_OK)
		return store_commit(c);
	store_rollback(c);
	return st;
}

/* Gives back a connection that failed and takes another (a PostgreSQL pool resets a broken one). */
static void replace_connection(struct audit_group *g, struct store_conn **c)
{
	store_release(*c);
	*c = store_acquire(g->store);
}

/* Counts a committed transaction: the events of `first`, and of those after it unless one_only. */
static void count_commit(struct audit_group *g, const struct audit_ticket *first, bool one_only)
{
	uint64_t n = 0;
	for (const struct audit_ticket *t = first; t; t = one_only ? NULL : t->next)
		n += t->n;
	atomic_fetch_add_explicit(&g->commits, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&g->events, n, memory_order_relaxed);
}

/*
 * Commits a batch and sets each ticket's status. When the whole batch fails,
 * each ticket is tried on its own, so that events the store refuses do not
 * fail the others.
 */
static void commit_tickets(struct audit_group *g, struct store_conn **c, struct audit_ticket *batch)
{
	struct arena a;
	arena_init(&a);
	enum store_status st = commit_batch(*c, &a, batch, false);
	if (st != STORE_OK)
		replace_connection(g, c);
	else
		count_commit(g, batch, false);
	for (struct audit_ticket *t = batch; t; t = t->next)
		t->status = st;
	for (struct audit_ticket *t = batch; st != STORE_OK && batch->next && t; t = t->next) {
		t->status = commit_batch(*c, &a, t, true);
		if (t->status != STORE_OK)
			replace_connection(g, c);
		else
			count_commit(g, t, true);
	}
	arena_free(&a);
}

/*
 * Tells each ticket's owner, outside the lock (the callbacks call into the
 * HTTP library). A ticket belongs to its owner again once told, so `next`
 * is read first.
 */
static void finish_tickets(struct audit_ticket *batch)
{
	for (struct audit_ticket *t = batch, *next; t; t = next) {
		next = t->next;
		t->on_done(t->arg, t->status);
	}
}

static void *committer(void *arg)
{
	struct audit_group *g = arg;
	pthread_setname_np(pthread_self(), "kring-audit"); /* for top -H and perf */
	struct store_conn *c = store_acquire(g->store);
	pthread_mutex_lock(&g->lock);
	for (;;) {
		while (!g->head && !g->stopping)
			pthread_cond_wait(&g->work, &g->lock);
		if (!g->head)
			break;
		struct audit_ticket *batch = g->head;
		g->head = g->tail = NULL;
		pthread_mutex_unlock(&g->lock);
		commit_tickets(g, &c, batch);
		finish_tickets(batch);
		pthread_mutex_lock(&g->lock);
	}
	pthread_mutex_unlock(&g->lock);
	store_release(c);
	return NULL;
}

struct audit_group *audit_group_start(struct store *store)
{
	struct audit_group *g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->store = store;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->work, NULL);
	if (pthread_create(&g->thread, NULL, committer, g) != 0) {
		log_line(LOG_ERROR, "cannot start the audit committer thread", (const char *)NULL);
		pthread_cond_destroy(&g->work);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return NULL;
	}
	return g;
}

void audit_group_stop(struct audit_group *g)
{
	if (!g || g->stopped)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = true;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	g->stopped = true;
}

void audit_group_counts(struct audit_group *g, uint64_t *commits, uint64_t *events)
{
	*commits = g ? atomic_load_explicit(&g->commits, memory_order_relaxed) : 0;
	*events = g ? atomic_load_explicit(&g->events, memory_order_relaxed) : 0;
}

void audit_group_free(struct audit_group *g)
{
	if (!g)
		return;
	audit_group_stop(g);
	pthread_cond_destroy(&g->work);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

/* Puts t at the end of the queue; false when the group is stopping. Called with the lock held. */
static bool enqueue_locked(struct audit_group *g, struct audit_ticket *t)
{
	if (g->stopping)
		return false;
	if (g->tail)
		g->tail->next = t;
	else
		g->head = t;
	g->tail = t;
	pthread_cond_signal(&g->work);
	return true;
}

void audit_group_submit(struct audit_group *g, struct audit_ticket *t,
                        const struct audit_event *events, size_t n, audit_group_done on_done,
                        void *arg)
{
	*t = (struct audit_ticket){.events = events, .n = n, .on_done = on_done, .arg = arg};
	pthread_mutex_lock(&g->lock);
	bool queued = enqueue_locked(g, t);
	pthread_mutex_unlock(&g->lock);
	if (!queued)
		on_done(arg, STORE_ERROR);
}
