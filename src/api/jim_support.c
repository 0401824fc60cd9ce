/* Shared pieces of the JIM-support resources: the JIM's context and the alert refresh. */
#include "api/jim_support.h"

#include <string.h>

#include "api/dossier.h"
#include "api/input.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define RECENT_CHECKINS 20

static int setting(json_t *row, const char *key, int dflt)
{
	json_t *v = json_object_get(row, key);
	return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

bool jim_context_load(struct request *r, int64_t jim_id, struct jim_context *out)
{
	json_t *row = NULL;
	struct alert_settings d = alert_settings_default();
	enum store_status s =
	    store_row(r->conn, SQ_SETTINGS_OF_JIM, STORE_ARGS(SA_INT(jim_id)), &row);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return false;
	}
	*out = (struct jim_context){
	    .jim_id = jim_id,
	    .youth_id = json_integer_value(json_object_get(row, "youth_id")),
	    .organisation_id = json_integer_value(json_object_get(row, "organisation_id")),
	    .name = arena_strdup(&r->arena, json_string_value(json_object_get(row, "name"))),
	    .km_rate_cents = setting(row, "km_rate_cents", KM_RATE_DEFAULT_CENTS),
	    .alerts =
	        {
	            .checkin_interval_days =
	                setting(row, "checkin_interval_days", d.checkin_interval_days),
	            .checkin_grace_days = setting(row, "checkin_grace_days", d.checkin_grace_days),
	            .load_hours_per_week =
	                setting(row, "load_hours_per_week", d.load_hours_per_week),
	            .load_weeks_high = setting(row, "load_weeks_high", d.load_weeks_high),
	            .load_weeks_window = setting(row, "load_weeks_window", d.load_weeks_window),
	            .inactive_days = setting(row, "inactive_days", d.inactive_days),
	        },
	};
	const char *phase = json_string_value(json_object_get(row, "phase"));
	out->supported =
	    json_is_null(json_object_get(row, "ended_on")) && phase && strcmp(phase, "closed") != 0;
	bool ok = date_parse(json_string_value(json_object_get(row, "started_on")), &out->started);
	json_decref(row);
	if (!ok)
		http_store_error(r, STORE_ERROR);
	return ok;
}

static enum checkin_continue continue_of(const char *s)
{
	return !strcmp(s, "no") ? CONTINUE_NO : !strcmp(s, "doubt") ? CONTINUE_DOUBT : CONTINUE_YES;
}

/* Recent check-ins, oldest first, into arena memory. */
static bool load_checkins(struct request *r, int64_t jim_id, struct alert_checkin **out, size_t *n)
{
	json_t *rows = NULL, *row;
	size_t i, count;
	if (store_rows(r->conn, SQ_CHECKIN_RECENT, STORE_ARGS(SA_INT(jim_id)), &rows) != STORE_OK)
		return false;
	count = json_array_size(rows);
	*out = arena_alloc(&r->arena, (count ? count : 1) * sizeof(**out));
	*n = 0;
	json_array_foreach(rows, i, row)
	{
		struct alert_checkin *c = &(*out)[count - 1 - i]; /* rows are newest first */
		c->id = json_integer_value(json_object_get(row, "id"));
		c->wellbeing = (int)json_integer_value(json_object_get(row, "wellbeing"));
		c->cont = continue_of(json_string_value(json_object_get(row, "continue")));
		if (!date_parse(json_string_value(json_object_get(row, "checked_on")), &c->on)) {
			json_decref(rows);
			return false;
		}
	}
	*n = count;
	json_decref(rows);
	return true;
}

