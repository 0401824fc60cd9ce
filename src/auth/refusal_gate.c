#include "auth/refusal_gate.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#define GATE_SLOTS 4096
#define GATE_PROBE 16

struct refusal_count {
	int64_t user_id; /* 0: free */
	int64_t window_start_ms;
	int count;
};

#define NEVER (INT64_MIN / 4)

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static struct refusal_count gate[GATE_SLOTS];
/* The newest refusal counted: while it is a window ago, no account is held
 * off and every request passes without taking the lock. */
static _Atomic int64_t last_note_ms = NEVER;

static size_t home_of(int64_t user_id)
{
	uint64_t h = (uint64_t)user_id * 11400714819323198485ULL;
	return (size_t)(h >> 52) % GATE_SLOTS;
}

static bool window_over(const struct refusal_count *c, int64_t now_ms, int window_s)
{
	return now_ms - c->window_start_ms >= (int64_t)window_s * 1000;
}

/* The account's count, or NULL when it has none in a running window. Caller holds the lock. */
static struct refusal_count *find(int64_t user_id, int64_t now_ms, int window_s)
{
	size_t home = home_of(user_id);
	for (size_t i = 0; i < GATE_PROBE; i++) {
		struct refusal_count *c = &gate[(home + i) % GATE_SLOTS];
		if (c->user_id == user_id)
			return window_over(c, now_ms, window_s) ? NULL : c;
	}
	return NULL;
}

/*
 * A place for a new window of `user_id`: its own old place, a free or
 * passed one, else the one with the fewest refusals. Caller holds the lock.
 */
static struct refusal_count *place_for(int64_t user_id, int64_t now_ms, int window_s)
{
	size_t home = home_of(user_id);
	struct refusal_count *fewest = NULL;
	for (size_t i = 0; i < GATE_PROBE; i++) {
		struct refusal_count *c = &gate[(home + i) % GATE_SLOTS];
		if (c->user_id == user_id || c->user_id == 0 || window_over(c, now_ms, window_s))
			return c;
		if (!fewest || c->count < fewest->count)
			fewest = c;
	}
	return fewest;
}

void refusal_gate_note(int64_t user_id, int64_t now_ms, int window_s)
{
	pthread_mutex_lock(&gate_lock);
	struct refusal_count *c = find(user_id, now_ms, window_s);
	if (!c) {
		c = place_for(user_id, now_ms, window_s);
		*c = (struct refusal_count){.user_id = user_id, .window_start_ms = now_ms};
	}
	if (c->count < INT32_MAX)
		c->count++;
	if (now_ms > atomic_load(&last_note_ms)) /* notes are taken in turn: the newest stays */
		atomic_store(&last_note_ms, now_ms);
	pthread_mutex_unlock(&gate_lock);
}

int refusal_gate_wait(int64_t user_id, int64_t now_ms, int max, int window_s)
{
	int wait = 0;
	if (now_ms - atomic_load(&last_note_ms) >= (int64_t)window_s * 1000)
		return 0;
	pthread_mutex_lock(&gate_lock);
	const struct refusal_count *c = find(user_id, now_ms, window_s);
	if (c && c->count >= max) {
		int64_t left_ms = c->window_start_ms + (int64_t)window_s * 1000 - now_ms;
		wait = (int)((left_ms + 999) / 1000);
		if (wait < 1)
			wait = 1;
	}
	pthread_mutex_unlock(&gate_lock);
	return wait;
}

void refusal_gate_reset(void)
{
	pthread_mutex_lock(&gate_lock);
	memset(gate, 0, sizeof(gate));
	atomic_store(&last_note_ms, NEVER);
	pthread_mutex_unlock(&gate_lock);
}
