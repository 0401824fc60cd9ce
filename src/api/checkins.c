/* Check-ins by the JIM, the alerts they and the logged hours raise, and their acknowledgement. */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "api/jim_support.h"
#include "domain/alerts.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define SCORE_MIN 1
#define SCORE_MAX 5
/* The most alerts one page of GET /api/v1/alerts answers, the newest first. */
#define ALERTS_LIST_MAX 500

static const char *const continue_answers[] = {"yes", "doubt", "no", NULL};

#define NOTE_CHARS 1000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

/*
 * Replaces the stored key of an alert row by "facts": its figures as data
 * (domain/alerts.h), null when the detail is not in a form kring reads, so
 * that the web app can say them in Dutch or English.
 */
static void alert_with_facts(json_t *alert)
{
	struct alert_facts f;
	json_t *facts = json_null();
	if (alert_facts_read(json_string_value(json_object_get(alert, "kind")),
	                     json_string_value(json_object_get(alert, "key")),
	                     json_string_value(json_object_get(alert, "detail")), &f)) {
		facts = json_object();
		if (f.wellbeing >= 0)
			json_object_set_new(facts, "wellbeing", json_integer(f.wellbeing));
		if (f.hours >= 0)
			json_object_set_new(facts, "hours", json_integer(f.hours));
		if (f.weeks >= 0)
			json_object_set_new(facts, "weeks", json_integer(f.weeks));
		if (f.window >= 0)
			json_object_set_new(facts, "window", json_integer(f.window));
		if (f.days >= 0)
			json_object_set_new(facts, "days", json_integer(f.days));
		if (f.since[0])
			json_object_set_new(facts, "since", json_string(f.since));
		if (f.due[0])
			json_object_set_new(facts, "due", json_string(f.due));
	}
	json_object_del(alert, "key");
	json_object_set_new(alert, "facts", facts);
}

/* The answer form of an alert row: acknowledged_by as {id, display_name} (null while
 * open), like an entry's entered_by, and its facts. */
static void alert_shape(json_t *alert)
{
	api_nest_person(alert, "acknowledged_by", "acknowledged_by_name");
	api_nest_youth(alert);
	alert_with_facts(alert);
}

const struct input_field api_checkin_body[] = {
    {.name = "wellbeing",
     .type = INPUT_INTEGER,
     .required = true,
     .min = SCORE_MIN,
     .max = SCORE_MAX},
    {.name = "burden", .type = INPUT_INTEGER, .required = true, .min = SCORE_MIN, .max = SCORE_MAX},
    {.name = "continue", .type = INPUT_ENUM, .required = true, .allowed = continue_answers},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 1000 characters"},
    {0},
};

