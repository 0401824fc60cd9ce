#ifndef KRING_METRICS_H
#define KRING_METRICS_H

/*
 * The operator's figures for GET /metrics, in the Prometheus text format
 * (version 0.0.4): requests by route pattern, method and status, a latency
 * histogram, answers that failed for the store, and, read from the database
 * at each scrape, the audit events written and the open alerts. Counters are
 * atomics, so recording never blocks a request. No label holds anything a
 * caller sent except the route pattern kring matched.
 */

#include <stddef.h>

#include "store/store.h"

struct metrics;
struct route;

/* New zeroed counters for `routes` routes; NULL when out of memory. */
struct metrics *metrics_new(size_t routes);
void metrics_free(struct metrics *m);

/*
 * Counts one answer: route is the index in the routing table, or
 * METRICS_STATIC / METRICS_UNROUTED; seconds from first byte to answer.
 */
#define METRICS_STATIC   ((size_t)-1)
#define METRICS_UNROUTED ((size_t)-2)
void metrics_record(struct metrics *m, size_t route, int status, double seconds);

/* Counts an answer that failed because the store did (a 503). */
void metrics_store_error(struct metrics *m);

/*
 * The text of a scrape: the counters and the database gauges read on `c`
 * (a gauge the store cannot read is left out), and the group committer's
 * counters when there is one. The caller frees it.
 */
struct audit_group;

char *metrics_render(struct metrics *m, struct store_conn *c, struct audit_group *group,
                     size_t *len);

#endif
