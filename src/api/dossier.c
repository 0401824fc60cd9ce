/* Shared pieces of the dossier resources: loading the dossier, dates, history. */
#include "api/dossier.h"

#include <stdlib.h>
#include <string.h>

#include "api/input.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/json_text.h"

const char *const dossier_legal_frames[] = {"voluntary", "ots", "guardianship", "youth_probation",
                                            NULL};
const char *const dossier_living_situations[] = {
    "home",        "network_foster_care", "foster_care", "residential",
    "closed_care", "independent",         "other",       NULL};
const char *const dossier_phases[] = {"jim_search", "collaboration", "aftercare", "closed", NULL};
const char *const dossier_end_reasons[] = {"planned", "ended_by_client", "ended_by_provider",
                                           "moved",   "other",           NULL};

const char *dossier_date_text(struct request *r, struct date d)
{
	char buf[11];
	date_format(d, buf);
	return arena_strdup(&r->arena, buf);
}

const char *dossier_today_text(struct request *r)
{
	return dossier_date_text(r, date_today());
}

bool dossier_input_past_date(struct request *r, const char *field, struct date *out)
{
	if (!input_date(r, field, false, out)) {
		if (r->status)
			return false;
		*out = date_today();
		return true;
	}
	if (date_compare(*out, date_today()) > 0) {
		http_validation_error(r, field, "must not be in the future");
		return false;
	}
	if (r->access.youth_id && date_compare(*out, r->access.birth_date) < 0) {
		http_validation_error(r, field, "must not be before the young person's birth date");
		return false;
	}
	return true;
}

bool dossier_date_in_trajectory(struct request *r, json_t *youth, const char *field, struct date d)
{
	struct date started, closed;
	if (date_parse(json_string_value(json_object_get(youth, "started_on")), &started) &&
	    date_compare(d, started) < 0) {
		http_validation_error(r, field, "must not be before the start of the trajectory");
		return false;
	}
	if (date_parse(json_string_value(json_object_get(youth, "closed_on")), &closed) &&
	    date_compare(d, closed) > 0) {
		http_validation_error(r, field, "must not be after the trajectory was closed");
		return false;
	}
	return true;
}

bool dossier_in_trajectory(struct request *r, const char *field, struct date d)
{
	json_t *youth = NULL;
	if (store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &youth) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	bool ok = dossier_date_in_trajectory(r, youth, field, d);
	json_decref(youth);
	return ok;
}

bool dossier_add_history(struct request *r, int64_t youth_id, const char *field, const char *value,
                         const char *effective_on, const char *reason)
{
	char at[25];
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(r->conn, SQ_HISTORY_INSERT,
	                                STORE_ARGS(SA_INT(youth_id), SA_TEXT(field), SA_TEXT(value),
	                                           SA_TEXT(effective_on), SA_TEXT(reason),
	                                           SA_ID(r->caller.user_id), SA_TEXT(at)),
	                                NULL, NULL);
	if (s != STORE_OK)
		http_store_error(r, STORE_ERROR);
	return s == STORE_OK;
}

