/* Finding the JIM: nominations, the suitability check, parents' agreement, activation. */
#include <string.h>

#include "api/accounts.h"
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/account_rules.h"
#include "domain/history_cause.h"
#include "domain/jim_bounds.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

static const char *const decisions[] = {"approve", "decline", "discuss", NULL};
static const char *const agreement_answers[] = {"agrees", "agrees_reluctantly", "refuses", NULL};

#define NOTE_CHARS 2000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

/* Finds the element of `rows` whose `key` equals id, or NULL (borrowed). */
static json_t *find_by(json_t *rows, const char *key, json_int_t id)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i,
	                   row) if (json_integer_value(json_object_get(row, key)) == id) return row;
	return NULL;
}

/* A lower bound's stored answer: true, false, or null (not yet known). */
static bool answered(json_t *a, const char *bound, bool value)
{
	json_t *v = json_object_get(a, bound);
	return json_is_boolean(v) && json_is_true(v) == value;
}

/*
 * Attaches to each nomination its assessments (oldest first: a decline sent
 * back stays in the history, with who sent it back, when and why), the
 * latest of them as "assessment" (or null), and the parents' agreements.
 * The people in an assessment become {id, display_name}. "ever_unsafe" on
 * the nomination, for kring's own checks (reply_nomination removes it):
 * some assessment found a parent or a candidate not safe for the child.
 */
static void attach(json_t *noms, json_t *assessments, json_t *agreements)
{
	size_t i, j;
	json_t *n, *a;
	json_array_foreach(assessments, i, a)
	{
		api_nest_person(a, "assessed_by", "assessed_by_name");
		api_nest_person(a, "decline_confirmed_by", "decline_confirmed_by_name");
		api_nest_person(a, "decline_returned_by", "decline_returned_by_name");
	}
	json_array_foreach(noms, i, n)
	{
		json_int_t id = json_integer_value(json_object_get(n, "id"));
		json_t *history = json_array(), *list = json_array();
		bool unsafe = false;
		json_array_foreach(assessments, j, a)
		{
			if (json_integer_value(json_object_get(a, "nomination_id")) != id)
				continue;
			json_array_append(history, a);
			unsafe = unsafe || answered(a, "is_parent", true) ||
			         answered(a, "child_safe", false);
		}
		size_t count = json_array_size(history);
		json_object_set(n, "assessment",
		                count ? json_array_get(history, count - 1) : json_null());
		json_object_set_new(n, "assessments", history);
		json_object_set_new(n, "ever_unsafe", json_boolean(unsafe));
		json_array_foreach(agreements, j, a)
		{
			if (json_integer_value(json_object_get(a, "nomination_id")) == id)
				json_array_append_new(
				    list, json_pack("{s:O, s:O, s:O, s:O}", "network_member_id",
				                    json_object_get(a, "network_member_id"), "name",
				                    json_object_get(a, "name"), "answer",
				                    json_object_get(a, "answer"), "answered_on",
				                    json_object_get(a, "answered_on")));
		}
		json_object_set_new(n, "parent_agreements", list);
	}
}

static const char *status_of(json_t *n)
{
	return json_string_value(json_object_get(n, "status"));
}

/* All nominations of the request's young person, complete (new reference); NULL answered. */
static json_t *load_nominations(struct request *r)
{
	json_t *noms = NULL, *as = NULL, *ag = NULL;
	int64_t y = r->access.youth_id;
	enum store_status s = store_rows(r->conn, SQ_NOMINATION_LIST, STORE_ARGS(SA_INT(y)), &noms);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_ASSESSMENT_LIST, STORE_ARGS(SA_INT(y)), &as);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_AGREEMENT_LIST, STORE_ARGS(SA_INT(y)), &ag);
	if (s == STORE_OK)
		attach(noms, as, ag);
	json_decref(as);
	json_decref(ag);
	if (s != STORE_OK) {
		json_decref(noms);
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	return noms;
}

/* One nomination, complete (new reference); NULL answered. */
static json_t *load_nomination(struct request *r, int64_t id)
{
	json_t *noms = load_nominations(r);
	json_t *n = noms ? json_incref(find_by(noms, "id", id)) : NULL;
	json_decref(noms);
	if (noms && !n)
		http_store_error(r, STORE_ERROR);
	return n;
}

static void reply_nomination(struct request *r, int status, int64_t id)
{
	json_t *n = load_nomination(r, id);
	if (!n)
		return;
	/* "ever_unsafe" is for kring's own checks, not part of the answer. */
	json_object_del(n, "ever_unsafe");
	http_reply(r, status, n);
}

