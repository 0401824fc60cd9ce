#include "domain/measurements.h"

#include <string.h>

static const struct {
	const char *name;
	int months;
	bool after_close;
} moments[MOMENT_COUNT] = {
    {"T0", 0, false},   {"T3", 3, false},  {"T9", 9, false},
    {"T15", 15, false}, {"F12", 12, true}, {"F24", 24, true},
};

const char *moment_name(int i)
{
	return i >= 0 && i < MOMENT_COUNT ? moments[i].name : "?";
}

int moment_index(const char *name)
{
	for (int i = 0; name && i < MOMENT_COUNT; i++)
		if (!strcmp(moments[i].name, name))
			return i;
	return -1;
}

bool moment_date(int i, struct date started, const struct date *closed, struct date *out)
{
	if (moments[i].after_close) {
		if (!closed)
			return false;
		*out = date_add_months(*closed, moments[i].months);
		return true;
	}
	*out = date_add_months(started, moments[i].months);
	return true;
}

enum moment_status moment_status_on(struct date due, struct date today, bool done)
{
	if (done)
		return MOMENT_DONE;
	int64_t days = date_days_between(due, today); /* positive: after the date */
	if (days < -MOMENT_DUE_BEFORE_DAYS)
		return MOMENT_UPCOMING;
	if (days <= MOMENT_DUE_AFTER_DAYS)
		return MOMENT_DUE;
	return MOMENT_OVERDUE;
}

const char *moment_status_name(enum moment_status s)
{
	static const char *const names[] = {"upcoming", "due", "overdue", "done"};
	return names[s];
}
