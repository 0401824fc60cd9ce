#include "domain/outcomes.h"

#include <stdlib.h>
#include <string.h>

bool outcome_is_placement(const char *living, bool network_is_home)
{
	if (!living)
		return false;
	if (!strcmp(living, "network_foster_care"))
		return !network_is_home;
	return !strcmp(living, "foster_care") || !strcmp(living, "residential") ||
	       !strcmp(living, "closed_care");
}

bool outcome_follow_up(const struct trajectory *t, int *days, bool *placed)
{
	int64_t follow = date_days_between(t->started, t->end);
	if (follow < 0)
		return false;
	if (t->has_placement && date_compare(t->placement, t->end) <= 0) {
		*days = (int)date_days_between(t->started, t->placement);
		*placed = true;
		return *days >= 0;
	}
	*days = (int)follow;
	*placed = false;
	return true;
}

int outcome_placement_days(const struct living_change *h, size_t n, struct date started,
                           struct date end)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (!h[i].placement)
			continue;
		struct date from = date_compare(h[i].on, started) > 0 ? h[i].on : started;
		struct date to = i + 1 < n ? h[i + 1].on : end;
		if (date_compare(to, end) > 0)
			to = end;
		int64_t d = date_days_between(from, to);
		if (d > 0)
			total += d;
	}
	return (int)total;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

double outcome_median(int *values, size_t n)
{
	if (!n)
		return 0;
	qsort(values, n, sizeof(*values), cmp_int);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double outcome_top5_share(double *costs, size_t n)
{
	double total = 0, top = 0;
	if (!n)
		return 0;
	qsort(costs, n, sizeof(*costs), cmp_desc);
	size_t k = (n * 5 + 99) / 100;
	for (size_t i = 0; i < n; i++) {
		total += costs[i];
		if (i < k)
			top += costs[i];
	}
	return total > 0 ? top / total : 0;
}
