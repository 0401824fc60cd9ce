#include "unit.h"

#include <pthread.h>

#include "audit/audit.h"
#include "audit/audit_group.h"

#define THREADS         8
#define TICKETS         40
#define EVENTS_PER_CALL 3

struct worker {
	struct audit_group *g;
	int id;
	int failures;
};

/* A callback's report, for a caller that waits for it like a suspended connection. */
struct callback_wait {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool called;
	enum store_status status;
};

static void on_committed(void *arg, enum store_status status)
{
	struct callback_wait *w = arg;
	pthread_mutex_lock(&w->lock);
	w->called = true;
	w->status = status;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* Submits with a callback and waits for it; the ticket and events stay valid until then. */
static enum store_status submit_and_wait(struct audit_group *g, const struct audit_event *ev,
                                         size_t n)
{
	struct callback_wait w = {.lock = PTHREAD_MUTEX_INITIALIZER,
	                          .cond = PTHREAD_COND_INITIALIZER};
	struct audit_ticket t;
	audit_group_submit(g, &t, ev, n, on_committed, &w);
	pthread_mutex_lock(&w.lock);
	while (!w.called)
		pthread_cond_wait(&w.cond, &w.lock);
	pthread_mutex_unlock(&w.lock);
	return w.status;
}

/* Each call appends three events tagged "w<thread>-<call>" that must stay together. */
static void *append_many(void *arg)
{
	struct worker *w = arg;
	for (int k = 0; k < TICKETS; k++) {
		char tag[32];
		snprintf(tag, sizeof(tag), "w%d-%d", w->id, k);
		struct audit_event ev[EVENTS_PER_CALL];
		for (int i = 0; i < EVENTS_PER_CALL; i++)
			ev[i] = (struct audit_event){.user_id = w->id + 1,
			                             .username = "tester",
			                             .role = "professional",
			                             .action = "read",
			                             .object_type = "youth",
			                             .object_id = tag,
			                             .youth_id = i + 1,
			                             .outcome = "success"};
		if (submit_and_wait(w->g, ev, EVENTS_PER_CALL) != STORE_OK)
			w->failures++;
	}
	return NULL;
}

struct order_check {
	char current[32];
	int run, runs, events;
	bool broken;
};

/* Events of one call are consecutive, with youth ids 1, 2, 3 in order. */
static bool check_order(const struct store_audit_row *row, void *ctx)
{
	struct order_check *o = ctx;
	if (!row->object_id || row->object_id[0] != 'w')
		return true;
	o->events++;
	if (strcmp(row->object_id, o->current) != 0) {
		if (o->run != 0 && o->run != EVENTS_PER_CALL)
			o->broken = true;
		snprintf(o->current, sizeof(o->current), "%s", row->object_id);
		o->run = 0;
		o->runs++;
	}
	if (row->youth_id != ++o->run)
		o->broken = true;
	return true;
}

/*
 * Eight threads append 40 calls of three events each through one committer:
 * every call returns committed, the events of a call stay together and in
 * order, and the chain verifies.
 */
static void concurrent_appends_form_one_chain(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	store_close(s);
	s = store_open(path, THREADS + 1);
	assert_non_null(s);
	struct audit_group *g = audit_group_start(s);
	assert_non_null(g);
	pthread_t threads[THREADS];
	struct worker workers[THREADS];
	for (int i = 0; i < THREADS; i++) {
		workers[i] = (struct worker){.g = g, .id = i};
		assert_int_equal(pthread_create(&threads[i], NULL, append_many, &workers[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(threads[i], NULL);
		assert_int_equal(workers[i].failures, 0);
	}
	audit_group_free(g);
	struct store_conn *c = store_acquire(s);
	struct audit_verification v;
	assert_int_equal(audit_verify(c, &v), STORE_OK);
	assert_int_equal(v.bad_id, 0);
	struct order_check o = {0};
	assert_int_equal(store_audit_each(c, check_order, &o), STORE_OK);
	assert_int_equal(o.events, THREADS * TICKETS * EVENTS_PER_CALL);
	assert_int_equal(o.runs, THREADS * TICKETS);
	assert_false(o.broken);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

/* Stopping with nothing queued returns at once; stopping NULL is fine. */
static void stop_idle(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	audit_group_free(audit_group_start(s));
	audit_group_free(NULL);
	store_close(s);
	unit_remove_db(path);
}

/* A submission after stop is refused at once, through its callback, and stores nothing. */
static void submit_after_stop_is_refused(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct audit_group *g = audit_group_start(s);
	assert_non_null(g);
	audit_group_stop(g);
	audit_group_stop(g);
	struct audit_event ev = {.user_id = 1,
	                         .username = "tester",
	                         .role = "professional",
	                         .action = "read",
	                         .object_type = "youth",
	                         .object_id = "w-late",
	                         .youth_id = 1,
	                         .outcome = "success"};
	struct callback_wait w = {.lock = PTHREAD_MUTEX_INITIALIZER,
	                          .cond = PTHREAD_COND_INITIALIZER};
	struct audit_ticket t;
	audit_group_submit(g, &t, &ev, 1, on_committed, &w);
	assert_true(w.called);
	assert_int_equal(w.status, STORE_ERROR);
	audit_group_free(g);
	struct store_conn *c = store_acquire(s);
	struct order_check o = {0};
	assert_int_equal(store_audit_each(c, check_order, &o), STORE_OK);
	assert_int_equal(o.events, 0);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(concurrent_appends_form_one_chain),
	    cmocka_unit_test(stop_idle),
	    cmocka_unit_test(submit_after_stop_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