bool dossier_set_phase(struct request *r, int64_t youth_id, const char *phase,
                       const char *effective_on, const char *end_reason, const char *reason)
{
	bool closing = strcmp(phase, "closed") == 0;
	enum store_status s =
	    store_run(r->conn, SQ_YOUTH_SET_PHASE,
	              STORE_ARGS(SA_INT(youth_id), SA_TEXT(phase), SA_TEXT(effective_on),
	                         SA_TEXT(closing ? end_reason : NULL),
	                         SA_TEXT(closing ? effective_on : NULL)),
	              NULL, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	return dossier_add_history(r, youth_id, "phase", phase, effective_on, reason);
}

/* The youth row's columns the derived fields come from, copied into the request arena as they
 * pass, and the row's entity tag, hashed from its own columns as they pass. */
struct derived_sources {
	struct arena *arena;
	const char *birth_date, *started_on, *first_nominated_on;
	struct etag etag;
};

/*
 * Adds a column of SQ_YOUTH_GET to the dossier's entity tag, unless the query
 * joined it from elsewhere (the team's name, the first nomination's day): a
 * colleague's first nomination, or a team renamed, is no conflict with a
 * change of the young person's own fields.
 */
static void youth_etag_column(const char *name, const struct store_value *v, void *ctx)
{
	if (strcmp(name, "team_name") != 0 && strcmp(name, "first_nominated_on") != 0)
		etag_column(name, v, ctx);
}

static void keep_derived_source(const char *name, const struct store_value *v, void *ctx)
{
	struct derived_sources *d = ctx;
	youth_etag_column(name, v, &d->etag);
	const char **slot = !strcmp(name, "birth_date")           ? &d->birth_date
	                    : !strcmp(name, "started_on")         ? &d->started_on
	                    : !strcmp(name, "first_nominated_on") ? &d->first_nominated_on
	                                                          : NULL;
	if (slot)
		*slot = v->type == STORE_ARG_TEXT ? arena_strdup(d->arena, v->s) : NULL;
}

/* "age" (when the birth date reads) and "days_to_nomination" (null until the first nomination),
 * computed for today, after the youth row's own fields. */
static void write_derived(struct json_text *t, const struct derived_sources *d)
{
	struct date birth, start, first;
	bool first_key = false;
	if (d->birth_date && date_parse(d->birth_date, &birth)) {
		json_text_key(t, "age", &first_key);
		json_text_int(t, date_age_on(birth, date_today()));
	}
	json_text_key(t, "days_to_nomination", &first_key);
	if (d->first_nominated_on && date_parse(d->first_nominated_on, &first) && d->started_on &&
	    date_parse(d->started_on, &start))
		json_text_int(t, date_days_between(start, first));
	else
		json_text_null(t);
}

/* When the caller's emergency access ends (ISO time), or null for access by
 * the care relationship. */
static enum store_status write_access_expiry(struct request *r, int64_t youth_id,
                                             struct json_text *t)
{
	json_t *row = NULL;
	if (r->access.basis != REL_BREAK_GLASS) {
		json_text_null(t);
		return STORE_OK;
	}
	enum store_status s = store_row(
	    r->conn, SQ_BREAK_GLASS_UNTIL,
	    STORE_ARGS(SA_INT(youth_id), SA_INT(r->caller.user_id), SA_INT(clock_now())), &row);
	if (s != STORE_OK && s != STORE_NOT_FOUND)
		return s;
	json_t *v = row ? json_object_get(row, "expires_at") : NULL;
	if (json_is_integer(v)) {
		char iso[21];
		clock_format_iso(json_integer_value(v), iso);
		json_text_string(t, iso);
	} else
		json_text_null(t);
	json_decref(row);
	return STORE_OK;
}

/*
 * Writes the dossier onto t: the youth row with its derived fields, the
 * network, the statements, the active JIM (or null), the relation that gave
 * access and, under break-the-glass, until when. The store's status; on an
 * error t holds part of it.
 */
static enum store_status write_dossier(struct request *r, int64_t youth_id, struct json_text *t)
{
	struct derived_sources src = {.arena = &r->arena};
	bool first_key = false;
	char etag[ETAG_TEXT_SIZE];
	etag_begin(&src.etag, "youth", youth_id);
	enum store_status s = store_row_text(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(youth_id)), t,
	                                     keep_derived_source, &src);
	if (s != STORE_OK)
		return s;
	etag_end(&src.etag, etag);
	http_set_etag(r, etag);
	t->len--; /* reopen the youth object: its fields go on */
	write_derived(t, &src);
	json_text_key(t, "network", &first_key);
	s = store_rows_text(r->conn, SQ_NETWORK_LIST, STORE_ARGS(SA_INT(youth_id)), t, NULL, NULL);
	if (s != STORE_OK)
		return s;
	json_text_key(t, "statements", &first_key);
	s = store_rows_text(r->conn, SQ_YOUTH_STATEMENT_LIST, STORE_ARGS(SA_INT(youth_id)), t, NULL,
	                    NULL);
	if (s != STORE_OK)
		return s;
	json_text_key(t, "jim", &first_key);
	s = store_row_text(r->conn, SQ_JIM_ACTIVE, STORE_ARGS(SA_INT(youth_id)), t, NULL, NULL);
	if (s == STORE_NOT_FOUND)
		json_text_null(t);
	else if (s != STORE_OK)
		return s;
	json_text_key(t, "access", &first_key);
	json_text_string(t, policy_relation_name(r->access.basis));
	json_text_key(t, "access_expires_at", &first_key);
	s = write_access_expiry(r, youth_id, t);
	if (s != STORE_OK)
		return s;
	json_text_char(t, '}');
	return STORE_OK;
}