/* Minutes per week of the `weeks` weeks from Monday `first` up to `last` (oldest first). */
static bool window_minutes(struct request *r, int64_t jim_id, struct date first, struct date last,
                           int weeks, int *minutes)
{
	json_t *rows = NULL, *row;
	size_t i;
	memset(minutes, 0, sizeof(int) * (size_t)weeks);
	if (store_rows(r->conn, SQ_JIM_WEEK_MINUTES,
	               STORE_ARGS(SA_INT(jim_id), SA_TEXT(dossier_date_text(r, first)),
	                          SA_TEXT(dossier_date_text(r, last))),
	               &rows) != STORE_OK)
		return false;
	json_array_foreach(rows, i, row)
	{
		struct date d;
		if (!date_parse(json_string_value(json_object_get(row, "date")), &d))
			continue;
		int64_t w = date_days_between(first, d) / 7;
		if (w >= 0 && w < weeks)
			minutes[w] += (int)json_integer_value(json_object_get(row, "minutes"));
	}
	json_decref(rows);
	return true;
}

/* Minutes per ISO week for the last `weeks` weeks (oldest first), and the last activity. */
static bool load_weeks(struct request *r, int64_t jim_id, struct date today, int weeks,
                       int *minutes, bool *has_activity, struct date *last)
{
	struct date first = date_add_days(date_week_start(today), -7 * (int64_t)(weeks - 1));
	if (!window_minutes(r, jim_id, first, today, weeks, minutes))
		return false;
	json_t *lr = NULL;
	if (store_row(r->conn, SQ_ACTIVITY_LAST_DATE, STORE_ARGS(SA_INT(jim_id)), &lr) != STORE_OK)
		return false;
	json_t *lv = json_object_get(lr, "last");
	*has_activity = json_is_string(lv) && date_parse(json_string_value(lv), last);
	json_decref(lr);
	return true;
}

/*
 * *fresh: whether the alert `f` of the JIM is not stored yet (as far as this
 * transaction sees); *corrected_id: the stored one's id when a correction of
 * the hours closed it (it holds again: to be raised anew), else 0. False
 * answered (503).
 */
static bool alert_is_new(struct request *r, int64_t jim_id, const struct alert_found *f,
                         bool *fresh, int64_t *corrected_id)
{
	json_t *had = NULL;
	enum store_status s = store_row(
	    r->conn, SQ_ALERT_RAISED,
	    STORE_ARGS(SA_INT(jim_id), SA_TEXT(alert_kind_name(f->kind)), SA_TEXT(f->key)), &had);
	if (s != STORE_OK && s != STORE_NOT_FOUND) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	*fresh = s == STORE_NOT_FOUND;
	const char *resolution = json_string_value(json_object_get(had, "resolution"));
	*corrected_id = resolution && strcmp(resolution, "corrected") == 0
	                    ? json_integer_value(json_object_get(had, "id"))
	                    : 0;
	json_decref(had);
	return true;
}

/*
 * Takes away alert `id`, which a correction closed and which holds again, so
 * that it is raised anew: with a new id, taken in commit order like any new
 * alert's, it shows as the newest and no keyset page passes over it. False
 * answered (503).
 */
static bool alert_clear_corrected(struct request *r, int64_t id)
{
	if (store_run(r->conn, SQ_ALERT_CLEAR_CORRECTED, STORE_ARGS(SA_INT(id)), NULL, NULL) ==
	    STORE_OK)
		return true;
	http_store_error(r, STORE_ERROR);
	return false;
}

/*
 * Before a transaction takes a new alert's id, it waits for every other
 * transaction that took one to commit, and holds the others off until its
 * own commit (PostgreSQL: an advisory lock; SQLite has one writer): alert
 * ids then follow commit order, which the keyset paging of GET /alerts
 * needs, as it passes over ids once. False answered (503).
 */
static bool take_alert_raise_lock(struct request *r)
{
	json_t *row = NULL;
	enum store_status s = store_row(r->conn, SQ_ALERT_RAISE_LOCK, NULL, 0, &row);
	json_decref(row);
	if (s != STORE_OK)
		http_store_error(r, STORE_ERROR);
	return s == STORE_OK;
}

/*
 * jim_alerts_refresh(), and when `entries_locked` (the caller holds the
 * JIM's entries, jim_lock_entries(), so the hours read are the ones that
 * commit) also raises anew an alert a correction closed that holds again.
 * Without the lock a listing could undo a concurrent correction's close from
 * hours read before it; the hours only change by a write that takes the lock.
 */