void api_nominations_list(struct request *r)
{
	json_t *noms = load_nominations(r), *n;
	size_t i;
	if (!noms)
		return;
	json_array_foreach(noms, i, n) json_object_del(n, "ever_unsafe");
	http_reply(r, 200, json_pack("{s:o}", "items", noms));
}

const struct input_field api_nomination_body[] = {
    DOSSIER_PERSON_FIELDS,
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 2000 characters"},
    {0},
};

/*
 * 409 already_nominated at `name` when a nomination of the same candidate
 * (jim_same_candidate()) still stands for the young person
 * (jim_nomination_stands()); a declined or ended one does not count. Runs
 * with the young person taken, so that two requests cannot both pass it.
 * False when it answered.
 */
static bool not_nominated_yet(struct request *r, const char *name)
{
	json_t *noms = NULL, *n;
	size_t i;
	bool taken = false, ok = true;
	if (store_rows(r->conn, SQ_NOMINATION_LIST, STORE_ARGS(SA_INT(r->access.youth_id)),
	               &noms) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	json_array_foreach(noms, i, n)
	{
		if (!jim_nomination_stands(status_of(n)))
			continue;
		bool same = false;
		ok = jim_same_candidate(json_string_value(json_object_get(n, "name")), name, &same);
		if (!ok || (taken = same))
			break;
	}
	json_decref(noms);
	if (!ok)
		http_store_error(r, STORE_ERROR);
	else if (taken)
		http_error(r, 409, "already_nominated",
		           "this person is already nominated for this young person, and that "
		           "nomination still stands",
		           "name");
	return ok && !taken;
}

void api_nominations_create(struct request *r)
{
	int64_t id;
	char at[25];
	if (!input_need_body(r))
		return;
	struct dossier_person p;
	struct input_errors e = {0};
	dossier_input_person(r, &p, &e);
	const char *note = input_string(r, "note", false, check_note);
	input_keep(r, &e);
	/* the young person taken: the preference is one more than the last */
	if (!input_answer_errors(r, &e) ||
	    !http_begin_write_taking(r, SQ_YOUTH_LOCK, r->access.youth_id, NULL) ||
	    !not_nominated_yet(r, p.name))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_NOMINATION_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(p.name), SA_TEXT(p.relation),
	                         SA_TEXT(p.contact), SA_TEXT(note), SA_TEXT(dossier_today_text(r)),
	                         SA_ID(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	reply_nomination(r, 201, id);
}

/* The nomination in the path (new reference), complete; NULL answered. */
static json_t *path_nomination(struct request *r, int64_t *id)
{
	if (!parse_id(http_param(r, 0), id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return NULL;
	}
	return load_nomination(r, *id);
}

/*
 * The nomination in the path, taken for a change: the write transaction is
 * open and the row locked (PostgreSQL), so that what the change decides on
 * (its status, an unsafe assessment) stays so until it commits. NULL
 * answered.
 */
static json_t *take_nomination(struct request *r, int64_t *id)
{
	if (!parse_id(http_param(r, 0), id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return NULL;
	}
	if (!http_begin_write_taking(r, SQ_NOMINATION_LOCK, *id, NULL))
		return NULL;
	return load_nomination(r, *id);
}

static bool ever_unsafe(json_t *n)
{
	return json_is_true(json_object_get(n, "ever_unsafe"));
}

static bool set_status(struct request *r, int64_t id, const char *status)
{
	if (store_run(r->conn, SQ_NOMINATION_SET_STATUS, STORE_ARGS(SA_INT(id), SA_TEXT(status)),
	              NULL, NULL) == STORE_OK)
		return true;
	http_store_error(r, STORE_ERROR);
	return false;
}

#define BOUND_TEXT "true or false; null or absent: not yet known, only with decision discuss"

const struct input_field api_assessment_body[] = {
    {.name = "is_parent", .type = INPUT_BOOLEAN, .description = BOUND_TEXT},
    {.name = "adult", .type = INPUT_BOOLEAN, .description = BOUND_TEXT},
    {.name = "willing_to_cooperate", .type = INPUT_BOOLEAN, .description = BOUND_TEXT},
    {.name = "child_safe", .type = INPUT_BOOLEAN, .description = BOUND_TEXT},
    {.name = "own_load_manageable", .type = INPUT_BOOLEAN, .description = BOUND_TEXT},
    {.name = "reason",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "required to approve a minor or a candidate with a heavy load (10 "
                    "characters or more) and to decline (20 or more); at most 2000 characters"},
    {.name = "decision", .type = INPUT_ENUM, .required = true, .allowed = decisions},
    {0},
};

/* One lower bound: true, false, or (null or absent) not yet known. */
static bool read_answer(struct request *r, const char *field, enum jim_answer *out)
{
	bool b;
	*out = JIM_UNKNOWN;
	if (input_bool(r, field, false, &b))
		*out = b ? JIM_YES : JIM_NO;
	return !r->status;
}

static bool read_assessment(struct request *r, struct jim_assessment *a)
{
	if (!input_need_body(r) || !read_answer(r, "is_parent", &a->is_parent) ||
	    !read_answer(r, "adult", &a->adult) ||
	    !read_answer(r, "willing_to_cooperate", &a->willing_to_cooperate) ||
	    !read_answer(r, "child_safe", &a->child_safe) ||
	    !read_answer(r, "own_load_manageable", &a->own_load_manageable))
		return false;
	a->reason = input_string(r, "reason", false, check_note);
	const char *d = r->status ? NULL : input_enum(r, "decision", true, decisions);
	if (!d)
		return false;
	a->decision = jim_decision_from_name(d);
	const char *field = NULL;
	const char *problem = jim_assessment_problem(a, &field);
	if (problem) {
		http_validation_error(r, field, problem);
		return false;
	}
	return true;
}

/* A lower bound as stored: 1, 0 or NULL (not yet known). */
static struct store_arg answer_arg(enum jim_answer v)
{
	if (v == JIM_UNKNOWN)
		return (struct store_arg){.type = STORE_ARG_NULL, .null_as = STORE_ARG_INT};
	return SA_BOOL(v == JIM_YES);
}

void api_nomination_assess(struct request *r)
{
	struct jim_assessment a = {0};
	int64_t id;
	char at[25];
	json_t *n = take_nomination(r, &id);
	if (!n)
		return;
	const char *status = status_of(n);
	bool closed =
	    !strcmp(status, "active") || !strcmp(status, "ended") || !strcmp(status, "declined");
	bool second_look = !strcmp(status, "decline_pending");
	bool unsafe_before = ever_unsafe(n);
	json_decref(n);
	if (!read_assessment(r, &a))
		return;
	if (closed) {
		http_error(r, 409, "conflict", "this candidate can no longer be assessed", NULL);
		return;
	}
	/* a decline waits for a teamlead, who confirms it or sends it back for a
	 * new assessment: assessing again first would leave it without either */
	if (second_look) {
		http_error(
		    r, 409, "second_look_pending",
		    "this decline waits for a teamlead's second look: it can be assessed again "
		    "when a teamlead sends it back",
		    NULL);
		return;
	}
	if (a.decision == JIM_APPROVE && unsafe_before) {
		http_validation_error(r, "decision",
		                      "this candidate was assessed as a parent or as not safe for "
		                      "the child, and can never be approved");
		return;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_ASSESSMENT_INSERT,
	              STORE_ARGS(SA_INT(id), answer_arg(a.is_parent), answer_arg(a.adult),
	                         answer_arg(a.willing_to_cooperate), answer_arg(a.child_safe),
	                         answer_arg(a.own_load_manageable), SA_TEXT(a.reason),
	                         SA_TEXT(jim_decision_name(a.decision)), SA_ID(r->caller.user_id),
	                         SA_TEXT(at)),
	              NULL, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	const char *next = a.decision == JIM_APPROVE   ? "approved"
	                   : a.decision == JIM_DECLINE ? "decline_pending"
	                                               : "open";
	if (set_status(r, id, next))
		reply_nomination(r, 201, id);
}

/*
 * A decline takes effect when a teamlead confirms it: a second look, so the
 * teamlead who assessed the candidate cannot confirm their own decline.
 */
void api_nomination_confirm_decline(struct request *r)
{
	int64_t id;
	char at[25];
	json_t *n = take_nomination(r, &id);
	if (!n)
		return;
	bool pending = strcmp(status_of(n), "decline_pending") == 0;
	json_t *by = json_object_get(json_object_get(n, "assessment"), "assessed_by");
	bool own = json_integer_value(json_object_get(by, "id")) == r->caller.user_id;
	json_decref(n);
	if (!pending) {
		http_error(r, 409, "conflict", "there is no decline waiting for confirmation",
		           NULL);
		return;
	}
	if (own) {
		http_error(
		    r, 409, "own_decision",
		    "a decline is confirmed by another teamlead than the one who assessed it",
		    NULL);
		return;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_ASSESSMENT_CONFIRM_DECLINE,
	              STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at)), NULL,
	              NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (set_status(r, id, "declined"))
		reply_nomination(r, 200, id);
}

static const char *check_return_reason(const char *s)
{
	const char *problem = person_check_text(s, JIM_RETURN_REASON_MAX);
	return problem ? problem : jim_return_reason_problem(s);
}

const struct input_field api_return_decline_body[] = {
    {.name = "reason",
     .type = INPUT_STRING,
     .max = JIM_RETURN_REASON_MAX,
     .required = true,
     .description = "why the decline should be looked at again: 10 to 1000 characters"},
    {0},
};

/*
 * The second look disagrees: a teamlead sends a decline back to assessment.
 * Who, when and why are kept with the declining assessment (as a
 * confirmation is), the reason also in the audit trail, and the candidate is
 * open again for a new assessment.
 */
void api_nomination_return_decline(struct request *r)
{
	int64_t id;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *reason = input_string(r, "reason", true, check_return_reason);
	if (!reason)
		return;
	json_t *n = take_nomination(r, &id);
	if (!n)
		return;
	bool pending = strcmp(status_of(n), "decline_pending") == 0;
	json_decref(n);
	if (!pending) {
		http_error(r, 409, "conflict", "there is no decline waiting for a second look",
		           NULL);
		return;
	}
	/* a fixed phrase: the typed reason may name people, and the audit trail
	 * keeps no dossier content (audit.h); it stays on the assessment */
	r->audit.reason = "decline sent back to assessment";
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(
	        r->conn, SQ_ASSESSMENT_RETURN_DECLINE,
	        STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id), SA_TEXT(at), SA_TEXT(reason)),
	        NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (set_status(r, id, "open"))
		reply_nomination(r, 200, id);
}

/*
 * The number of waiting declines over all pages: each row of a page carries
 * it (count(*) OVER ()); only a page past the end, which has no rows, counts
 * them separately. *total is a new reference.
 */
static enum store_status pending_total(struct request *r, json_t *rows, long page,
                                       bool include_closed, json_t **total)
{
	if (json_array_size(rows) > 0) {
		*total = json_incref(json_object_get(json_array_get(rows, 0), "total"));
		return *total ? STORE_OK : STORE_ERROR;
	}
	if (page == 1) {
		*total = json_integer(0);
		return STORE_OK;
	}
	json_t *count = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_NOMINATION_DECLINE_PENDING_COUNT,
	              STORE_ARGS(SA_INT(r->caller.user_id), SA_BOOL(include_closed)), &count);
	if (s == STORE_OK)
		*total = json_incref(json_object_get(count, "total"));
	json_decref(count);
	return s == STORE_OK && !*total ? STORE_ERROR : s;
}

/* A worklist row as answered: the young person and the assessor nested. */
static void shape_pending(struct request *r, json_t *row)
{
	json_int_t by = json_integer_value(json_object_get(row, "assessed_by"));
	api_nest_youth(row);
	json_object_set(json_object_get(row, "youth"), "team_id", json_object_get(row, "team_id"));
	api_nest_person(row, "assessed_by", "assessed_by_name");
	json_object_set_new(row, "own", json_boolean(by == r->caller.user_id));
	json_object_del(row, "team_id");
	json_object_del(row, "total");
}

/*
 * GET /api/v1/nominations?status=decline_pending: the teamlead's worklist,
 * declines on the caller's teams that wait for a second look, oldest first,
 * one page of them. Young people whose trajectory is closed are left out
 * unless include_closed=true. Each young person on the page is audited as
 * a read.
 */
void api_nominations_pending(struct request *r)
{
	const char *status = http_query(r, "status");
	json_t *rows = NULL, *row, *total = NULL;
	long page, per_page;
	bool include_closed;
	size_t i;
	if (!status || strcmp(status, "decline_pending") != 0) {
		http_validation_error(r, "status", "must be decline_pending");
		return;
	}
	if (!input_query_page(r, &page, &per_page) ||
	    !input_query_bool(r, "include_closed", &include_closed))
		return;
	enum store_status s =
	    store_rows(r->conn, SQ_NOMINATION_DECLINE_PENDING,
	               STORE_ARGS(SA_INT(r->caller.user_id), SA_BOOL(include_closed),
	                          SA_INT(per_page), SA_INT((page - 1) * per_page)),
	               &rows);
	if (s == STORE_OK)
		s = pending_total(r, rows, page, include_closed, &total);
	if (s != STORE_OK) {
		json_decref(rows);
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		shape_pending(r, row);
		http_audit_youth(r, json_integer_value(json_object_get(row, "youth_id")));
	}
	http_reply(r, 200,
	           json_pack("{s:o, s:i, s:i, s:o}", "items", rows, "page", (int)page, "per_page",
	                     (int)per_page, "total", total));
}

const struct input_field api_agreement_body[] = {
    {.name = "network_member_id",
     .type = INPUT_ID,
     .required = true,
     .description = "a custody holder in the young person's network"},
    {.name = "answer", .type = INPUT_ENUM, .required = true, .allowed = agreement_answers},
    {.name = "answered_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {0},
};

void api_nomination_agreement(struct request *r)
{
	int64_t id, member;
	struct date on;
	char at[25];
	json_t *n = path_nomination(r, &id);
	if (!n)
		return;
	json_decref(n);
	if (!input_need_body(r) || !input_id(r, "network_member_id", true, &member))
		return;
	const char *answer = input_enum(r, "answer", true, agreement_answers);
	if (!answer || !dossier_input_past_date(r, "answered_on", &on) || !http_begin_write(r) ||
	    !dossier_custody_holder(r, member, "network_member_id"))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_AGREEMENT_INSERT,
	              STORE_ARGS(SA_INT(id), SA_INT(member), SA_TEXT(answer),
	                         SA_TEXT(dossier_date_text(r, on)), SA_ID(r->caller.user_id),
	                         SA_TEXT(at)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	reply_nomination(r, 201, id);
}

/* Refuses activation unless the candidate is approved and no JIM is active. */
static bool can_activate(struct request *r, json_t *n)
{
	json_t *jim = NULL;
	if (strcmp(status_of(n), "approved") != 0 || ever_unsafe(n)) {
		http_error(r, 409, "conflict", "only an approved candidate can become the JIM",
		           NULL);
		return false;
	}
	enum store_status s =
	    store_row(r->conn, SQ_JIM_ACTIVE, STORE_ARGS(SA_INT(r->access.youth_id)), &jim);
	json_decref(jim);
	if (s == STORE_OK) {
		http_error(r, 409, "conflict", "this young person already has an active JIM", NULL);
		return false;
	}
	if (s != STORE_NOT_FOUND) {
		http_store_error(r, s);
		return false;
	}
	return true;
}

static int64_t team_organisation(struct request *r)
{
	json_t *team = NULL;
	int64_t org = 0;
	if (store_team_get(r->conn, r->access.team_id, &team) == STORE_OK)
		org = json_integer_value(json_object_get(team, "organisation_id"));
	json_decref(team);
	return org;
}

const struct input_field api_activation_body[] = {
    {.name = "username",
     .type = INPUT_STRING,
     .required = true,
     .max = ACCOUNT_USERNAME_MAX,
     .description = "the JIM's login: " ACCOUNT_USERNAME_TEXT},
    {.name = "started_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {0},
};

void api_nomination_activate(struct request *r)
{
	int64_t id, user_id, jim_id;
	struct date started;
	char at[25];
	json_t *n = NULL, *y = NULL, *jim = NULL, *user = NULL;
	if (!input_need_body(r))
		return;
	const char *username = input_string(r, "username", true, account_check_username);
	/* the young person first (their phase changes), then the nomination */
	if (!username || !dossier_input_past_date(r, "started_on", &started) ||
	    !http_begin_write_taking(r, SQ_YOUTH_LOCK, r->access.youth_id, NULL) ||
	    !(n = take_nomination(r, &id)) || !can_activate(r, n))
		goto done;
	const char *name = json_string_value(json_object_get(n, "name"));
	const char *started_on = dossier_date_text(r, started);
	if (!api_create_invited_user(r, username, name, "jim", team_organisation(r), &user_id))
		goto done;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(
	    r->conn, SQ_JIM_INSERT,
	    STORE_ARGS(SA_INT(r->access.youth_id), SA_INT(id), SA_INT(user_id), SA_TEXT(name),
	               SA_TEXT(json_string_value(json_object_get(n, "relation"))),
	               SA_TEXT(started_on), SA_TEXT(at)),
	    &jim_id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_CONFLICT ? STORE_CONFLICT : STORE_ERROR);
		goto done;
	}
	r->audit.object_id = api_id_text(r, jim_id);
	if (!set_status(r, id, "active"))
		goto done;
	if (strcmp(json_string_value(json_object_get(y, "phase")), "jim_search") == 0 &&
	    !dossier_set_phase(r, r->access.youth_id, "collaboration", started_on, NULL,
	                       HISTORY_JIM_ACTIVATED))
		goto done;
	if (store_row(r->conn, SQ_JIM_GET, STORE_ARGS(SA_INT(jim_id)), &jim) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		goto done;
	}
	if ((user = api_invited_user_json(r, user_id))) {
		json_object_set(user, "jim", jim);
		http_reply(r, 201, user);
	}
done:
	json_decref(n);
	json_decref(y);
	json_decref(jim);
}
