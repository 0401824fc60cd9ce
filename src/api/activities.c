/* The JIM's time and travel: activities, and totals by week or month. */
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "api/jim_support.h"
#include "domain/money.h"
#include "domain/person_rules.h"
#include "http/etag.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define MAX_PERIODS 520
#define MINUTES_MIN 1
#define MINUTES_MAX 1440

static const char *const activity_kinds[] = {"contact", "phone", "travel",
                                             "meeting", "other", NULL};

#define NOTE_CHARS 1000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

/* km as a number with at most one decimal; absent gives 0. False answered. */
static bool input_km(struct request *r, int64_t *tenths)
{
	json_t *v = json_object_get(r->input, "km");
	*tenths = 0;
	if (!v || json_is_null(v))
		return true;
	if (!json_is_number(v) || !money_km_tenths(json_number_value(v), tenths)) {
		http_validation_error(r, "km",
		                      "must be a number from 0 to 2000 with at most one "
		                      "decimal");
		return false;
	}
	return true;
}

/*
 * The entity tag of a stored activity (http/etag.h), from the columns its
 * PATCH can change, as SQ_ACTIVITY_GET and SQ_ACTIVITY_LIST give them
 * (km_tenths, before shape_activity()): the tag the list shows is the one
 * its PATCH and DELETE check If-Match against.
 */
static void activity_etag(json_t *a, char out[ETAG_TEXT_SIZE])
{
	static const char *const fields[] = {"date", "minutes", "km_tenths", "kind", "note", NULL};
	etag_of_fields("activity", a, fields, out);
}

/* Shapes a stored activity for the API: km as a number, who entered it, locked. */
static void shape_activity(json_t *a)
{
	int64_t tenths = json_integer_value(json_object_get(a, "km_tenths"));
	json_object_del(a, "km_tenths");
	json_object_set_new(a, "km", json_real((double)tenths / 10.0));
	jim_entry_shape(a);
}

