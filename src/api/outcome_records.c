/* Recording outcomes on the dossier: events, school attendance and measurements. */
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/measurements.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define SHARE_MIN      0
#define SHARE_MAX      100 /* per cent */
#define LATE_MIN       0
#define LATE_MAX       1000
#define LIFE_DATE_TEXT "not in the future nor before the birth date"

static const char *const event_types[] = {
    "police_contact", "ran_away", "school_dropout", "school_return", "hospital",
    "work_start",     NULL};
static const char *const measurement_moments[] = {"T0", "T3", "T9", "T15", "F12", "F24", NULL};
static const char *const measurement_kinds[] = {"satisfaction_youth", "satisfaction_parents",
                                                "goal_realisation", "instrument", NULL};

#define NOTE_CHARS 2000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

#define INSTRUMENT_CHARS 100 /* characters: also the declared .max of its fields */

static const char *check_instrument(const char *s)
{
	return person_check_text(s, INSTRUMENT_CHARS);
}

static bool load_youth(struct request *r, json_t **y)
{
	if (store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), y) == STORE_OK)
		return true;
	http_store_error(r, STORE_ERROR);
	return false;
}

/* A past date that is not before the young person's birth. */
static bool input_life_date(struct request *r, const char *field, struct date *out)
{
	if (!input_date(r, field, true, out))
		return false;
	if (date_compare(*out, date_today()) > 0) {
		http_validation_error(r, field, "must not be in the future");
		return false;
	}
	if (date_compare(*out, r->access.birth_date) < 0) {
		http_validation_error(r, field, "must not be before the birth date");
		return false;
	}
	return true;
}

static void list_of(struct request *r, enum store_query q)
{
	json_t *rows = NULL;
	if (store_rows(r->conn, q, STORE_ARGS(SA_INT(r->access.youth_id)), &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

void api_events_list(struct request *r)
{
	list_of(r, SQ_EVENT_LIST);
}

const struct input_field api_event_body[] = {
    {.name = "type", .type = INPUT_ENUM, .required = true, .allowed = event_types},
    {.name = "occurred_on", .type = INPUT_DATE, .required = true, .description = LIFE_DATE_TEXT},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 2000 characters"},
    {0},
};

void api_events_create(struct request *r)
{
	struct date on;
	int64_t id;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *type = input_enum(r, "type", true, event_types);
	if (!type || !input_life_date(r, "occurred_on", &on))
		return;
	const char *note = input_string(r, "note", false, check_note);
	if (r->status || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	const char *occurred = dossier_date_text(r, on);
	if (store_run(r->conn, SQ_EVENT_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(type), SA_TEXT(occurred),
	                         SA_TEXT(note), SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)id, "type", type,
	                     "occurred_on", occurred, "note",
	                     note ? json_string(note) : json_null(), "created_at", at));
}

void api_attendance_list(struct request *r)
{
	list_of(r, SQ_ATTENDANCE_LIST);
}

const struct input_field api_school_attendance_body[] = {
    {.name = "period_from", .type = INPUT_DATE, .required = true, .description = LIFE_DATE_TEXT},
    {.name = "period_to",
     .type = INPUT_DATE,
     .required = true,
     .description = LIFE_DATE_TEXT ", nor before period_from"},
    {.name = "share_attended",
     .type = INPUT_INTEGER,
     .required = true,
     .min = SHARE_MIN,
     .max = SHARE_MAX,
     .description = "per cent of the school days attended"},
    {.name = "times_late", .type = INPUT_INTEGER, .min = LATE_MIN, .max = LATE_MAX},
    {0},
};

void api_attendance_create(struct request *r)
{
	struct date from, to;
	int64_t share, late = 0, id;
	char at[25];
	if (!input_need_body(r) || !input_life_date(r, "period_from", &from) ||
	    !input_life_date(r, "period_to", &to))
		return;
	if (date_compare(to, from) < 0) {
		http_validation_error(r, "period_to", "must not be before period_from");
		return;
	}
	if (!input_int_range(r, "share_attended", true, SHARE_MIN, SHARE_MAX, &share))
		return;
	bool has_late = input_int_range(r, "times_late", false, LATE_MIN, LATE_MAX, &late);
	if (r->status || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	struct store_arg late_arg = has_late ? SA_INT(late) : SA_NULL;
	if (store_run(r->conn, SQ_ATTENDANCE_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(dossier_date_text(r, from)),
	                         SA_TEXT(dossier_date_text(r, to)), SA_INT(share), late_arg,
	                         SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)id, "period_from",
	                     dossier_date_text(r, from), "period_to", dossier_date_text(r, to),
	                     "share_attended", (json_int_t)share, "times_late",
	                     has_late ? json_integer(late) : json_null()));
}

/* The schedule of moments with their status today. */
static json_t *schedule(struct request *r, json_t *youth, json_t *items)
{
	struct date started, closed, due;
	json_t *out = json_array(), *m;
	size_t j;
	bool is_closed =
	    date_parse(json_string_value(json_object_get(youth, "closed_on")), &closed);
	if (!date_parse(json_string_value(json_object_get(youth, "started_on")), &started))
		return out;
	for (int i = 0; i < MOMENT_COUNT; i++) {
		bool done = false;
		if (!moment_date(i, started, is_closed ? &closed : NULL, &due))
			continue;
		json_array_foreach(items, j, m) done |=
		    !strcmp(json_string_value(json_object_get(m, "moment")), moment_name(i));
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:s}", "moment", moment_name(i), "due_on",
		                   dossier_date_text(r, due), "status",
		                   moment_status_name(moment_status_on(due, date_today(), done))));
	}
	return out;
}

