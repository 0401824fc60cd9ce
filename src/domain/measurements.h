#ifndef KRING_MEASUREMENTS_H
#define KRING_MEASUREMENTS_H

#include <stdbool.h>

#include "domain/dates.h"

/*
 * The standard measurement moments (DESIGN.md §1.7): T0 at the start, T3,
 * T9 and T15 months into the trajectory, and the follow-ups F12 and F24,
 * 12 and 24 months after it closed.
 */
enum moment_status { MOMENT_UPCOMING, MOMENT_DUE, MOMENT_OVERDUE, MOMENT_DONE };

#define MOMENT_COUNT           6
#define MOMENT_DUE_BEFORE_DAYS 14
#define MOMENT_DUE_AFTER_DAYS  30

/* Name of moment i ("T0" … "F24"). */
const char *moment_name(int i);
int moment_index(const char *name); /* -1 when unknown */

/*
 * The date moment i falls on, given the start and (when closed) the close
 * date; false for a follow-up while the trajectory is open.
 */
bool moment_date(int i, struct date started, const struct date *closed, struct date *out);

/* Upcoming until 14 days before, due until 30 days after, overdue later; done wins. */
enum moment_status moment_status_on(struct date due, struct date today, bool done);
const char *moment_status_name(enum moment_status s);

#endif
