#include "store/sqlite_busy.h"

#include <pthread.h>
#include <time.h>

#include "util/clock.h"

#define BUSY_GIVE_UP_MS 10000
#define BUSY_POLL_NS    1000000L

static pthread_mutex_t ended_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ended = PTHREAD_COND_INITIALIZER;
static uint64_t ended_count; /* transactions ended in this process, under ended_lock */

/* Sleeps until the next announced end of a transaction, or at most 1 ms. */
static void wait_for_an_end(void)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until); /* the clock of a default condition variable */
	until.tv_nsec += BUSY_POLL_NS;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&ended_lock);
	uint64_t seen = ended_count;
	while (ended_count == seen)
		if (pthread_cond_timedwait(&ended, &ended_lock, &until) != 0)
			break;
	pthread_mutex_unlock(&ended_lock);
}

/* SQLite's busy handler: non-zero to try again, 0 to give up (SQLITE_BUSY). */
static int on_busy(void *arg, int attempts)
{
	struct sqlite_busy *b = arg;
	int64_t now = clock_monotonic_us() / 1000;
	if (attempts == 0)
		b->since_ms = now;
	else if (now - b->since_ms >= BUSY_GIVE_UP_MS)
		return 0;
	wait_for_an_end();
	return 1;
}

void sqlite_busy_install(sqlite3 *db, struct sqlite_busy *b)
{
	sqlite3_busy_handler(db, on_busy, b);
}

void sqlite_busy_announce(void)
{
	pthread_mutex_lock(&ended_lock);
	ended_count++;
	pthread_cond_broadcast(&ended);
	pthread_mutex_unlock(&ended_lock);
}
