#include "domain/survival.h"

#include <math.h>
#include <stdlib.h>

#define Z95 1.96 /* as published, and as the docs state */

static int by_time(const void *a, const void *b)
{
	const struct survival_obs *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return (int)y->event - (int)x->event; /* events first at a tie */
}

static void interval(double s, double greenwood, double *lo, double *hi)
{
	if (s <= 0.0 || s >= 1.0 || !isfinite(greenwood)) {
		*lo = *hi = s;
		return;
	}
	double sigma = sqrt(greenwood) / fabs(log(s));
	*lo = pow(s, exp(Z95 * sigma));
	*hi = pow(s, exp(-Z95 * sigma));
}

size_t survival_km(struct survival_obs *obs, size_t n, struct survival_point *out, size_t max)
{
	double s = 1.0, greenwood = 0.0;
	size_t points = 0, i = 0;
	if (n)
		qsort(obs, n, sizeof(*obs), by_time);
	while (i < n) {
		int t = obs[i].time, d = 0, c = 0;
		int at_risk = (int)(n - i);
		for (; i < n && obs[i].time == t; i++) {
			if (obs[i].event)
				d++;
			else
				c++;
		}
		if (d > 0) {
			s *= 1.0 - (double)d / at_risk;
			greenwood +=
			    at_risk > d ? (double)d / ((double)at_risk * (at_risk - d)) : INFINITY;
		}
		if (points < max) {
			struct survival_point *p = &out[points];
			p->time = t;
			p->at_risk = at_risk;
			p->events = d;
			p->censored = c;
			p->estimate = s;
			interval(s, greenwood, &p->ci_low, &p->ci_high);
		}
		points++;
	}
	return points;
}

bool survival_at(const struct survival_point *curve, size_t points, const struct survival_obs *obs,
                 size_t n, int day, struct survival_point *out)
{
	int at_risk = 0;
	for (size_t i = 0; i < n; i++)
		if (obs[i].time >= day)
			at_risk++;
	if (at_risk == 0)
		return false;
	*out = (struct survival_point){
	    .time = day, .at_risk = at_risk, .estimate = 1.0, .ci_low = 1.0, .ci_high = 1.0};
	for (size_t i = 0; i < points && curve[i].time <= day; i++) {
		out->estimate = curve[i].estimate;
		out->ci_low = curve[i].ci_low;
		out->ci_high = curve[i].ci_high;
	}
	return true;
}