static bool refresh_alerts(struct request *r, const struct jim_context *j, bool entries_locked)
{
	struct alert_input in = {.today = date_today(), .jim_started = j->started};
	struct alert_checkin *checkins = NULL;
	int weeks = j->alerts.load_weeks_window;
	int *minutes = arena_alloc(&r->arena, sizeof(int) * (size_t)(weeks > 0 ? weeks : 1));
	struct alert_found found[64];
	char at[25];
	if (!j->supported)
		return true;
	if (!load_checkins(r, j->jim_id, &checkins, &in.checkin_count) ||
	    !load_weeks(r, j->jim_id, in.today, weeks, minutes, &in.has_activity,
	                &in.last_activity)) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	in.checkins = checkins;
	in.week_minutes = minutes;
	in.week_count = (size_t)weeks;
	size_t n = alerts_evaluate(&in, &j->alerts, found, sizeof(found) / sizeof(found[0]));
	clock_format_iso_ms(clock_now_ms(), at);
	bool locked = false;
	for (size_t i = 0; i < n; i++) {
		bool fresh;
		int64_t corrected_id;
		if (!alert_is_new(r, j->jim_id, &found[i], &fresh, &corrected_id))
			return false;
		if (!fresh && !(entries_locked && corrected_id))
			continue;
		if (!locked && !(locked = take_alert_raise_lock(r)))
			return false;
		if (!fresh && !alert_clear_corrected(r, corrected_id))
			return false;
		if (store_run(r->conn, SQ_ALERT_INSERT,
		              STORE_ARGS(SA_INT(j->jim_id), SA_INT(j->youth_id),
		                         SA_TEXT(alert_kind_name(found[i].kind)),
		                         SA_TEXT(found[i].key), SA_TEXT(found[i].detail),
		                         SA_TEXT(at)),
		              NULL, NULL) != STORE_OK) {
			http_store_error(r, STORE_ERROR);
			return false;
		}
	}
	return true;
}

/*
 * Whether the stored open alert `row` (SQ_ALERT_OPEN_OF_HOURS) no longer
 * holds after correction `c`; for load_high from the minutes its weeks have
 * now. False answered (503) in *failed.
 */
static bool alert_untrue_now(struct request *r, const struct jim_context *j, json_t *row,
                             const struct alert_correction *c, bool *failed)
{
	const char *kind = json_string_value(json_object_get(row, "kind"));
	const char *key = json_string_value(json_object_get(row, "key"));
	const char *detail = json_string_value(json_object_get(row, "detail"));
	int *minutes = NULL;
	struct date first, last;
	if (kind && strcmp(kind, "load_high") == 0) {
		if (!alert_load_window(key ? key : "", &j->alerts, &first, &last))
			return false;
		minutes = arena_alloc(&r->arena, sizeof(int) * (size_t)j->alerts.load_weeks_window);
		if (!window_minutes(r, j->jim_id, first, last, j->alerts.load_weeks_window,
		                    minutes)) {
			http_store_error(r, STORE_ERROR);
			*failed = true;
			return false;
		}
	}
	return alert_made_untrue(kind, key, detail, c, minutes, &j->alerts);
}

/* Closes, in the caller's name, the open alerts that correction `c` made untrue. */
static bool close_corrected(struct request *r, const struct jim_context *j,
                            const struct alert_correction *c)
{
	json_t *rows = NULL, *row;
	size_t i;
	bool failed = false;
	char at[25];
	if (store_rows(r->conn, SQ_ALERT_OPEN_OF_HOURS, STORE_ARGS(SA_INT(j->jim_id)), &rows) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	json_array_foreach(rows, i, row)
	{
		if (!alert_untrue_now(r, j, row, c, &failed)) {
			if (failed)
				break;
			continue;
		}
		int64_t id = json_integer_value(json_object_get(row, "id"));
		if (store_run(r->conn, SQ_ALERT_CLOSE_CORRECTED,
		              STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at)), NULL,
		              NULL) != STORE_OK) {
			http_store_error(r, STORE_ERROR);
			failed = true;
			break;
		}
	}
	json_decref(rows);
	return !failed;
}

