/*
 * The rights of the young person over their file (AVG, Jeugdwet): requests
 * with their deadlines for the privacy officer, the young person's own
 * statement in the file, the complete export, and destruction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/person_rules.h"
#include "domain/subject_rights.h"
#include "store/destruction.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

static const char *const closings[] = {"done", "refused", NULL};

#define NOTE_CHARS 1000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

#define STATEMENT_CHARS 5000 /* characters: also the declared .max of its fields */

static const char *check_statement(const char *s)
{
	return person_check_text(s, STATEMENT_CHARS);
}

/* The young person's age today; false (answered) when the dossier cannot be read. */
static bool youth_age(struct request *r, int64_t youth, int *age)
{
	json_t *d = NULL;
	struct date birth;
	enum store_status s = store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(youth)), &d);
	bool ok = s == STORE_OK &&
	          date_parse(json_string_value(json_object_get(d, "birth_date")), &birth);
	if (ok)
		*age = date_age_on(birth, date_today());
	else
		http_store_error(r, s == STORE_OK ? STORE_ERROR : s);
	json_decref(d);
	return ok;
}

const struct input_field api_rights_body[] = {
    {.name = "kind", .type = INPUT_ENUM, .required = true, .allowed = rights_kinds},
    {.name = "requested_by",
     .type = INPUT_ENUM,
     .allowed = rights_requesters,
     .description = "required unless the young person asks (then youth)"},
    {.name = "received_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 1000 characters"},
    {0},
};

/* POST /api/v1/youths/{id}/requests */
void api_rights_create(struct request *r)
{
	struct date received = date_today();
	int64_t id, youth = r->access.youth_id;
	int age;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *kind = input_enum(r, "kind", true, rights_kinds);
	const char *who =
	    kind ? input_enum(r, "requested_by", r->caller.role != ROLE_YOUTH, rights_requesters)
	         : NULL;
	if (!kind || r->status)
		return;
	if (r->caller.role == ROLE_YOUTH) {
		if (who && strcmp(who, "youth") != 0) {
			http_validation_error(r, "requested_by", "you ask for yourself");
			return;
		}
		who = "youth";
	}
	if (input_has(r, "received_on") && !dossier_input_past_date(r, "received_on", &received))
		return;
	const char *note = input_string(r, "note", false, check_note);
	if (r->status)
		return;
	if (!strcmp(kind, "destruction")) {
		if (!youth_age(r, youth, &age))
			return;
		const char *why = rights_destruction_requester(age, who);
		if (why) {
			http_validation_error(r, "requested_by", why);
			return;
		}
	}
	const char *received_text = dossier_date_text(r, received);
	const char *due = dossier_date_text(r, rights_due_on(kind, received));
	if (!http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_RIGHTS_INSERT,
	              STORE_ARGS(SA_INT(youth), SA_TEXT(kind), SA_TEXT(who), SA_TEXT(received_text),
	                         SA_TEXT(due), SA_TEXT(note), SA_INT(r->caller.user_id),
	                         SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id,
	                     "youth_id", (json_int_t)youth, "kind", kind, "requested_by", who,
	                     "received_on", received_text, "due_on", due, "status", "open"));
}

/* Adds days_left and overdue to an open request. */
static void add_deadline(json_t *row, struct date today)
{
	struct date due;
	if (strcmp(json_string_value(json_object_get(row, "status")), "open") != 0 ||
	    !date_parse(json_string_value(json_object_get(row, "due_on")), &due))
		return;
	int64_t left = date_days_between(today, due);
	json_object_set_new(row, "days_left", json_integer(left));
	json_object_set_new(row, "overdue", json_boolean(left < 0));
}

