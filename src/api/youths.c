/* The young person's dossier: /api/v1/youths and its own sub-resources. */
#include <stdlib.h>
#include <string.h>

#include "api/accounts.h"
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/account_rules.h"
#include "domain/bsn.h"
#include "domain/history_cause.h"
#include "domain/name_order.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/fold.h"
#include "util/text.h"

#define MAX_AGE_AT_CREATION 27

static const char *check_bsn(const char *bsn)
{
	return bsn_valid(bsn) ? NULL : "must be 9 digits that pass the eleven-test";
}

static const char *check_municipality(const char *m)
{
	return account_check_display_name(m);
}

/* The birth date of a new dossier: a real date in the past, age 0–27 today. */
static bool input_birth_date(struct request *r, bool required, struct date *out)
{
	if (!input_date(r, "birth_date", required, out))
		return false;
	struct date today = date_today();
	if (date_compare(*out, today) >= 0) {
		http_validation_error(r, "birth_date", "must be in the past");
		return false;
	}
	if (date_age_on(*out, today) > MAX_AGE_AT_CREATION) {
		http_validation_error(r, "birth_date", "the young person must be 27 or younger");
		return false;
	}
	return true;
}

/* The team must exist and the caller must be in it (422 on team_id otherwise). */
static bool caller_in_team(struct request *r, int64_t team_id)
{
	json_t *row = NULL;
	enum store_status s = store_row(
	    r->conn, SQ_TEAM_MEMBER, STORE_ARGS(SA_INT(team_id), SA_INT(r->caller.user_id)), &row);
	bool in = s == STORE_OK && json_is_true(json_object_get(row, "in_team"));
	json_decref(row);
	if (s == STORE_ERROR)
		http_store_error(r, s);
	else if (s == STORE_NOT_FOUND)
		http_validation_error(r, "team_id", "no such team");
	else if (!in)
		http_validation_error(r, "team_id", "you are not a member of this team");
	return s == STORE_OK && in;
}

#define BSN_TEXT "nine digits that pass the eleven-test"