void api_measurements_list(struct request *r)
{
	json_t *rows = NULL, *youth = NULL;
	if (!load_youth(r, &youth))
		return;
	if (store_rows(r->conn, SQ_MEASUREMENT_LIST, STORE_ARGS(SA_INT(r->access.youth_id)),
	               &rows) != STORE_OK) {
		json_decref(youth);
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *sched = schedule(r, youth, rows);
	json_decref(youth);
	http_reply(r, 200, json_pack("{s:o, s:o}", "items", rows, "schedule", sched));
}

struct measurement {
	const char *moment, *kind, *instrument;
	double score, scale_min, scale_max;
	bool has_scale;
};

static bool input_number(struct request *r, const char *field, bool required, double *out)
{
	json_t *v = json_object_get(r->input, field);
	if (!v || json_is_null(v)) {
		if (required)
			http_validation_error(r, field, "this field is required");
		return false;
	}
	if (!json_is_number(v)) {
		http_validation_error(r, field, "must be a number");
		return false;
	}
	*out = json_number_value(v);
	return true;
}

/* Checks the score against its kind: satisfaction 1–10 whole, goals 0–100, instruments in scale. */
static bool check_score(struct request *r, struct measurement *m)
{
	json_t *score = json_object_get(r->input, "score");
	if (!strcmp(m->kind, "instrument")) {
		if (!(m->instrument = input_string(r, "instrument", true, check_instrument)) ||
		    !input_number(r, "scale_min", true, &m->scale_min) ||
		    !input_number(r, "scale_max", true, &m->scale_max))
			return false;
		if (m->scale_min >= m->scale_max) {
			http_validation_error(r, "scale_max", "must be more than scale_min");
			return false;
		}
		m->has_scale = true;
		if (m->score < m->scale_min || m->score > m->scale_max) {
			http_validation_error(r, "score", "must lie within the scale");
			return false;
		}
		return true;
	}
	bool satisfaction = strncmp(m->kind, "satisfaction", 12) == 0;
	double lo = satisfaction ? 1 : 0, hi = satisfaction ? 10 : 100;
	if ((satisfaction && !json_is_integer(score)) || m->score < lo || m->score > hi) {
		http_validation_error(r, "score",
		                      satisfaction
		                          ? "a satisfaction score is a whole number from 1 to 10"
		                          : "goal realisation is a percentage from 0 to 100");
		return false;
	}
	return true;
}

const struct input_field api_measurement_body[] = {
    {.name = "moment", .type = INPUT_ENUM, .required = true, .allowed = measurement_moments},
    {.name = "measured_on", .type = INPUT_DATE, .required = true, .description = LIFE_DATE_TEXT},
    {.name = "kind", .type = INPUT_ENUM, .required = true, .allowed = measurement_kinds},
    {.name = "score",
     .type = INPUT_NUMBER,
     .required = true,
     .description = "satisfaction: a whole number from 1 to 10; goal_realisation: a "
                    "percentage from 0 to 100; instrument: within the scale"},
    {.name = "instrument",
     .type = INPUT_STRING,
     .max = INSTRUMENT_CHARS,
     .description = "required when kind is instrument: its name, at most 100 characters"},
    {.name = "scale_min", .type = INPUT_NUMBER, .description = "required when kind is instrument"},
    {.name = "scale_max",
     .type = INPUT_NUMBER,
     .description = "required when kind is instrument; more than scale_min"},
    {0},
};

void api_measurements_create(struct request *r)
{
	struct measurement m = {0};
	struct date on;
	int64_t id;
	char at[25];
	if (!input_need_body(r) ||
	    !(m.moment = input_enum(r, "moment", true, measurement_moments)) ||
	    !input_life_date(r, "measured_on", &on) ||
	    !(m.kind = input_enum(r, "kind", true, measurement_kinds)) ||
	    !input_number(r, "score", true, &m.score) || !check_score(r, &m) ||
	    !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	struct store_arg lo = m.has_scale ? SA_REAL(m.scale_min) : SA_NULL;
	struct store_arg hi = m.has_scale ? SA_REAL(m.scale_max) : SA_NULL;
	if (store_run(r->conn, SQ_MEASUREMENT_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(m.moment),
	                         SA_TEXT(dossier_date_text(r, on)), SA_TEXT(m.kind),
	                         SA_REAL(m.score), SA_TEXT(m.instrument), lo, hi,
	                         SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:s, s:f, s:o, s:o, s:o}", "id", (json_int_t)id,
	                     "moment", m.moment, "measured_on", dossier_date_text(r, on), "kind",
	                     m.kind, "score", m.score, "instrument",
	                     m.instrument ? json_string(m.instrument) : json_null(), "scale_min",
	                     m.has_scale ? json_real(m.scale_min) : json_null(), "scale_max",
	                     m.has_scale ? json_real(m.scale_max) : json_null(), "created_at", at));
}
