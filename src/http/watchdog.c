#include "http/watchdog.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "util/clock.h"
#include "util/text.h"

#define TICK_MS       250
#define BODY_TIMEOUTS 3 /* a body may take three header timeouts (30 s by default) */

struct tracked {
	struct tracked *prev, *next;
	int fd;
	int64_t deadline_ms; /* 0: no deadline (a request is being handled) */
};

struct watchdog {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool stopping;
	int header_ms;
	struct tracked head; /* circular list */
};

/* Shuts down every socket past its deadline; called with the lock held. */
static void sweep(struct watchdog *w)
{
	int64_t now = clock_monotonic_us() / 1000;
	for (struct tracked *t = w->head.next; t != &w->head; t = t->next) {
		if (t->deadline_ms && now > t->deadline_ms) {
			shutdown(t->fd, SHUT_RDWR);
			t->deadline_ms = 0; /* once is enough; libmicrohttpd closes it */
		}
	}
}

static void *run(void *arg)
{
	struct watchdog *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&w->wake, &w->lock, &until);
		sweep(w);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct watchdog *watchdog_start(int header_seconds)
{
	struct watchdog *w = calloc(1, sizeof(*w));
	if (!w)
		fatal("out of memory");
	w->header_ms = header_seconds * 1000;
	w->head.next = w->head.prev = &w->head;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		free(w);
		return NULL;
	}
	return w;
}

void watchdog_stop(struct watchdog *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	while (w->head.next != &w->head) {
		struct tracked *t = w->head.next;
		w->head.next = t->next;
		free(t);
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w);
}

void *watchdog_track(struct watchdog *w, int fd)
{
	struct tracked *t = calloc(1, sizeof(*t));
	if (!t)
		fatal("out of memory");
	t->fd = fd;
	pthread_mutex_lock(&w->lock);
	t->deadline_ms = clock_monotonic_us() / 1000 + w->header_ms;
	t->next = w->head.next;
	t->prev = &w->head;
	w->head.next->prev = t;
	w->head.next = t;
	pthread_mutex_unlock(&w->lock);
	return t;
}

/* Sets a connection's deadline to `ms` from now, or none when ms is 0. */
static void set_deadline(struct watchdog *w, void *handle, int ms)
{
	struct tracked *t = handle;
	if (!t)
		return;
	pthread_mutex_lock(&w->lock);
	t->deadline_ms = ms ? clock_monotonic_us() / 1000 + ms : 0;
	pthread_mutex_unlock(&w->lock);
}

void watchdog_headers_done(struct watchdog *w, void *handle)
{
	set_deadline(w, handle, w->header_ms * BODY_TIMEOUTS);
}

void watchdog_body_done(struct watchdog *w, void *handle)
{
	set_deadline(w, handle, 0);
}

void watchdog_request_done(struct watchdog *w, void *handle)
{
	set_deadline(w, handle, w->header_ms);
}

void watchdog_forget(struct watchdog *w, void *handle)
{
	struct tracked *t = handle;
	if (!t)
		return;
	pthread_mutex_lock(&w->lock);
	t->prev->next = t->next;
	t->next->prev = t->prev;
	pthread_mutex_unlock(&w->lock);
	free(t);
}