const struct input_field api_youth_body[] = {
    {.name = "given_name",
     .type = INPUT_STRING,
     .max = PERSON_NAME_MAX,
     .required = true,
     .description = PERSON_NAME_TEXT},
    {.name = "family_name",
     .type = INPUT_STRING,
     .max = PERSON_NAME_MAX,
     .required = true,
     .description = PERSON_NAME_TEXT},
    {.name = "birth_date",
     .type = INPUT_DATE,
     .required = true,
     .description = "in the past; the young person is 27 or younger"},
    {.name = "bsn", .type = INPUT_STRING, .max = 9, .description = BSN_TEXT},
    {.name = "municipality",
     .type = INPUT_STRING,
     .max = ACCOUNT_DISPLAY_NAME_MAX,
     .required = true,
     .description = "1 to 100 characters"},
    {.name = "team_id",
     .type = INPUT_ID,
     .required = true,
     .description = "a team the caller is a member of"},
    {.name = "legal_frame",
     .type = INPUT_ENUM,
     .allowed = dossier_legal_frames,
     .description = "absent: voluntary"},
    {.name = "living_situation",
     .type = INPUT_ENUM,
     .allowed = dossier_living_situations,
     .description = "absent: home"},
    {.name = "started_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {0},
};

struct new_youth {
	const char *given, *family, *bsn, *municipality, *legal_frame, *living;
	struct date birth, started;
	int64_t team_id;
};

/*
 * The fields of a new dossier, by the handler's own rules. Every field that
 * is refused is named in one 422 (input_keep()), so that a form shows all
 * its errors after one submit; false when it answered.
 */
static bool read_new_youth(struct request *r, struct new_youth *y)
{
	if (!input_need_body(r))
		return false;
	struct input_errors e = {0};
	y->given = input_string(r, "given_name", true, person_check_name);
	input_keep(r, &e);
	y->family = input_string(r, "family_name", true, person_check_name);
	input_keep(r, &e);
	bool birth_ok = input_birth_date(r, true, &y->birth);
	input_keep(r, &e);
	y->bsn = input_string(r, "bsn", false, check_bsn);
	input_keep(r, &e);
	y->municipality = input_string(r, "municipality", true, check_municipality);
	input_keep(r, &e);
	input_id(r, "team_id", true, &y->team_id);
	input_keep(r, &e);
	y->legal_frame = input_enum(r, "legal_frame", false, dossier_legal_frames);
	input_keep(r, &e);
	y->living = input_enum(r, "living_situation", false, dossier_living_situations);
	input_keep(r, &e);
	if (dossier_input_past_date(r, "started_on", &y->started) && birth_ok &&
	    date_compare(y->started, y->birth) < 0)
		http_validation_error(r, "started_on", "must not be before the birth date");
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return false;
	if (!y->legal_frame)
		y->legal_frame = "voluntary";
	if (!y->living)
		y->living = "home";
	return true;
}

/*
 * The name keys (domain/name_order.h) of a name, copied into the request's
 * arena. False, with 503 answered, when they cannot be made (the name was
 * validated before).
 */
static bool youth_name_keys(struct request *r, const char *given, const char *family,
                            const char **search, const char **sort)
{
	struct name_keys k;
	if (!name_keys_make(given, family, &k)) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	*search = arena_strdup(&r->arena, k.search);
	*sort = arena_strdup(&r->arena, k.sort);
	name_keys_free(&k);
	return true;
}

void api_youths_create(struct request *r)
{
	struct new_youth y = {0};
	int64_t id;
	char at[25];
	if (!read_new_youth(r, &y) || !http_begin_write(r) || !caller_in_team(r, y.team_id))
		return;
	const char *started = dossier_date_text(r, y.started);
	const char *search_key, *sort_key;
	if (!youth_name_keys(r, y.given, y.family, &search_key, &sort_key))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_YOUTH_INSERT,
	              STORE_ARGS(SA_INT(y.team_id), SA_TEXT(y.given), SA_TEXT(y.family),
	                         SA_TEXT(dossier_date_text(r, y.birth)), SA_TEXT(y.bsn),
	                         SA_TEXT(y.municipality), SA_TEXT(y.legal_frame), SA_TEXT(y.living),
	                         SA_TEXT(started), SA_ID(r->caller.user_id), SA_TEXT(at),
	                         SA_TEXT(search_key), SA_TEXT(sort_key)),
	              &id, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	r->audit.youth_id = id;
	r->access = (struct dossier_access){.youth_id = id, .basis = REL_TEAM, .in_team = true};
	r->audit.basis = "team";
	if (!dossier_add_history(r, id, "legal_frame", y.legal_frame, started, HISTORY_OPENED) ||
	    !dossier_add_history(r, id, "living_situation", y.living, started, HISTORY_OPENED) ||
	    !dossier_add_history(r, id, "phase", "jim_search", started, HISTORY_OPENED))
		return;
	dossier_answer(r, 201, id);
}

/*
 * q for LIKE on the name key: folded like the names, wildcards escaped with
 * a backslash, in the request's arena. NULL, with 503 answered, when q
 * cannot be folded.
 */
static const char *like_text(struct request *r, const char *q)
{
	char *folded = text_fold(q);
	if (!folded) {
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	char *out = arena_alloc(&r->arena, 2 * strlen(folded) + 1), *o = out;
	for (const char *p = folded; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	free(folded);
	return out;
}

/* What a dossier search asks (SEARCH_FILTER's parameters): a name part as
 * LIKE text, or a dossier number typed as q; a team; a phase, or "active" for
 * every phase but closed. NULL/0: any. */
struct youth_filter {
	const char *like;
	int64_t number, team_id;
	const char *phase;
};

/*
 * The number of matches over all pages: each row of a page carries it
 * (count(*) OVER ()), so the matches are searched once; only a page past the
 * end, which has no rows, counts them separately. *total is a new reference.
 */
static enum store_status search_total(struct request *r, json_t *items, long page,
                                      const struct youth_filter *f, json_t **total)
{
	if (json_array_size(items) > 0) {
		*total = json_incref(json_object_get(json_array_get(items, 0), "total"));
		return *total ? STORE_OK : STORE_ERROR;
	}
	if (page == 1) {
		*total = json_integer(0);
		return STORE_OK;
	}
	json_t *count = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_YOUTH_COUNT,
	              STORE_ARGS(SA_INT(r->caller.user_id), SA_TEXT(f->like), SA_ID(f->team_id),
	                         SA_TEXT(f->phase), SA_ID(f->number)),
	              &count);
	if (s == STORE_OK)
		*total = json_incref(json_object_get(count, "total"));
	json_decref(count);
	return s == STORE_OK && !*total ? STORE_ERROR : s;
}

void api_youths_search(struct request *r)
{
	int64_t team_id;
	long page, per_page;
	const char *q = http_query(r, "q"), *phase = http_query(r, "phase");
	if (q && !*q)
		q = NULL;
	if (q && utf8_length(q) > 100) {
		http_validation_error(r, "q", "must be at most 100 characters");
		return;
	}
	if (!input_query_id(r, "team_id", &team_id) || !input_query_page(r, &page, &per_page))
		return;
	if (phase && *phase && strcmp(phase, "active") != 0) {
		const char *const *p = dossier_phases;
		while (*p && strcmp(*p, phase) != 0)
			p++;
		if (!*p) {
			http_validation_error(r, "phase", "is not a phase or active");
			return;
		}
	} else if (phase && !*phase) {
		phase = NULL;
	}
	/* q is a name part, or a dossier number */
	struct youth_filter f = {
	    .like = q ? like_text(r, q) : NULL, .team_id = team_id, .phase = phase};
	if (q && !f.like)
		return;
	if (q && !parse_id(q, &f.number))
		f.number = 0;
	json_t *items = NULL;
	enum store_status s =
	    store_rows(r->conn, SQ_YOUTH_SEARCH,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_TEXT(f.like), SA_ID(f.team_id),
	                          SA_TEXT(f.phase), SA_ID(f.number), SA_INT(per_page),
	                          SA_INT((page - 1) * per_page)),
	               &items);
	json_t *total = NULL;
	if (s == STORE_OK)
		s = search_total(r, items, page, &f, &total);
	if (s != STORE_OK) {
		json_decref(items);
		http_store_error(r, STORE_ERROR);
		return;
	}
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row)
	{
		json_object_del(row, "total");
		http_audit_youth(r, json_integer_value(json_object_get(row, "id")));
	}
	http_reply(r, 200,
	           json_pack("{s:o, s:i, s:i, s:o}", "items", items, "page", (int)page, "per_page",
	                     (int)per_page, "total", total));
}

