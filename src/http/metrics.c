#include "http/metrics.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit/audit_group.h"
#include "http/router.h"
#include "store/store_query.h"
#include "util/buffer.h"

/* The statuses kring answers with; anything else is counted as "other". */
static const int known_status[] = {200, 201, 204, 400, 401, 403, 404, 405,
                                   409, 413, 415, 422, 429, 500, 503};
#define STATUS_SLOTS (sizeof(known_status) / sizeof(known_status[0]) + 1)

/* Upper bounds of the latency buckets, in seconds (+Inf is implied). */
static const double bucket_le[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                   0.1,    0.25,  0.5,    1,     2.5,  5};
#define BUCKETS (sizeof(bucket_le) / sizeof(bucket_le[0]) + 1)

struct metrics {
	size_t routes;              /* rows: the routing table, then static files, then unrouted */
	_Atomic uint64_t *requests; /* [routes + 2][STATUS_SLOTS] */
	_Atomic uint64_t buckets[BUCKETS];
	_Atomic uint64_t duration_us, count, store_errors;
};

struct metrics *metrics_new(size_t routes)
{
	struct metrics *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->routes = routes;
	m->requests = calloc((routes + 2) * STATUS_SLOTS, sizeof(*m->requests));
	if (!m->requests) {
		free(m);
		return NULL;
	}
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	free(m->requests);
	free(m);
}

static size_t status_slot(int status)
{
	for (size_t i = 0; i + 1 < STATUS_SLOTS; i++)
		if (known_status[i] == status)
			return i;
	return STATUS_SLOTS - 1;
}

static size_t route_row(const struct metrics *m, size_t route)
{
	if (route == METRICS_STATIC)
		return m->routes;
	if (route == METRICS_UNROUTED || route >= m->routes)
		return m->routes + 1;
	return route;
}

void metrics_record(struct metrics *m, size_t route, int status, double seconds)
{
	if (!m)
		return;
	atomic_fetch_add_explicit(
	    &m->requests[route_row(m, route) * STATUS_SLOTS + status_slot(status)], 1,
	    memory_order_relaxed);
	size_t b = 0;
	while (b + 1 < BUCKETS && seconds > bucket_le[b])
		b++;
	atomic_fetch_add_explicit(&m->buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->duration_us, (uint64_t)(seconds * 1e6), memory_order_relaxed);
	atomic_fetch_add_explicit(&m->count, 1, memory_order_relaxed);
}

void metrics_store_error(struct metrics *m)
{
	if (m)
		atomic_fetch_add_explicit(&m->store_errors, 1, memory_order_relaxed);
}

struct text {
	char *data;
	size_t len, cap;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct text *t, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		buffer_append(&t->data, &t->len, &t->cap, buf,
		              (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void render_requests(struct metrics *m, struct text *t)
{
	put(t, "# HELP kring_http_requests_total Answers by route pattern, method and status.\n"
	       "# TYPE kring_http_requests_total counter\n");
	for (size_t row = 0; row < m->routes + 2; row++) {
		const char *method = row < m->routes ? kring_routes[row].method : "GET";
		const char *pattern = row < m->routes    ? kring_routes[row].pattern
		                      : row == m->routes ? "(static)"
		                                         : "(unrouted)";
		for (size_t s = 0; s < STATUS_SLOTS; s++) {
			uint64_t n = atomic_load_explicit(&m->requests[row * STATUS_SLOTS + s],
			                                  memory_order_relaxed);
			if (!n)
				continue;
			char status[8];
			if (s + 1 < STATUS_SLOTS)
				snprintf(status, sizeof(status), "%d", known_status[s]);
			else
				snprintf(status, sizeof(status), "other");
			put(t,
			    "kring_http_requests_total{route=\"%s\",method=\"%s\",status=\"%s\"} "
			    "%llu\n",
			    pattern, row < m->routes ? method : "any", status,
			    (unsigned long long)n);
		}
	}
}

static void render_latency(struct metrics *m, struct text *t)
{
	uint64_t cumulative = 0;
	put(t, "# HELP kring_http_request_duration_seconds Time from a request's first byte to its "
	       "answer.\n# TYPE kring_http_request_duration_seconds histogram\n");
	for (size_t b = 0; b < BUCKETS; b++) {
		cumulative += atomic_load_explicit(&m->buckets[b], memory_order_relaxed);
		if (b + 1 < BUCKETS)
			put(t, "kring_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			    bucket_le[b], (unsigned long long)cumulative);
		else
			put(t, "kring_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			    (unsigned long long)cumulative);
	}
	put(t, "kring_http_request_duration_seconds_sum %.6f\n",
	    (double)atomic_load_explicit(&m->duration_us, memory_order_relaxed) / 1e6);
	put(t, "kring_http_request_duration_seconds_count %llu\n", (unsigned long long)cumulative);
}

/* One gauge from a named query's "n" column; left out when the store cannot say. */
static void render_gauge(struct text *t, struct store_conn *c, enum store_query q, const char *name,
                         const char *type, const char *help)
{
	json_t *row = NULL;
	if (c && store_row(c, q, NULL, 0, &row) == STORE_OK)
		put(t, "# HELP %s %s\n# TYPE %s %s\n%s %lld\n", name, help, name, type, name,
		    (long long)json_integer_value(json_object_get(row, "n")));
	json_decref(row);
}

/* The group committer's transactions and events: their ratio is the average group. */
static void render_group(struct text *t, struct audit_group *group)
{
	uint64_t commits, events;
	if (!group)
		return;
	audit_group_counts(group, &commits, &events);
	put(t,
	    "# HELP kring_audit_group_commits_total Transactions of the audit group committer.\n"
	    "# TYPE kring_audit_group_commits_total counter\nkring_audit_group_commits_total %llu\n"
	    "# HELP kring_audit_group_events_total Audit events committed in those transactions.\n"
	    "# TYPE kring_audit_group_events_total counter\nkring_audit_group_events_total %llu\n",
	    (unsigned long long)commits, (unsigned long long)events);
}

char *metrics_render(struct metrics *m, struct store_conn *c, struct audit_group *group,
                     size_t *len)
{
	struct text t = {0};
	render_requests(m, &t);
	render_latency(m, &t);
	put(&t,
	    "# HELP kring_store_errors_total Answers that failed because the database did (503).\n"
	    "# TYPE kring_store_errors_total counter\nkring_store_errors_total %llu\n",
	    (unsigned long long)atomic_load_explicit(&m->store_errors, memory_order_relaxed));
	render_gauge(&t, c, SQ_METRICS_AUDIT_EVENTS, "kring_audit_events_total", "counter",
	             "Audit events written (the length of the hash chain).");
	render_gauge(&t, c, SQ_METRICS_OPEN_ALERTS, "kring_open_alerts", "gauge",
	             "JIM alerts not yet acknowledged.");
	render_group(&t, group);
	*len = t.len;
	return t.data;
}
