#ifndef KRING_SURVIVAL_H
#define KRING_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Kaplan–Meier estimation of placement-free survival, without I/O.
 *
 * Each observation is a time in days and whether it ended in the event (a
 * placement) or was censored. At a time with both events and censorings,
 * the censored are counted at risk for the events (the usual convention).
 * The variance is Greenwood's; the 95% interval uses the log-log transform,
 * S^exp(±1.96·σ/|ln S|), which keeps it inside [0, 1].
 */
struct survival_obs {
	int time;
	bool event;
};

struct survival_point {
	int time;
	int at_risk;
	int events;
	int censored;
	double estimate;
	double ci_low;
	double ci_high;
};

/*
 * Computes the curve: one point for every distinct time, in order. Sorts
 * `obs` in place. Writes at most `max` points and returns how many the
 * curve has (the caller sizes `out` with n, the most there can be).
 */
size_t survival_km(struct survival_obs *obs, size_t n, struct survival_point *out, size_t max);

/*
 * The estimate at `day`: the point in force then (the last with time ≤
 * day; S = 1 before any), and the number still at risk at that day.
 * Returns false when nobody was followed up to `day`.
 */
bool survival_at(const struct survival_point *curve, size_t points, const struct survival_obs *obs,
                 size_t n, int day, struct survival_point *out);

#endif