bool dossier_answer(struct request *r, int status, int64_t youth_id)
{
	struct json_text t = {0};
	enum store_status s = write_dossier(r, youth_id, &t);
	if (s != STORE_OK) {
		free(t.data);
		http_store_error(r, s);
		return false;
	}
	http_reply_json_text(r, status, t.data, t.len);
	return true;
}

bool dossier_youth_row(struct request *r, int64_t youth_id, json_t **row, char etag[ETAG_TEXT_SIZE])
{
	struct json_text t = {0};
	struct etag e;
	*row = NULL;
	etag_begin(&e, "youth", youth_id);
	enum store_status s = store_row_text(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(youth_id)),
	                                     &t, youth_etag_column, &e);
	if (s == STORE_OK) {
		etag_end(&e, etag);
		*row = json_loadb(t.data, t.len, 0, NULL);
		if (!json_is_object(*row))
			s = STORE_ERROR;
	}
	free(t.data);
	if (s != STORE_OK) {
		json_decref(*row);
		*row = NULL;
		http_store_error(r, s);
	}
	return s == STORE_OK;
}

static const char *check_relation(const char *s)
{
	return person_check_text(s, DOSSIER_RELATION_MAX);
}

static const char *check_contact(const char *s)
{
	return person_check_text(s, DOSSIER_CONTACT_MAX);
}

void dossier_input_person(struct request *r, struct dossier_person *p, struct input_errors *e)
{
	p->name = input_string(r, "name", true, person_check_name);
	input_keep(r, e);
	p->relation = input_string(r, "relation", true, check_relation);
	input_keep(r, e);
	p->contact = input_string(r, "contact", false, check_contact);
	input_keep(r, e);
}

void dossier_input_person_change(struct request *r, struct dossier_person *p,
                                 struct input_errors *e)
{
	p->name = input_string(r, "name", false, person_check_name);
	if (!r->status && input_has(r, "name") && !p->name)
		http_validation_error(r, "name", "this field is required");
	input_keep(r, e);
	p->relation = input_string(r, "relation", false, check_relation);
	if (!r->status && input_has(r, "relation") && !p->relation)
		http_validation_error(r, "relation", "this field is required");
	input_keep(r, e);
	p->contact = input_string(r, "contact", false, check_contact);
	input_keep(r, e);
}

bool dossier_custody_holder(struct request *r, int64_t member_id, const char *field)
{
	json_t *m = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_NETWORK_LOCK, STORE_ARGS(SA_INT(member_id)), &m);
	bool ok = s == STORE_OK &&
	          json_integer_value(json_object_get(m, "youth_id")) == r->access.youth_id &&
	          json_is_true(json_object_get(m, "has_custody"));
	json_decref(m);
	if (s == STORE_ERROR)
		http_store_error(r, s);
	else if (!ok)
		http_validation_error(r, field,
		                      "must be a custody holder in this young person's network");
	return ok;
}
