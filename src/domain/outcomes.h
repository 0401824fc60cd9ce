#ifndef KRING_OUTCOMES_H
#define KRING_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/dates.h"

/*
 * The pure parts of the outcome figures: which living situations are a
 * placement, follow-up and time to placement, placement days, medians and
 * the share of spending on the costliest 5%.
 */

/* Whether a living situation is an out-of-home placement. */
bool outcome_is_placement(const char *living, bool network_is_home);

struct trajectory {
	struct date started;
	struct date end; /* close date, or today while open */
	bool has_placement;
	struct date placement; /* the first placement on or after the start */
};

/* Time in days and whether it is a placement (else censored). False: not usable. */
bool outcome_follow_up(const struct trajectory *t, int *days, bool *placed);

/* One living-situation change in a history, oldest first. */
struct living_change {
	struct date on;
	bool placement;
};

/* Days in placement between started and end from a history (oldest first). */
int outcome_placement_days(const struct living_change *h, size_t n, struct date started,
                           struct date end);

/* Median of values (sorted in place); 0 for n = 0. */
double outcome_median(int *values, size_t n);

/* Share of the total of `costs` held by the costliest ceil(5%) (sorted in place). */
double outcome_top5_share(double *costs, size_t n);

#endif