void api_checkins_create(struct request *r)
{
	int64_t wellbeing, burden, id;
	struct jim_context j;
	char at[25];
	json_t *c = NULL;
	if (!input_need_body(r) ||
	    !input_int_range(r, "wellbeing", true, SCORE_MIN, SCORE_MAX, &wellbeing) ||
	    !input_int_range(r, "burden", true, SCORE_MIN, SCORE_MAX, &burden))
		return;
	const char *cont = input_enum(r, "continue", true, continue_answers);
	if (!cont)
		return;
	const char *note = input_string(r, "note", false, check_note);
	if (r->status || !http_begin_write(r) || !jim_context_load(r, jim_path_id(r), &j))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(r->conn, SQ_CHECKIN_INSERT,
	                                STORE_ARGS(SA_INT(j.jim_id), SA_TEXT(dossier_today_text(r)),
	                                           SA_INT(wellbeing), SA_INT(burden), SA_TEXT(cont),
	                                           SA_TEXT(note), SA_TEXT(at)),
	                                &id, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	if (!jim_alerts_refresh(r, &j))
		return;
	if (store_row(r->conn, SQ_CHECKIN_GET, STORE_ARGS(SA_INT(id)), &c) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 201, c);
}

void api_checkins_list(struct request *r)
{
	struct jim_context j;
	json_t *rows = NULL;
	if (!jim_context_load(r, jim_path_id(r), &j))
		return;
	if (store_rows(r->conn, SQ_CHECKIN_LIST, STORE_ARGS(SA_INT(j.jim_id)), &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	struct date last = j.started;
	json_t *newest = json_array_get(rows, 0);
	if (newest)
		date_parse(json_string_value(json_object_get(newest, "checked_on")), &last);
	struct date next = date_add_days(last, j.alerts.checkin_interval_days);
	http_reply(r, 200,
	           json_pack("{s:o, s:s, s:b}", "items", rows, "next_due_on",
	                     dossier_date_text(r, next), "due",
	                     date_compare(next, date_today()) <= 0));
}

/* Refreshes the alerts of every active JIM in the caller's teams (or one team). */
static bool refresh_team_alerts(struct request *r, int64_t team_id)
{
	json_t *jims = NULL, *row;
	size_t i;
	if (store_rows(r->conn, SQ_ACTIVE_JIMS_OF_USER,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_ID(team_id)), &jims) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	bool ok = true;
	json_array_foreach(jims, i, row)
	{
		struct jim_context j;
		if (!(ok =
		          jim_context_load(r, json_integer_value(json_object_get(row, "id")), &j) &&
		          jim_alerts_refresh(r, &j)))
			break;
	}
	json_decref(jims);
	return ok;
}

/*
 * The page cursor `before` of GET /api/v1/alerts into *before: INT64_MAX
 * without one (the first page), else the id of the last alert of the page
 * before, as the `next` of its answer spells it. Anything else is answered
 * 422 on "before", as every id in a query string is, and gives false.
 */
static bool alerts_cursor(struct request *r, int64_t *before)
{
	if (!input_query_id(r, "before", before))
		return false;
	if (!*before)
		*before = INT64_MAX;
	return true;
}

void api_alerts_list(struct request *r)
{
	int64_t team_id, before;
	const char *state = http_query(r, "state");
	json_t *rows = NULL, *member = NULL;
	if (!alerts_cursor(r, &before))
		return;
	if (!state || !*state)
		state = "open";
	if (strcmp(state, "open") != 0 && strcmp(state, "acknowledged") != 0 &&
	    strcmp(state, "all") != 0) {
		http_validation_error(r, "state", "must be open, acknowledged or all");
		return;
	}
	if (!input_query_id(r, "team_id", &team_id))
		return;
	if (team_id) {
		enum store_status s =
		    store_row(r->conn, SQ_TEAM_MEMBER,
		              STORE_ARGS(SA_INT(team_id), SA_INT(r->caller.user_id)), &member);
		bool in = s == STORE_OK && json_is_true(json_object_get(member, "in_team"));
		json_decref(member);
		if (!in) {
			http_validation_error(r, "team_id", "you are not a member of this team");
			return;
		}
	}
	/* Listing refreshes the time-based alerts (inactive, check-in overdue). */
	if (!http_begin_write(r) || !refresh_team_alerts(r, team_id))
		return;
	/* One row past the cap says whether there are more, and is not answered.
	 * Keyset paging on the order (id, newest first): alerts raised between
	 * two pages have higher ids, so they never shift a later page, and as
	 * new alerts take their ids in commit order (jim_alerts_refresh) none
	 * commits later below an id already answered. */
	if (store_rows(r->conn, SQ_ALERT_LIST,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_ID(team_id), SA_TEXT(state),
	                          SA_INT(ALERTS_LIST_MAX + 1), SA_INT(before)),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	bool more = json_array_size(rows) > ALERTS_LIST_MAX;
	while (json_array_size(rows) > ALERTS_LIST_MAX)
		json_array_remove(rows, ALERTS_LIST_MAX);
	json_t *next = json_null();
	if (more)
		next = json_string(
		    api_id_text(r, json_integer_value(json_object_get(
		                       json_array_get(rows, ALERTS_LIST_MAX - 1), "id"))));
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		http_audit_youth(r, json_integer_value(json_object_get(row, "youth_id")));
		alert_shape(row);
	}
	http_reply(r, 200, json_pack("{s:o, s:b, s:o}", "items", rows, "more", more, "next", next));
}

const struct input_field api_alert_acknowledge_body[] = {
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .required = true,
     .description = "at most 1000 characters"},
    {0},
};

void api_alert_acknowledge(struct request *r)
{
	int64_t id, changed = 0;
	char at[25];
	json_t *alert = NULL;
	if (!input_need_body(r))
		return;
	const char *note = input_string(r, "note", true, check_note);
	if (!note || !parse_id(http_param(r, 0), &id) || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_ALERT_ACK,
	              STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at), SA_TEXT(note)),
	              NULL, &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) {
		http_error(r, 409, "conflict", "this alert was already acknowledged", NULL);
		return;
	}
	if (store_row(r->conn, SQ_ALERT_GET, STORE_ARGS(SA_INT(id)), &alert) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	alert_shape(alert);
	http_reply(r, 200, alert);
}
