/* The journal of contacts and notes; shared notes reach the JIM only under consent. */
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"

#define MINUTES_MIN 1
#define MINUTES_MAX 1440

static const char *const journal_kinds[] = {"contact", "phone", "home_visit", "meeting",
                                            "note",    "other", NULL};

#define TEXT_CHARS 10000 /* characters: also the declared .max of its fields */

static const char *check_text(const char *s)
{
	return person_check_text(s, TEXT_CHARS);
}

void api_journal_list(struct request *r)
{
	json_t *rows = NULL, *row;
	size_t i;
	bool shared_only = r->access.basis == REL_JIM;
	enum store_status s =
	    store_rows(r->conn, SQ_JOURNAL_LIST,
	               STORE_ARGS(SA_INT(r->access.youth_id), SA_BOOL(shared_only)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		json_t *author = json_pack("{s:O, s:O}", "id", json_object_get(row, "author_id"),
		                           "display_name", json_object_get(row, "author_name"));
		json_object_del(row, "author_id");
		json_object_del(row, "author_name");
		json_object_set_new(row, "author", author);
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

const struct input_field api_journal_body[] = {
    {.name = "occurred_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {.name = "kind", .type = INPUT_ENUM, .required = true, .allowed = journal_kinds},
    {.name = "minutes", .type = INPUT_INTEGER, .min = MINUTES_MIN, .max = MINUTES_MAX},
    {.name = "text",
     .type = INPUT_STRING,
     .max = TEXT_CHARS,
     .required = true,
     .description = "at most 10000 characters"},
    {.name = "shared",
     .type = INPUT_BOOLEAN,
     .required = true,
     .description = "whether the JIM may read it (with consent to share notes)"},
    {0},
};

void api_journal_create(struct request *r)
{
	struct date on;
	int64_t minutes = 0, id;
	bool shared;
	char at[25];
	if (!input_need_body(r) || !dossier_input_past_date(r, "occurred_on", &on))
		return;
	const char *kind = input_enum(r, "kind", true, journal_kinds);
	if (!kind)
		return;
	bool has_minutes = input_int_range(r, "minutes", false, MINUTES_MIN, MINUTES_MAX, &minutes);
	if (r->status)
		return;
	const char *text = input_string(r, "text", true, check_text);
	if (!text || !input_bool(r, "shared", true, &shared) || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	const char *occurred = dossier_date_text(r, on);
	struct store_arg minutes_arg = has_minutes ? SA_INT(minutes) : SA_NULL;
	if (store_run(r->conn, SQ_JOURNAL_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(occurred), SA_TEXT(kind),
	                         minutes_arg, SA_TEXT(text), SA_BOOL(shared),
	                         SA_ID(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:o, s:s, s:b, s:{s:I, s:s}, s:s}", "id",
	                     (json_int_t)id, "occurred_on", occurred, "kind", kind, "minutes",
	                     has_minutes ? json_integer(minutes) : json_null(), "text", text,
	                     "shared", shared, "author", "id", (json_int_t)r->caller.user_id,
	                     "display_name", r->caller.display_name, "created_at", at));
}