/* GET /api/v1/requests?status=open|done|refused|all (default open) */
void api_rights_list(struct request *r)
{
	const char *status = http_query(r, "status");
	json_t *rows = NULL, *row;
	size_t i;
	if (!status || !*status)
		status = "open";
	if (strcmp(status, "open") != 0 && strcmp(status, "done") != 0 &&
	    strcmp(status, "refused") != 0 && strcmp(status, "all") != 0) {
		http_validation_error(r, "status", "must be open, done, refused or all");
		return;
	}
	if (store_rows(r->conn, SQ_RIGHTS_LIST,
	               STORE_ARGS(SA_TEXT(strcmp(status, "all") != 0 ? status : NULL)),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	struct date today = date_today();
	json_array_foreach(rows, i, row)
	{
		add_deadline(row, today);
		/* a request's note is about the young person: in their access log */
		json_int_t youth = json_integer_value(json_object_get(row, "youth_id"));
		if (youth > 0)
			http_audit_youth(r, youth);
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/* Whether the young person's file still exists (*exists); false (answered) on a store error. */
static bool youth_exists(struct request *r, int64_t youth, bool *exists)
{
	json_t *d = NULL;
	/* taken (FOR UPDATE on PostgreSQL): a second destruction waits and finds it
	 * gone, and no row referring to the young person is added meanwhile */
	enum store_status s =
	    store_row(r->conn, SQ_YOUTH_LOCK_DESTROY, STORE_ARGS(SA_INT(youth)), &d);
	json_decref(d);
	if (s != STORE_OK && s != STORE_NOT_FOUND) {
		http_store_error(r, s);
		return false;
	}
	*exists = s == STORE_OK;
	return true;
}

/* For a destruction: the body must name the young person again ("confirm_youth_id"). */
static bool destruction_confirmed(struct request *r, int64_t youth)
{
	int64_t confirm;
	if (!input_id(r, "confirm_youth_id", true, &confirm))
		return false;
	if (confirm != youth) {
		http_validation_error(r, "confirm_youth_id",
		                      "is not the young person of this request");
		return false;
	}
	return true;
}

const struct input_field api_rights_close_body[] = {
    {.name = "status", .type = INPUT_ENUM, .required = true, .allowed = closings},
    {.name = "decision",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "required when status is refused; at most 1000 characters"},
    {.name = "confirm_youth_id",
     .type = INPUT_ID,
     .description = "required to close a destruction request as done: the young person's id "
                    "again"},
    {0},
};

/* POST /api/v1/requests/{id}/close  {status: done|refused, decision} */
void api_rights_close(struct request *r)
{
	int64_t id;
	json_t *req = NULL;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *status = input_enum(r, "status", true, closings);
	const char *decision =
	    status ? input_string(r, "decision", !strcmp(status, "refused"), check_note) : NULL;
	if (!status || r->status)
		return;
	enum store_status s = parse_id(http_param(r, 0), &id)
	                          ? store_row(r->conn, SQ_RIGHTS_GET, STORE_ARGS(SA_INT(id)), &req)
	                          : STORE_NOT_FOUND;
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	int64_t youth = json_integer_value(json_object_get(req, "youth_id"));
	bool destroy = !strcmp(json_string_value(json_object_get(req, "kind")), "destruction") &&
	               !strcmp(status, "done");
	bool open = !strcmp(json_string_value(json_object_get(req, "status")), "open");
	json_decref(req);
	r->audit.object_id = api_id_text(r, id);
	r->audit.youth_id = youth;
	if (!open) {
		http_error(r, 409, "conflict", "this request is already closed", NULL);
		return;
	}
	if (destroy && decision) {
		/* the request outlives the file: a text kept with it could name the young person */
		http_validation_error(r, "decision",
		                      "a destruction keeps no decision text: it could name the "
		                      "young person; leave it empty");
		return;
	}
	if (destroy && !destruction_confirmed(r, youth))
		return;
	if (!http_begin_write(r))
		return;
	int64_t changed = 0;
	clock_format_iso_ms(clock_now_ms(), at);
	/* a file destroyed meanwhile (another request, retention) is not destroyed twice */
	if (destroy && !youth_exists(r, youth, &destroy))
		return;
	s = destroy ? store_destroy_youth(r->conn, youth, id, r->caller.user_id,
	                                  dossier_date_text(r, date_today()))
	            : STORE_OK;
	if (s == STORE_OK)
		s = store_run(r->conn, SQ_RIGHTS_CLOSE,
		              STORE_ARGS(SA_INT(id), SA_TEXT(status),
		                         SA_TEXT(dossier_date_text(r, date_today())),
		                         SA_INT(r->caller.user_id), SA_TEXT(decision)),
		              NULL, &changed);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (changed != 1) { /* closed by someone else in the meantime */
		http_error(r, 409, "conflict", "this request is already closed", NULL);
		return;
	}
	if (destroy) {
		r->audit.action = "destroy";
		r->audit.object_type = "youth";
		r->audit.object_id = api_id_text(r, youth);
		r->scrub_after_commit = true;
	}
	http_reply(r, 200,
	           json_pack("{s:I, s:I, s:s, s:b}", "id", (json_int_t)id, "youth_id",
	                     (json_int_t)youth, "status", status, "destroyed", destroy));
}

/* GET /api/v1/youths/{id}/export: everything kept about the young person. */
/*
 * What the young person's own copy leaves out: data about other people (the
 * JIM's check-ins, time and expenses, the assessments of people they
 * nominated, custody holders' agreements, alerts about the JIM,
 * professionals' break-the-glass reasons and journal) and derived figures.
 * The privacy officer's export holds everything, to decide what to hand over
 * (AVG art. 15(4): the rights of others).
 */
/* clang-format off */
static const char *const not_for_self[] = {
    "jim_checkins", "jim_costs", "expense_statements", "jim_activities", "jim_activity_changes",
    "assessments", "alerts", "parent_agreements", "break_glass", "journal_entries",
    "youth_facts", "network_member_changes", NULL};
/* clang-format on */

static bool shown_to_self(const char *table)
{
	for (const char *const *t = not_for_self; *t; t++)
		if (!strcmp(*t, table))
			return false;
	return true;
}

/*
 * And the columns about other people in the tables it does hold: the
 * contact details of the people in their network and of candidates, and
 * professionals' notes about a candidate, about why someone left the
 * network (as the reasons of corrections, network_member_changes) or about
 * why a JIM ended.
 */
static const struct {
	const char *table, *column;
} not_for_self_columns[] = {
    /* clang-format off */
    {"network_members", "contact"},
    {"network_members", "removed_reason"},
    {"nominations", "contact"},
    {"nominations", "note"},
    {"jims", "end_note"},
    /* clang-format on */
};

static void drop_columns_for_self(const char *table, json_t *rows)
{
	size_t i;
	json_t *row;
	for (size_t c = 0; c < sizeof(not_for_self_columns) / sizeof(not_for_self_columns[0]); c++)
		if (!strcmp(not_for_self_columns[c].table, table))
			json_array_foreach(rows, i, row)
			    json_object_del(row, not_for_self_columns[c].column);
}

/*
 * And of the requests about the file, the notes that someone else wrote (a
 * privacy officer's or a professional's note may be about who asked, such
 * as a parent); a note the young person wrote themselves (the correction
 * they asked for in kring) stays.
 */
static void drop_request_notes_for_self(json_t *rows, int64_t self_user_id)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (json_integer_value(json_object_get(row, "registered_by")) != self_user_id)
			json_object_del(row, "note");
	}
}

/*
 * Each history row also gets `cause`, its reason as data when kring wrote
 * it itself (as GET /youths/{id}/history has it), so that a screen can say
 * it in the reader's language; the stored `reason` stays as it is.
 */
static void add_history_causes(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		json_object_set_new(
		    row, "cause",
		    history_cause_json(json_string_value(json_object_get(row, "reason"))));
	}
}

/*
 * Whether a column of the file holds the number of a person's account: who
 * made, changed or decided something (`*_by`), wrote it (`author_id`), owns
 * it (`owner_user_id`) or whose account a row is (`user_id`). Only integer
 * values count: `given_by` and `requested_by` hold words.
 */
static bool person_column(const char *k)
{
	size_t n = strlen(k);
	return (n > 3 && !strcmp(k + n - 3, "_by")) || !strcmp(k, "author_id") ||
	       !strcmp(k, "owner_user_id") || !strcmp(k, "user_id");
}

/*
 * The accounts that the rows of `tables` name in a person column, each once,
 * as a new array of {id, display_name, role} in the order first named, so
 * that a reader sees a name and not a number; an id without an account is
 * left out. Not every one of them is in the access log: a professional who
 * made a goal may never have opened the file since. One query asks for all
 * of them, with the ids as a bound JSON array.
 */
static enum store_status file_people(struct request *r, json_t *tables, json_t **people)
{
	json_t *seen = json_object(), *ids = json_array(), *out = NULL;
	const char *table, *k;
	json_t *rows, *row, *v;
	size_t i;
	char key[24], *text = NULL;
	enum store_status s = STORE_ERROR;
	if (!seen || !ids)
		goto done;
	json_object_foreach(tables, table, rows)
	{
		json_array_foreach(rows, i, row)
		{
			json_object_foreach(row, k, v)
			{
				if (!json_is_integer(v) || !person_column(k))
					continue;
				snprintf(key, sizeof key, "%" JSON_INTEGER_FORMAT,
				         json_integer_value(v));
				if (json_object_get(seen, key))
					continue;
				if (json_object_set_new(seen, key, json_true()) ||
				    json_array_append(ids, v))
					goto done;
			}
		}
	}
	if (json_array_size(ids) == 0) {
		out = json_array();
		s = out ? STORE_OK : STORE_ERROR;
		goto done;
	}
	text = json_dumps(ids, JSON_COMPACT);
	if (!text)
		goto done;
	s = store_rows(r->conn, SQ_EXPORT_PEOPLE, STORE_ARGS(SA_TEXT(text)), &out);
done:
	free(text);
	json_decref(seen);
	json_decref(ids);
	if (s != STORE_OK) {
		json_decref(out);
		return s;
	}
	*people = out;
	return STORE_OK;
}

void api_youth_export(struct request *r)
{
	int64_t youth = r->access.youth_id;
	bool self = r->access.basis == REL_SELF;
	char at[25];
	json_t *tables = json_object(), *rows = NULL, *log = NULL, *requests = NULL, *people = NULL;
	enum store_status s = STORE_OK;
#define EXPORT_TABLE(table, cond)                                                                  \
	if (s == STORE_OK && (!self || shown_to_self(#table)) &&                                   \
	    (s = store_rows(r->conn, SQ_EXPORT_##table, STORE_ARGS(SA_INT(youth)), &rows)) ==      \
	        STORE_OK) {                                                                        \
		if (self)                                                                          \
			drop_columns_for_self(#table, rows);                                       \
		json_object_set_new(tables, #table, rows);                                         \
	}
	YOUTH_DATA_TABLES(EXPORT_TABLE, "")
#undef EXPORT_TABLE
	add_history_causes(json_object_get(tables, "youth_history"));
	if (s == STORE_OK && (s = store_rows(r->conn, SQ_ACCESS_LOG_ALL, STORE_ARGS(SA_INT(youth)),
	                                     &log)) == STORE_OK) {
		size_t i;
		json_t *row;
		json_array_foreach(log, i, row) access_log_hide_outside_circle(row);
	}
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_RIGHTS_OF_YOUTH, STORE_ARGS(SA_INT(youth)), &requests);
	if (s == STORE_OK) {
		if (self)
			drop_request_notes_for_self(requests, r->caller.user_id);
		json_object_set_new(tables, "subject_requests", requests);
		requests = NULL;
		s = file_people(r, tables, &people);
	}
	if (s != STORE_OK) {
		json_decref(tables);
		json_decref(log);
		json_decref(requests);
		http_store_error(r, STORE_ERROR);
		return;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	http_reply(r, 200,
	           json_pack("{s:I, s:s, s:o, s:o, s:o}", "youth_id", (json_int_t)youth,
	                     "exported_at", at, "tables", tables, "access_log", log, "people",
	                     people));
}

const struct input_field api_youth_statement_body[] = {
    {.name = "text",
     .type = INPUT_STRING,
     .max = STATEMENT_CHARS,
     .required = true,
     .description = "at most 5000 characters"},
    {0},
};

/* POST /api/v1/youths/{id}/statements: the young person's own words, kept in the file. */
void api_youth_statement_create(struct request *r)
{
	int64_t id;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *text = input_string(r, "text", true, check_statement);
	if (!text || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_YOUTH_STATEMENT_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(text),
	                         SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "text", text,
	                     "created_at", at, "written_by",
	                     r->caller.display_name ? r->caller.display_name : ""));
}