void api_youth_get(struct request *r)
{
	dossier_answer(r, 200, r->access.youth_id);
}

#define CHANGE_REASON_CHARS 500 /* characters: also the declared .max of its fields */

static const char *check_change_reason(const char *s)
{
	return person_check_text(s, CHANGE_REASON_CHARS);
}

/* Whether two stored texts are the same (NULL: no value). */
/*
 * Keeps the old value of a corrected personal field (the right to
 * correction: the history shows what it was). Nothing when it is unchanged.
 */
static enum store_status record_correction(struct request *r, const char *field, const char *old,
                                           const char *new_value)
{
	char at[25];
	if (text_same(old, new_value))
		return STORE_OK;
	const char *reason = json_string_value(json_object_get(r->input, "change_reason"));
	clock_format_iso_ms(clock_now_ms(), at);
	return store_run(r->conn, SQ_CORRECTION_INSERT,
	                 STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(field), SA_TEXT(old),
	                            SA_TEXT(new_value), SA_TEXT(reason), SA_INT(r->caller.user_id),
	                            SA_TEXT(at)),
	                 NULL, NULL);
}

/* GET /api/v1/youths/{id}/corrections: personal fields as they were before each correction. */
void api_youth_corrections(struct request *r)
{
	json_t *rows = NULL;
	if (store_rows(r->conn, SQ_CORRECTION_LIST, STORE_ARGS(SA_INT(r->access.youth_id)),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/*
 * In the order the handler reads them: the tracked fields first (with the
 * reason and date of a change), then the personal fields.
 */
const struct input_field api_youth_patch_body[] = {
    {.name = "legal_frame", .type = INPUT_ENUM, .not_null = true, .allowed = dossier_legal_frames},
    {.name = "living_situation",
     .type = INPUT_ENUM,
     .not_null = true,
     .allowed = dossier_living_situations},
    {.name = "phase", .type = INPUT_ENUM, .not_null = true, .allowed = dossier_phases},
    {.name = "end_reason",
     .type = INPUT_ENUM,
     .allowed = dossier_end_reasons,
     .description = "required when phase becomes closed"},
    {.name = "change_reason",
     .type = INPUT_STRING,
     .max = CHANGE_REASON_CHARS,
     .description = "required when legal_frame, living_situation or phase changes; kept with "
                    "each corrected personal field; at most 500 characters"},
    {.name = "effective_on",
     .type = INPUT_DATE,
     .description = "when a change of legal_frame, living_situation or phase takes "
                    "effect: " DOSSIER_PAST_DATE_TEXT},
    {.name = "given_name",
     .type = INPUT_STRING,
     .not_null = true,
     .max = PERSON_NAME_MAX,
     .description = PERSON_NAME_TEXT},
    {.name = "family_name",
     .type = INPUT_STRING,
     .not_null = true,
     .max = PERSON_NAME_MAX,
     .description = PERSON_NAME_TEXT},
    {.name = "municipality",
     .type = INPUT_STRING,
     .not_null = true,
     .max = ACCOUNT_DISPLAY_NAME_MAX,
     .description = "1 to 100 characters"},
    {.name = "bsn", .type = INPUT_STRING, .max = 9, .description = BSN_TEXT "; null removes it"},
    {.name = "birth_date",
     .type = INPUT_DATE,
     .not_null = true,
     .description = "in the past; the young person is 30 or younger"},
    {0},
};

/* Whether a corrected birth date fits the dossier `cur`; false answered (422 birth_date). */
static bool birth_date_fits(struct request *r, json_t *cur, struct date birth)
{
	struct date started;
	if (date_compare(birth, date_today()) >= 0)
		http_validation_error(r, "birth_date", "must be in the past");
	else if (date_age_on(birth, date_today()) > MAX_AGE_AT_CREATION + 3)
		/* a correction, not a way round the consent rules of a young person's age */
		http_validation_error(r, "birth_date", "the young person must be 30 or younger");
	else if (date_parse(json_string_value(json_object_get(cur, "started_on")), &started) &&
	         date_compare(birth, started) > 0)
		http_validation_error(r, "birth_date",
		                      "must not be after the start of the trajectory");
	return !r->status;
}

/*
 * Personal fields of a PATCH, merged over the stored dossier. *changed is
 * whether one of them really changes: one sent with its current value is no
 * change, and then nothing is written. Every field at fault is named in one
 * 422 before anything is written.
 */
static bool patch_personal(struct request *r, json_t *cur, bool *changed)
{
	struct input_errors e = {0};
	const char *given = input_string(r, "given_name", false, person_check_name);
	input_keep(r, &e);
	const char *family = input_string(r, "family_name", false, person_check_name);
	input_keep(r, &e);
	const char *muni = input_string(r, "municipality", false, check_municipality);
	input_keep(r, &e);
	const char *bsn = input_string(r, "bsn", false, check_bsn);
	input_keep(r, &e);
	struct date birth;
	bool has_birth =
	    input_date(r, "birth_date", false, &birth) && birth_date_fits(r, cur, birth);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return false;
	*changed = false;
	if (!given && !family && !muni && !has_birth && !input_has(r, "bsn"))
		return true;
	/* the reason a correction keeps, checked before anything is written */
	if (!input_string(r, "change_reason", false, check_change_reason) && r->status)
		return false;
#define CUR(k) json_string_value(json_object_get(cur, k))
	const char *names[] = {"given_name", "family_name", "birth_date", "bsn", "municipality"};
	const char *values[] = {given, family, has_birth ? dossier_date_text(r, birth) : NULL, bsn,
	                        muni};
	bool given_field[] = {given, family, has_birth, input_has(r, "bsn"), muni};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (given_field[i] && !text_same(CUR(names[i]), values[i]))
			*changed = true;
	if (!*changed)
		return true;
	const char *new_given = given ? given : CUR("given_name");
	const char *new_family = family ? family : CUR("family_name");
	const char *search_key, *sort_key;
	if (!youth_name_keys(r, new_given, new_family, &search_key, &sort_key))
		return false;
	enum store_status s = store_run(
	    r->conn, SQ_YOUTH_UPDATE_PERSONAL,
	    STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(new_given), SA_TEXT(new_family),
	               SA_TEXT(has_birth ? dossier_date_text(r, birth) : CUR("birth_date")),
	               SA_TEXT(input_has(r, "bsn") ? bsn : CUR("bsn")),
	               SA_TEXT(muni ? muni : CUR("municipality")), SA_TEXT(search_key),
	               SA_TEXT(sort_key)),
	    NULL, NULL);
	for (size_t i = 0; s == STORE_OK && i < sizeof(names) / sizeof(*names); i++)
		if (given_field[i])
			s = record_correction(r, names[i], CUR(names[i]), values[i]);
#undef CUR
	if (s != STORE_OK)
		http_store_error(r, STORE_ERROR);
	return s == STORE_OK;
}

struct tracked_change {
	const char *legal_frame, *living, *phase, *end_reason, *reason, *effective_on;
};

/*
 * The search for a JIM is over while one is active: the phase goes back to
 * jim_search when the JIM ends (POST /jims/{id}/end), not by hand. True
 * (answered 409 jim_active) when the young person has an active JIM.
 */
static bool jim_active(struct request *r)
{
	json_t *jim = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_JIM_ACTIVE, STORE_ARGS(SA_INT(r->access.youth_id)), &jim);
	json_decref(jim);
	if (s == STORE_NOT_FOUND)
		return false;
	if (s != STORE_OK)
		http_store_error(r, s);
	else
		http_error(r, 409, "jim_active",
		           "this young person has an active JIM: the search for a JIM opens "
		           "again when the JIM is ended",
		           "phase");
	return true;
}

/* Reads and checks the tracked fields; a change needs a reason. */
static bool read_tracked(struct request *r, json_t *cur, struct tracked_change *t)
{
	struct date eff;
	t->legal_frame = input_enum(r, "legal_frame", false, dossier_legal_frames);
	t->living =
	    r->status ? NULL : input_enum(r, "living_situation", false, dossier_living_situations);
	t->phase = r->status ? NULL : input_enum(r, "phase", false, dossier_phases);
	t->end_reason = r->status ? NULL : input_enum(r, "end_reason", false, dossier_end_reasons);
	if (r->status)
		return false;
#define SAME(v, k) ((v) && strcmp((v), json_string_value(json_object_get(cur, k))) == 0)
	if (SAME(t->legal_frame, "legal_frame"))
		t->legal_frame = NULL;
	if (SAME(t->living, "living_situation"))
		t->living = NULL;
	if (SAME(t->phase, "phase"))
		t->phase = NULL;
#undef SAME
	if (!t->legal_frame && !t->living && !t->phase)
		return true;
	/* the fields of the change: every one at fault in one 422 */
	struct input_errors e = {0};
	t->reason = input_string(r, "change_reason", true, check_change_reason);
	input_keep(r, &e);
	if (dossier_input_past_date(r, "effective_on", &eff) &&
	    dossier_date_in_trajectory(r, cur, "effective_on", eff))
		t->effective_on = dossier_date_text(r, eff);
	input_keep(r, &e);
	if (t->phase && strcmp(t->phase, "closed") == 0 && !t->end_reason)
		http_validation_error(r, "end_reason", "closing needs an end reason");
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return false;
	if (t->phase && strcmp(json_string_value(json_object_get(cur, "phase")), "closed") == 0) {
		http_error(r, 409, "conflict", "a closed trajectory cannot change phase", "phase");
		return false;
	}
	if (t->phase && strcmp(t->phase, "jim_search") == 0 && jim_active(r))
		return false;
	return true;
}

static bool apply_tracked(struct request *r, const struct tracked_change *t)
{
	int64_t id = r->access.youth_id;
	if (t->legal_frame &&
	    (store_run(r->conn, SQ_YOUTH_SET_LEGAL_FRAME,
	               STORE_ARGS(SA_INT(id), SA_TEXT(t->legal_frame)), NULL, NULL) != STORE_OK ||
	     !dossier_add_history(r, id, "legal_frame", t->legal_frame, t->effective_on,
	                          t->reason)))
		return r->status ? false : (http_store_error(r, STORE_ERROR), false);
	if (t->living &&
	    (store_run(r->conn, SQ_YOUTH_SET_LIVING, STORE_ARGS(SA_INT(id), SA_TEXT(t->living)),
	               NULL, NULL) != STORE_OK ||
	     !dossier_add_history(r, id, "living_situation", t->living, t->effective_on,
	                          t->reason)))
		return r->status ? false : (http_store_error(r, STORE_ERROR), false);
	if (t->phase &&
	    !dossier_set_phase(r, id, t->phase, t->effective_on, t->end_reason, t->reason))
		return false;
	return true;
}

/*
 * A PATCH with a change_reason whose fields all hold their current values
 * changes nothing, and would keep its reason nowhere (a change of a tracked
 * field keeps it in the history, a correction with the old value). It is
 * answered 409 unchanged, naming the first field the body sends (or
 * change_reason), so that whoever wrote the reason learns that nothing was
 * stored instead of reading "saved". True when so answered.
 */
static bool reason_kept_nowhere(struct request *r, const struct tracked_change *t,
                                bool personal_changed)
{
	static const char *const fields[] = {"legal_frame", "living_situation", "phase",
	                                     "given_name",  "family_name",      "birth_date",
	                                     "bsn",         "municipality",     NULL};
	if (t->legal_frame || t->living || t->phase || personal_changed ||
	    !json_is_string(json_object_get(r->input, "change_reason")))
		return false;
	const char *field = "change_reason";
	for (const char *const *f = fields; *f; f++)
		if (input_has(r, *f)) {
			field = *f;
			break;
		}
	http_error(r, 409, "unchanged",
	           "nothing changed: the values sent are the current ones, so the change_reason "
	           "was not kept",
	           field);
	return true;
}

void api_youth_patch(struct request *r)
{
	struct tracked_change t = {0};
	bool personal_changed = false;
	json_t *cur = NULL;
	const char *if_match;
	char etag[ETAG_TEXT_SIZE];
	/* taken first: the change is checked against (and merged with) what is
	   stored, and If-Match against the row as it is until the commit */
	if (!input_need_body(r) || !http_if_match(r, &if_match) ||
	    !http_begin_write_taking(r, SQ_YOUTH_LOCK, r->access.youth_id, NULL) ||
	    !dossier_youth_row(r, r->access.youth_id, &cur, etag))
		return;
	if (!http_if_match_holds(r, if_match, etag)) {
		json_decref(cur);
		return;
	}
	bool ok = read_tracked(r, cur, &t) && patch_personal(r, cur, &personal_changed) &&
	          !reason_kept_nowhere(r, &t, personal_changed) && apply_tracked(r, &t);
	json_decref(cur);
	if (!ok)
		return;
	/* Every field sent holds its current value and no reason came with them:
	   nothing was written, and the dossier is answered as it is (a PATCH
	   retried after its answer was lost is no error). The request read the
	   file and is audited as the read it was, not as an update. */
	if (!t.legal_frame && !t.living && !t.phase && !personal_changed)
		r->audit.action = "read";
	dossier_answer(r, 200, r->access.youth_id);
}

json_t *history_cause_json(const char *reason)
{
	struct history_cause c;
	if (!history_cause_read(reason, &c))
		return json_null();
	json_t *out = json_pack("{s:s}", "code", c.code);
	if (c.value[0])
		json_object_set_new(out, "value", json_string(c.value));
	if (c.meeting_id)
		json_object_set_new(out, "meeting_id", json_integer(c.meeting_id));
	return out;
}

void api_youth_history(struct request *r)
{
	json_t *rows = NULL, *row;
	size_t i;
	enum store_status s =
	    store_rows(r->conn, SQ_HISTORY_LIST, STORE_ARGS(SA_INT(r->access.youth_id)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		json_t *who = json_pack("{s:O, s:O}", "id", json_object_get(row, "changed_by_id"),
		                        "display_name", json_object_get(row, "changed_by_name"));
		json_object_del(row, "changed_by_id");
		json_object_del(row, "changed_by_name");
		json_object_set_new(row, "changed_by", who);
		json_object_set_new(
		    row, "cause",
		    history_cause_json(json_string_value(json_object_get(row, "reason"))));
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/* The scopes a JIM may see today (all four for everyone else). */
static json_t *shared_scopes(struct request *r)
{
	json_t *list = json_array();
	for (unsigned bit = 1; bit <= SCOPE_SHARE_OUTCOMES; bit <<= 1) {
		bool ok = true;
		if (r->access.basis == REL_JIM &&
		    policy_consent_in_force(r->conn, r->access.youth_id, r->access.birth_date,
		                            date_today(), (enum consent_scope)bit,
		                            &ok) != STORE_OK) {
			json_decref(list);
			return NULL;
		}
		if (ok)
			json_array_append_new(list, json_string(consent_scope_name(bit)));
	}
	return list;
}

void api_youth_summary(struct request *r)
{
	json_t *y = NULL, *jim = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y);
	if (s == STORE_OK) {
		s = store_row(r->conn, SQ_JIM_ACTIVE, STORE_ARGS(SA_INT(r->access.youth_id)), &jim);
		if (s == STORE_NOT_FOUND)
			s = STORE_OK;
	}
	json_t *scopes = s == STORE_OK ? shared_scopes(r) : NULL;
	if (!scopes) {
		json_decref(y);
		json_decref(jim);
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *jim_out = jim ? json_pack("{s:O, s:O, s:O}", "id", json_object_get(jim, "id"),
	                                  "name", json_object_get(jim, "name"), "relation",
	                                  json_object_get(jim, "relation"))
	                      : json_null();
	http_reply(r, 200,
	           json_pack("{s:O, s:O, s:O, s:O, s:o, s:o}", "id", json_object_get(y, "id"),
	                     "given_name", json_object_get(y, "given_name"), "phase",
	                     json_object_get(y, "phase"), "team_name",
	                     json_object_get(y, "team_name"), "jim", jim_out, "shared_scopes",
	                     scopes));
	json_decref(y);
	json_decref(jim);
}

const struct input_field api_youth_account_body[] = {
    {.name = "username",
     .type = INPUT_STRING,
     .required = true,
     .max = ACCOUNT_USERNAME_MAX,
     .description = ACCOUNT_USERNAME_TEXT},
    {0},
};

void api_youth_account(struct request *r)
{
	json_t *y = NULL, *team = NULL;
	int64_t user_id, changed = 0;
	if (!input_need_body(r))
		return;
	const char *username = input_string(r, "username", true, account_check_username);
	if (!username || !http_begin_write(r))
		return;
	enum store_status s =
	    store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y);
	if (s == STORE_OK)
		s = store_team_get(r->conn, r->access.team_id, &team);
	if (s != STORE_OK)
		goto store_fail;
	if (!json_is_null(json_object_get(y, "user_id"))) {
		http_error(r, 409, "conflict", "this young person already has a login", NULL);
		goto done;
	}
	if (!api_create_invited_user(
	        r, username, json_string_value(json_object_get(y, "given_name")), "youth",
	        json_integer_value(json_object_get(team, "organisation_id")), &user_id))
		goto done;
	s = store_run(r->conn, SQ_YOUTH_SET_USER,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_INT(user_id)), NULL, &changed);
	if (s != STORE_OK || changed != 1)
		goto store_fail;
	json_t *user = api_invited_user_json(r, user_id);
	if (user)
		http_reply(r, 201, user);
	goto done;
store_fail:
	http_store_error(r, STORE_ERROR);
done:
	json_decref(y);
	json_decref(team);
}

/*
 * POST /api/v1/youths/{id}/account/invitation: the young person lost their
 * password (or phone): a new invitation link for their own login, handed
 * over by the professional as the first one was. 409 no_account without one.
 */
void api_youth_account_invitation(struct request *r)
{
	json_t *y = NULL;
	if (!http_begin_write(r))
		return;
	if (store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *user = json_object_get(y, "user_id");
	if (json_is_integer(user))
		api_reinvite(r, json_integer_value(user));
	else
		http_error(r, 409, "no_account", "this young person has no login yet", NULL);
	json_decref(y);
}
