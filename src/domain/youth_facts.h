#ifndef KRING_YOUTH_FACTS_H
#define KRING_YOUTH_FACTS_H

/*
 * The compact text forms kept per young person in the youth_facts table, so
 * that the outcome figures read one narrow row per young person instead of
 * joining five histories:
 *
 *  - living: every living-situation change, oldest first, as "YYYY-MM-DD"
 *    followed by one letter: 'p' a placement, 'n' a placement in the
 *    network (a placement unless network placements count as home), 'h'
 *    anything else. "2024-01-05h2024-06-01p".
 *  - jims: every JIM period as "YYYY-MM-DD" (the start), followed by
 *    ">YYYY-MM-DD" when it ended early (dropped out or unsuitable), the
 *    periods separated by ",". "2024-02-01,2024-09-01>2024-10-15".
 *
 * Decoding refuses anything else, so a damaged row shows as unusable rather
 * than as wrong figures.
 */

#include <stdbool.h>
#include <stddef.h>

#include "domain/dates.h"
#include "domain/outcomes.h"

/* At most this many changes are kept per young person; more are dropped. */
#define FACTS_MAX_CHANGES 64
/* Room for the living text of FACTS_MAX_CHANGES changes and its NUL. */
#define FACTS_LIVING_SIZE (FACTS_MAX_CHANGES * 11 + 1)
/* Room for the jims text of this many periods. */
#define FACTS_MAX_JIMS  32
#define FACTS_JIMS_SIZE (FACTS_MAX_JIMS * 22 + 1)

/* The letter for a living situation ("foster_care" -> 'p'). */
char facts_living_code(const char *living_situation);

/*
 * Appends one change to the living text in buf (size FACTS_LIVING_SIZE,
 * NUL-terminated). False, buf unchanged, when it is full.
 */
bool facts_living_append(char *buf, struct date on, char code);

/*
 * Decodes a living text into at most max changes; network placements count
 * as placements unless network_is_home. Returns the number decoded, or
 * (size_t)-1 when the text is not in the form above.
 */
size_t facts_living_decode(const char *text, bool network_is_home, struct living_change *out,
                           size_t max);

/* One JIM period. */
struct facts_jim {
	struct date started;
	bool ended_early;
	struct date ended; /* set when ended_early */
};

/* Whether a JIM's end reason counts as ending early. */
bool facts_jim_reason_is_early(const char *end_reason);

/* Appends one period to the jims text in buf (size FACTS_JIMS_SIZE); false when full. */
bool facts_jim_append(char *buf, const struct facts_jim *jim);

/*
 * Reads the period at *cursor into out and moves *cursor past it. Returns 1
 * for a period, 0 at the end, -1 when the text is not in the form above.
 */
int facts_jim_next(const char **cursor, struct facts_jim *out);

/*
 * JIM retention: for the horizons 182 and 365 days, counts the periods that
 * reached the horizon by `today` (eligible) and those of them not ended early
 * by then (kept).
 */
void facts_jim_retention(const struct facts_jim *jim, struct date today, long eligible[2],
                         long kept[2]);

/*
 * School attendance at T0 and T9 from the periods of one young person in
 * order of their start: T0 is the first period, T9 the later period starting
 * nearest to nine months after the start of the trajectory (the earliest of
 * equally near ones). Feed the periods one by one; has_t9 stays false while
 * there is only one.
 */
struct facts_attendance {
	struct date nine_months;
	int periods;
	int t0, t9;
	bool has_t9;
	int64_t best_distance;
};
void facts_attendance_start(struct facts_attendance *a, struct date started);
void facts_attendance_add(struct facts_attendance *a, struct date period_from, int share);

#endif
