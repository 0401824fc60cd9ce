#ifndef KRING_JIM_SUPPORT_H
#define KRING_JIM_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/alerts.h"
#include "domain/dates.h"
#include "http/http.h"

/* What the JIM-support handlers need to know about one JIM. */
struct jim_context {
	int64_t jim_id;
	int64_t youth_id;
	int64_t organisation_id;
	struct date started;
	const char *name; /* request arena */
	struct alert_settings alerts;
	int km_rate_cents;
	/* The team supports this JIM: not ended, and the young person's file not
	 * closed. Only then are alerts raised for them (jim_alerts_refresh). */
	bool supported;
};

#define KM_RATE_DEFAULT_CENTS  23
#define ACTIVITY_MAX_DAYS_BACK 90
#define ACTIVITY_EDIT_DAYS     14
/* What jim_input_recent_date() accepts, for the API description. */
#define JIM_RECENT_DATE_TEXT "the day, not in the future and at most 90 days ago"

/* Loads the JIM with the thresholds of their organisation; false answered. */
bool jim_context_load(struct request *r, int64_t jim_id, struct jim_context *out);

/*
 * Runs the alert rules for one JIM and stores the alerts that are new.
 * Raises none for a JIM the team no longer supports (j->supported false):
 * a closed file's alerts are listed nowhere, and an ended JIM is no longer
 * someone to look after. Needs the request's write transaction. False
 * answered (503).
 */
bool jim_alerts_refresh(struct request *r, const struct jim_context *j);

/*
 * jim_alerts_refresh() for a request that holds the JIM's entries
 * (jim_lock_entries()) and has just written one: an alert that a correction
 * closed and that holds again is also raised anew (a new alert, the closed
 * one taken away), so nobody silences one by correcting the hours down and
 * back up. False answered (503).
 */
bool jim_alerts_after_entry(struct request *r, const struct jim_context *j);

/*
 * After one of the JIM's activities was corrected (changed or removed, as
 * `c` says), inside the request's write transaction: closes each open
 * load_high or inactive alert that held just before and no longer holds
 * (alert_made_untrue()), in the caller's name and without a note, which the
 * API answers as resolution "corrected"; then runs the alert rules
 * (jim_alerts_after_entry()), which raise what holds now. Alerts already closed
 * are not touched. Does nothing for a JIM the team no longer supports: their
 * alerts stay as they are, as when a file closes. False answered (503).
 */
bool jim_alerts_after_correction(struct request *r, const struct jim_context *j,
                                 const struct alert_correction *c);

/* A date that is not in the future and at most 90 days back; false answered or absent. */
bool jim_input_recent_date(struct request *r, const char *field, bool required, struct date *out);

/*
 * Takes the JIM's entries for the rest of the request's write transaction,
 * so that expense statements and changes to the JIM's activities and costs
 * happen one after the other: on PostgreSQL (READ COMMITTED) by locking the
 * JIM's row; SQLite's write transaction holds the whole database already.
 * Call it before jim_date_unsettled() and before a statement reads its
 * period. False answered (http_begin_write_taking).
 */
bool jim_lock_entries(struct request *r, int64_t jim_id);

/* Whether a stored entry (activity or cost) is past the JIM's 14 days to change it. */
bool jim_entry_locked(json_t *entry);

/*
 * Shapes a stored entry for the API: entered_by_id, _name and _role become
 * "entered_by" {id, display_name, role}, and "locked" is added.
 */
void jim_entry_shape(json_t *entry);

/* The same, for the JIM of activity `activity_id`. */
bool jim_lock_entries_of_activity(struct request *r, int64_t activity_id);

/* The same, for the JIM of cost `cost_id`. */
bool jim_lock_entries_of_cost(struct request *r, int64_t cost_id);

/*
 * Whether the JIM's entries on `date` may still be added, changed, moved
 * or removed: not when a submitted or approved expense statement covers
 * that day (409 `settled`). A statement is a frozen snapshot of its period
 * and approval means paid out, so a changed entry would be paid twice or
 * disagree with what was paid; a submitted statement can be rejected
 * first. Call inside the request's write transaction, after
 * jim_lock_entries(), so that no statement can be made in between. False
 * answered (409 or 503).
 */
bool jim_date_unsettled(struct request *r, int64_t jim_id, const char *date_text);

/* A `from`/`to` query pair of dates; defaults when absent; false answered. */
bool jim_query_period(struct request *r, struct date dflt_from, struct date dflt_to,
                      struct date *from, struct date *to);

/* The JIM in the path ({id} of /jims/{id}/...). */
int64_t jim_path_id(const struct request *r);

#endif
