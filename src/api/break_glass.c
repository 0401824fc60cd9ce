/* Break the glass: time-limited emergency access, always reviewed by a teamlead. */
#include <string.h>

#include "api/api.h"
#include "api/input.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define BREAK_GLASS_REASON_MIN 10

#define REASON_CHARS 1000 /* characters: also the declared .max of its fields */

static const char *check_reason(const char *s)
{
	const char *p = person_check_text(s, REASON_CHARS);
	if (p)
		return p;
	return utf8_length(s) < BREAK_GLASS_REASON_MIN ? "give a reason of at least 10 characters"
	                                               : NULL;
}

/* Grant rows as the API shows them: times as ISO text, the user and the reviewer nested. */
static void shape_grant(json_t *g)
{
	api_iso_time(g, "granted_at");
	api_iso_time(g, "expires_at");
	json_t *user =
	    json_pack("{s:O, s:O, s:O}", "id", json_object_get(g, "user_id"), "display_name",
	              json_object_get(g, "display_name"), "role", json_object_get(g, "role"));
	json_object_del(g, "user_id");
	json_object_del(g, "display_name");
	json_object_del(g, "role");
	json_object_set_new(g, "user", user);
	api_nest_person(g, "reviewed_by", "reviewed_by_name");
}

#define REASON_NOTE_CHARS 1000 /* characters: also the declared .max of its fields */

static const char *check_reason_note(const char *s)
{
	return person_check_text(s, REASON_NOTE_CHARS);
}

const struct input_field api_break_glass_body[] = {
    {.name = "reason",
     .type = INPUT_STRING,
     .max = REASON_CHARS,
     .required = true,
     .description = "why the dossier is needed now: 10 to 1000 characters"},
    {0},
};

void api_break_glass_create(struct request *r)
{
	int64_t id, now = clock_now();
	char expires[21];
	if (!input_need_body(r))
		return;
	const char *reason = input_string(r, "reason", true, check_reason);
	if (!reason)
		return;
	r->audit.reason = reason;
	if (r->access.in_team) {
		http_error(r, 409, "conflict", "you already have access to this dossier", NULL);
		return;
	}
	/* The grant itself is an emergency access: mark its event so. */
	r->audit.basis = "break_glass";
	int64_t until = now + (int64_t)r->srv->cfg->break_glass_seconds;
	if (!http_begin_write(r))
		return;
	enum store_status s =
	    store_run(r->conn, SQ_BREAK_GLASS_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_INT(r->caller.user_id),
	                         SA_TEXT(reason), SA_INT(now), SA_INT(until)),
	              &id, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	clock_format_iso(until, expires);
	http_reply(r, 201,
	           json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "youth_id",
	                     (json_int_t)r->access.youth_id, "expires_at", expires));
}

void api_break_glass_list(struct request *r)
{
	const char *status = http_query(r, "status");
	bool open_only = true;
	json_t *rows = NULL, *row;
	size_t i;
	if (status && *status) {
		if (strcmp(status, "all") == 0)
			open_only = false;
		else if (strcmp(status, "open") != 0) {
			http_validation_error(r, "status", "must be open or all");
			return;
		}
	}
	enum store_status s =
	    store_rows(r->conn, SQ_BREAK_GLASS_LIST,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_BOOL(open_only)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		shape_grant(row);
		http_audit_youth(r, json_integer_value(json_object_get(row, "youth_id")));
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/* The body is optional. */
const struct input_field api_break_glass_review_body[] = {
    {.name = "note",
     .type = INPUT_STRING,
     .max = REASON_NOTE_CHARS,
     .description = "at most 1000 characters"},
    {0},
};

void api_break_glass_review(struct request *r)
{
	int64_t id, changed = 0;
	char at[25];
	json_t *grant = NULL;
	const char *note = NULL;
	if (r->input && !(note = input_string(r, "note", false, check_reason_note)) && r->status)
		return;
	if (!parse_id(http_param(r, 0), &id) || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_BREAK_GLASS_REVIEW,
	              STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at), SA_TEXT(note)),
	              NULL, &changed);
	if (s == STORE_OK && changed == 0) {
		http_error(r, 409, "conflict", "this grant was already reviewed", NULL);
		return;
	}
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_BREAK_GLASS_GET, STORE_ARGS(SA_INT(id)), &grant);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	shape_grant(grant);
	http_reply(r, 200, grant);
}