/* Answers the activity with its ETag. */
static void reply_activity(struct request *r, int status, int64_t id)
{
	json_t *a = NULL;
	char tag[ETAG_TEXT_SIZE];
	if (store_row(r->conn, SQ_ACTIVITY_GET, STORE_ARGS(SA_INT(id)), &a) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	activity_etag(a, tag);
	shape_activity(a);
	http_reply(r, status, a);
	http_set_etag(r, tag);
}

const struct input_field api_activity_body[] = {
    {.name = "date", .type = INPUT_DATE, .required = true, .description = JIM_RECENT_DATE_TEXT},
    {.name = "minutes",
     .type = INPUT_INTEGER,
     .required = true,
     .min = MINUTES_MIN,
     .max = MINUTES_MAX},
    {.name = "km",
     .type = INPUT_NUMBER,
     .min = 0,
     .max = KM_MAX_TENTHS / 10,
     .description = "kilometres travelled, at most one decimal"},
    {.name = "kind", .type = INPUT_ENUM, .required = true, .allowed = activity_kinds},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 1000 characters"},
    {0},
};

/* The same fields, each optional: only those sent change (null km is 0, null note clears
 * it, null for the others is refused). */
const struct input_field api_activity_patch_body[] = {
    {.name = "date", .type = INPUT_DATE, .not_null = true, .description = JIM_RECENT_DATE_TEXT},
    {.name = "minutes",
     .type = INPUT_INTEGER,
     .not_null = true,
     .min = MINUTES_MIN,
     .max = MINUTES_MAX},
    {.name = "km",
     .type = INPUT_NUMBER,
     .min = 0,
     .max = KM_MAX_TENTHS / 10,
     .description = "kilometres travelled, at most one decimal; null sets 0"},
    {.name = "kind", .type = INPUT_ENUM, .not_null = true, .allowed = activity_kinds},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 1000 characters; null clears it"},
    {0},
};

struct activity_input {
	struct date date;
	int64_t minutes, km_tenths;
	const char *kind, *note;
};

/* A new activity's fields: every field refused is named in one 422 (input_keep()). False
 * answered. */
static bool read_activity(struct request *r, struct activity_input *a)
{
	if (!input_need_body(r))
		return false;
	struct input_errors e = {0};
	jim_input_recent_date(r, "date", true, &a->date);
	input_keep(r, &e);
	input_int_range(r, "minutes", true, MINUTES_MIN, MINUTES_MAX, &a->minutes);
	input_keep(r, &e);
	input_km(r, &a->km_tenths);
	input_keep(r, &e);
	a->kind = input_enum(r, "kind", true, activity_kinds);
	input_keep(r, &e);
	a->note = input_string(r, "note", false, check_note);
	input_keep(r, &e);
	return input_answer_errors(r, &e);
}

void api_activities_create(struct request *r)
{
	struct activity_input a;
	struct jim_context j;
	int64_t id;
	char at[25];
	if (!read_activity(r, &a) || !http_begin_write(r) ||
	    !jim_context_load(r, jim_path_id(r), &j) || !jim_lock_entries(r, j.jim_id))
		return;
	const char *date_text = dossier_date_text(r, a.date);
	if (!jim_date_unsettled(r, j.jim_id, date_text))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_ACTIVITY_INSERT,
	              STORE_ARGS(SA_INT(j.jim_id), SA_TEXT(date_text), SA_INT(a.minutes),
	                         SA_INT(a.km_tenths), SA_TEXT(a.kind), SA_TEXT(a.note),
	                         SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	if (r->access.basis != REL_JIM)
		r->audit.reason = "entered by a professional";
	if (jim_alerts_after_entry(r, &j))
		reply_activity(r, 201, id);
}

/* GET /api/v1/jims/{id}/activities: each with the "etag" to send as If-Match
 * when changing or deleting it. */
void api_activities_list(struct request *r)
{
	struct date from, to;
	json_t *rows = NULL, *row;
	size_t i;
	char tag[ETAG_TEXT_SIZE];
	struct date today = date_today();
	if (!jim_query_period(r, date_add_days(today, -3650), today, &from, &to))
		return;
	if (store_rows(r->conn, SQ_ACTIVITY_LIST,
	               STORE_ARGS(SA_INT(jim_path_id(r)), SA_TEXT(dossier_date_text(r, from)),
	                          SA_TEXT(dossier_date_text(r, to))),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		activity_etag(row, tag);
		shape_activity(row);
		json_object_set_new(row, "etag", json_string(tag));
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/*
 * The activity in the path, for a change, read inside the request's write
 * transaction after the JIM's entries are taken (jim_lock_entries), so that
 * a change or a statement made meanwhile is seen. A JIM may change their own
 * entry for 14 days (409 locked after that); the team may correct it at any
 * time, and that correction is audited as such. Then If-Match `if_match`
 * (from http_if_match) must hold for it (412 edit_conflict).
 */
static json_t *changeable_activity(struct request *r, int64_t *id, const char *if_match)
{
	json_t *a = NULL;
	char tag[ETAG_TEXT_SIZE];
	if (!parse_id(http_param(r, 0), id)) {
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	r->audit.object_id = api_id_text(r, *id);
	if (!jim_lock_entries_of_activity(r, *id))
		return NULL;
	if (store_row(r->conn, SQ_ACTIVITY_GET, STORE_ARGS(SA_INT(*id)), &a) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	if (r->access.basis == REL_JIM &&
	    json_integer_value(json_object_get(a, "entered_by_id")) != r->caller.user_id) {
		json_decref(a);
		http_error(r, 403, "forbidden", "you can change only the entries you made", NULL);
		return NULL;
	}
	if (jim_entry_locked(a)) {
		if (r->access.basis == REL_JIM) {
			json_decref(a);
			http_error(r, 409, "locked",
			           "entries older than 14 days are locked; ask your professional",
			           NULL);
			return NULL;
		}
		r->audit.reason = "correction of a locked entry by a professional";
	} else if (r->access.basis != REL_JIM) {
		r->audit.reason = "correction by a professional";
	}
	activity_etag(a, tag);
	if (!http_if_match_holds(r, if_match, tag)) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/*
 * Whether the activity `cur` (from changeable_activity) may change: its day
 * not settled by an expense statement, nor the day it moves to (`moved_to`,
 * NULL when it stays). False answered.
 */
static bool entry_changeable(struct request *r, json_t *cur, const struct date *moved_to)
{
	int64_t jim_id = json_integer_value(json_object_get(cur, "jim_id"));
	return jim_date_unsettled(r, jim_id, json_string_value(json_object_get(cur, "date"))) &&
	       (!moved_to || jim_date_unsettled(r, jim_id, dossier_date_text(r, *moved_to)));
}

/*
 * Notes who changed or removed activity `id` at `at`, and its date before
 * (`old_date`) and after (`new_date`, NULL when removed), besides the last
 * change kept on the row: approving a statement is for someone who changed
 * none of its lines, also not by moving one out of its period
 * (SQ_STATEMENT_OWN_WORK), however often the JIM edited after them.
 */
static enum store_status record_change(struct request *r, int64_t id, const char *at,
                                       const char *old_date, const char *new_date)
{
	return store_run(r->conn, SQ_ACTIVITY_CHANGE_INSERT,
	                 STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at),
	                            SA_TEXT(old_date), SA_TEXT(new_date)),
	                 NULL, NULL);
}

/*
 * After activity `cur` (as it was, from changeable_activity) moved to
 * `new_date` with `new_minutes` (`removed`: deleted instead), closes the
 * alerts that made untrue and raises the ones that now hold
 * (jim_alerts_after_correction). False answered.
 */
static bool alerts_after_change(struct request *r, json_t *cur, const char *new_date,
                                int64_t new_minutes, bool removed)
{
	struct jim_context j;
	struct alert_correction c = {
	    .old_minutes = (int)json_integer_value(json_object_get(cur, "minutes")),
	    .new_minutes = (int)new_minutes,
	    .removed = removed,
	};
	if (!date_parse(json_string_value(json_object_get(cur, "date")), &c.old_on) ||
	    (!removed && !date_parse(new_date, &c.new_on))) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	return jim_context_load(r, json_integer_value(json_object_get(cur, "jim_id")), &j) &&
	       jim_alerts_after_correction(r, &j, &c);
}

/*
 * PATCH /api/v1/activities/{id}: the fields sent change. With If-Match (the
 * activity's etag in the list), 412 edit_conflict when it changed since; the
 * answer's ETag is the new tag. The alerts follow in the same transaction
 * (alerts_after_change).
 */
void api_activity_patch(struct request *r)
{
	int64_t id, minutes, tenths;
	struct date date;
	const char *if_match;
	if (!input_need_body(r) || !http_if_match(r, &if_match) || !http_begin_write(r))
		return;
	json_t *cur = changeable_activity(r, &id, if_match);
	if (!cur)
		return;
	/* every field refused is named in one 422, as for a new activity */
	struct input_errors e = {0};
	bool moved = false;
	const char *date_text = json_string_value(json_object_get(cur, "date"));
	if (input_given(r, "date") && jim_input_recent_date(r, "date", true, &date)) {
		date_text = dossier_date_text(r, date);
		moved = strcmp(date_text, json_string_value(json_object_get(cur, "date"))) != 0;
	}
	input_keep(r, &e);
	minutes = json_integer_value(json_object_get(cur, "minutes"));
	tenths = json_integer_value(json_object_get(cur, "km_tenths"));
	if (input_given(r, "minutes"))
		input_int_range(r, "minutes", true, MINUTES_MIN, MINUTES_MAX, &minutes);
	input_keep(r, &e);
	if (input_has(r, "km"))
		input_km(r, &tenths);
	input_keep(r, &e);
	const char *kind = input_given(r, "kind") ? input_enum(r, "kind", true, activity_kinds)
	                                          : json_string_value(json_object_get(cur, "kind"));
	input_keep(r, &e);
	const char *note = input_has(r, "note") ? input_string(r, "note", false, check_note)
	                                        : json_string_value(json_object_get(cur, "note"));
	input_keep(r, &e);
	char at[25];
	clock_format_iso_ms(clock_now_ms(), at);
	if (input_answer_errors(r, &e) && entry_changeable(r, cur, moved ? &date : NULL)) {
		enum store_status s =
		    store_run(r->conn, SQ_ACTIVITY_UPDATE,
		              STORE_ARGS(SA_INT(id), SA_TEXT(date_text), SA_INT(minutes),
		                         SA_INT(tenths), SA_TEXT(kind), SA_TEXT(note), SA_TEXT(at),
		                         SA_INT(r->caller.user_id)),
		              NULL, NULL);
		if (s == STORE_OK)
			s = record_change(
			    r, id, at, json_string_value(json_object_get(cur, "date")), date_text);
		if (s != STORE_OK)
			http_store_error(r, STORE_ERROR);
		else if (alerts_after_change(r, cur, date_text, minutes, false))
			reply_activity(r, 200, id);
	}
	json_decref(cur);
}

/* DELETE /api/v1/activities/{id}: marked deleted; If-Match and the alerts as for its PATCH. */
void api_activity_delete(struct request *r)
{
	int64_t id, changed = 0;
	char at[25];
	const char *if_match;
	if (!http_if_match(r, &if_match) || !http_begin_write(r))
		return;
	json_t *cur = changeable_activity(r, &id, if_match);
	if (!cur)
		return;
	const char *old_date = json_string_value(json_object_get(cur, "date"));
	if (!entry_changeable(r, cur, NULL)) {
		json_decref(cur);
		return;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_ACTIVITY_DELETE,
	              STORE_ARGS(SA_INT(id), SA_TEXT(at), SA_INT(r->caller.user_id)), NULL,
	              &changed) != STORE_OK ||
	    changed != 1 || record_change(r, id, at, old_date, NULL) != STORE_OK)
		http_store_error(r, STORE_ERROR);
	else if (alerts_after_change(r, cur, NULL, 0, true))
		http_reply(r, 204, NULL);
	json_decref(cur);
}

struct period {
	struct date from, to;
	char label[16];
};

/* The period holding d (by week or month), clipped to [lo, hi]. */
static struct period period_of(struct date d, bool by_month, struct date lo, struct date hi)
{
	struct period p;
	if (by_month) {
		p.from = (struct date){d.year, d.month, 1};
		p.to = date_add_days(date_add_months(p.from, 1), -1);
		snprintf(p.label, sizeof(p.label), "%04d-%02d", d.year % 10000, d.month % 100);
	} else {
		int y, w;
		p.from = date_week_start(d);
		p.to = date_add_days(p.from, 6);
		date_iso_week(d, &y, &w);
		snprintf(p.label, sizeof(p.label), "%04d-W%02d", y % 10000, w % 100);
	}
	if (date_compare(p.from, lo) < 0)
		p.from = lo;
	if (date_compare(p.to, hi) > 0)
		p.to = hi;
	return p;
}

static json_t *sum_period(struct request *r, const struct period *p, json_t *rows)
{
	int64_t minutes = 0, tenths = 0, count = 0;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		struct date d;
		if (!date_parse(json_string_value(json_object_get(row, "date")), &d) ||
		    date_compare(d, p->from) < 0 || date_compare(d, p->to) > 0)
			continue;
		minutes += json_integer_value(json_object_get(row, "minutes"));
		tenths += json_integer_value(json_object_get(row, "km_tenths"));
		count++;
	}
	return json_pack("{s:s, s:s, s:s, s:I, s:f, s:I}", "period", p->label, "from",
	                 dossier_date_text(r, p->from), "to", dossier_date_text(r, p->to),
	                 "minutes", (json_int_t)minutes, "km", (double)tenths / 10.0, "activities",
	                 (json_int_t)count);
}

void api_activities_totals(struct request *r)
{
	const char *by = http_query(r, "by");
	bool by_month = by && !strcmp(by, "month");
	struct date today = date_today(), from, to;
	json_t *rows = NULL;
	if (by && *by && !by_month && strcmp(by, "week") != 0) {
		http_validation_error(r, "by", "must be week or month");
		return;
	}
	struct date dflt = by_month
	                       ? date_add_months((struct date){today.year, today.month, 1}, -11)
	                       : date_add_days(date_week_start(today), -7 * 11);
	if (!jim_query_period(r, dflt, today, &from, &to))
		return;
	if (date_days_between(from, to) / (by_month ? 28 : 7) > MAX_PERIODS) {
		http_validation_error(r, "from", "the period is too long");
		return;
	}
	if (store_rows(r->conn, SQ_ACTIVITY_RANGE,
	               STORE_ARGS(SA_INT(jim_path_id(r)), SA_TEXT(dossier_date_text(r, from)),
	                          SA_TEXT(dossier_date_text(r, to))),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *items = json_array();
	struct period all = {.from = from, .to = to};
	snprintf(all.label, sizeof(all.label), "total");
	for (struct date d = from; date_compare(d, to) <= 0;) {
		struct period p = period_of(d, by_month, from, to);
		json_array_append_new(items, sum_period(r, &p, rows));
		d = date_add_days(p.to, 1);
	}
	json_t *total = sum_period(r, &all, rows);
	json_object_del(total, "period");
	json_object_del(total, "from");
	json_object_del(total, "to");
	json_decref(rows);
	http_reply(r, 200,
	           json_pack("{s:s, s:o, s:o}", "by", by_month ? "month" : "week", "items", items,
	                     "total", total));
}

void api_team_jim_totals(struct request *r)
{
	int64_t team_id;
	struct date today = date_today(), from, to;
	json_t *member = NULL, *rows = NULL, *row;
	size_t i;
	if (!parse_id(http_param(r, 0), &team_id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	enum store_status s =
	    store_row(r->conn, SQ_TEAM_MEMBER,
	              STORE_ARGS(SA_INT(team_id), SA_INT(r->caller.user_id)), &member);
	bool in = s == STORE_OK && json_is_true(json_object_get(member, "in_team"));
	json_decref(member);
	if (s == STORE_ERROR) {
		http_store_error(r, s);
		return;
	}
	if (!in) {
		r->refused = true; /* not in that team: a refusal, audited as denied */
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	if (!jim_query_period(r, date_add_days(today, -27), today, &from, &to))
		return;
	if (store_rows(r->conn, SQ_TEAM_JIM_TOTALS,
	               STORE_ARGS(SA_INT(team_id), SA_TEXT(dossier_date_text(r, from)),
	                          SA_TEXT(dossier_date_text(r, to))),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		int64_t tenths = json_integer_value(json_object_get(row, "km_tenths"));
		json_object_del(row, "km_tenths");
		json_object_set_new(row, "km", json_real((double)tenths / 10.0));
		http_audit_youth(r, json_integer_value(json_object_get(row, "youth_id")));
	}
	http_reply(r, 200,
	           json_pack("{s:s, s:s, s:o}", "from", dossier_date_text(r, from), "to",
	                     dossier_date_text(r, to), "items", rows));
}