bool jim_alerts_refresh(struct request *r, const struct jim_context *j)
{
	return refresh_alerts(r, j, false);
}

bool jim_alerts_after_entry(struct request *r, const struct jim_context *j)
{
	return refresh_alerts(r, j, true);
}

bool jim_alerts_after_correction(struct request *r, const struct jim_context *j,
                                 const struct alert_correction *c)
{
	if (!j->supported)
		return true;
	return close_corrected(r, j, c) && jim_alerts_after_entry(r, j);
}

bool jim_input_recent_date(struct request *r, const char *field, bool required, struct date *out)
{
	if (!input_date(r, field, required, out))
		return false;
	struct date today = date_today();
	if (date_compare(*out, today) > 0) {
		http_validation_error(r, field, "must not be in the future");
		return false;
	}
	if (date_days_between(*out, today) > ACTIVITY_MAX_DAYS_BACK) {
		http_validation_error(r, field, "must be at most 90 days ago");
		return false;
	}
	return true;
}

bool jim_lock_entries(struct request *r, int64_t jim_id)
{
	return http_begin_write_taking(r, SQ_JIM_LOCK, jim_id, NULL);
}

bool jim_lock_entries_of_activity(struct request *r, int64_t activity_id)
{
	return http_begin_write_taking(r, SQ_JIM_LOCK_OF_ACTIVITY, activity_id, NULL);
}

bool jim_lock_entries_of_cost(struct request *r, int64_t cost_id)
{
	return http_begin_write_taking(r, SQ_JIM_LOCK_OF_COST, cost_id, NULL);
}

bool jim_entry_locked(json_t *entry)
{
	int64_t created_ms;
	const char *created = json_string_value(json_object_get(entry, "created_at"));
	if (!created || !clock_parse_iso_ms(created, &created_ms))
		return true;
	return clock_now_ms() - created_ms >= (int64_t)ACTIVITY_EDIT_DAYS * 24 * 3600 * 1000;
}

void jim_entry_shape(json_t *entry)
{
	json_t *who = json_pack("{s:O?, s:O?, s:O?}", "id", json_object_get(entry, "entered_by_id"),
	                        "display_name", json_object_get(entry, "entered_by_name"), "role",
	                        json_object_get(entry, "entered_by_role"));
	json_object_del(entry, "entered_by_id");
	json_object_del(entry, "entered_by_name");
	json_object_del(entry, "entered_by_role");
	json_object_set_new(entry, "entered_by", who ? who : json_null());
	json_object_set_new(entry, "locked", json_boolean(jim_entry_locked(entry)));
}

bool jim_date_unsettled(struct request *r, int64_t jim_id, const char *date_text)
{
	json_t *row = NULL;
	if (store_row(r->conn, SQ_STATEMENT_OVERLAP,
	              STORE_ARGS(SA_INT(jim_id), SA_TEXT(date_text), SA_TEXT(date_text)),
	              &row) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	bool settled = json_integer_value(json_object_get(row, "n")) > 0;
	json_decref(row);
	if (settled)
		http_error(r, 409, "settled",
		           "that day is on an expense statement that is submitted or approved; "
		           "entries on it can no longer change",
		           NULL);
	return !settled;
}

bool jim_query_period(struct request *r, struct date dflt_from, struct date dflt_to,
                      struct date *from, struct date *to)
{
	const char *f = http_query(r, "from"), *t = http_query(r, "to");
	*from = dflt_from;
	*to = dflt_to;
	if (f && *f && !date_parse(f, from)) {
		http_validation_error(r, "from", "must be a date written as YYYY-MM-DD");
		return false;
	}
	if (t && *t && !date_parse(t, to)) {
		http_validation_error(r, "to", "must be a date written as YYYY-MM-DD");
		return false;
	}
	if (date_compare(*from, *to) > 0) {
		http_validation_error(r, "to", "must not be before from");
		return false;
	}
	return true;
}

int64_t jim_path_id(const struct request *r)
{
	int64_t id = 0;
	if (!parse_id(http_param(r, 0), &id))
		return 0;
	return id;
}
