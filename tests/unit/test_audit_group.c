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
		if (audit_group_append(w->g, ev, EVENTS_PER_CALL) != STORE_OK)
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
	audit_group_stop(g);
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
	audit_group_stop(audit_group_start(s));
	audit_group_stop(NULL);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(concurrent_appends_form_one_chain),
	    cmocka_unit_test(stop_idle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
