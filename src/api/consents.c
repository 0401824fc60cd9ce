/* Consent to share with the JIM, by Dutch age rules (domain/consent.h). */
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/consent.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

static const char *const givers[] = {"youth", "custody_holder", NULL};

static const char *rule_name(enum consent_rule rule)
{
	return rule == CONSENT_CUSTODY_ONLY        ? "custody_only"
	       : rule == CONSENT_YOUTH_AND_CUSTODY ? "youth_and_custody"
	                                           : "youth_only";
}

void api_consents_list(struct request *r)
{
	json_t *rows = NULL, *effective = json_object();
	struct date today = date_today();
	enum store_status s =
	    store_rows(r->conn, SQ_CONSENT_LIST, STORE_ARGS(SA_INT(r->access.youth_id)), &rows);
	for (unsigned bit = 1; s == STORE_OK && bit <= SCOPE_SHARE_OUTCOMES; bit <<= 1) {
		bool ok = false;
		s = policy_consent_in_force(r->conn, r->access.youth_id, r->access.birth_date,
		                            today, (enum consent_scope)bit, &ok);
		json_object_set_new(effective, consent_scope_name(bit), json_boolean(ok));
	}
	if (s != STORE_OK) {
		json_decref(rows);
		json_decref(effective);
		http_store_error(r, STORE_ERROR);
		return;
	}
	int age = date_age_on(r->access.birth_date, today);
	http_reply(r, 200,
	           json_pack("{s:o, s:i, s:s, s:o}", "items", rows, "age", age, "rule",
	                     rule_name(consent_rule_for_age(age)), "effective", effective));
}

static void reply_consent(struct request *r, int status, int64_t id)
{
	json_t *c = NULL;
	if (store_row(r->conn, SQ_CONSENT_GET, STORE_ARGS(SA_INT(id)), &c) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, status, c);
}

const struct input_field api_consent_body[] = {
    {.name = "scope", .type = INPUT_ENUM, .required = true, .allowed = consent_scope_names},
    {.name = "given_by", .type = INPUT_ENUM, .required = true, .allowed = givers},
    {.name = "given_on",
     .type = INPUT_DATE,
     .description = "not before the young person's birth; may lie ahead; absent: today"},
    {.name = "network_member_id",
     .type = INPUT_ID,
     .description = "required when given_by is custody_holder: a custody holder in the "
                    "young person's network"},
    {0},
};

/*
 * Inside the write transaction, with the young person taken: the same
 * person's consent for this scope, given on the same day, must not stand
 * already (a form sent twice): 409 `already_given`. Returns false answered.
 */
static bool not_given_yet(struct request *r, const char *scope, const char *by, int64_t member,
                          const char *given_on)
{
	json_t *row = NULL;
	enum store_status s = store_row(r->conn, SQ_CONSENT_STANDING,
	                                STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(scope),
	                                           SA_TEXT(by), SA_ID(member), SA_TEXT(given_on)),
	                                &row);
	json_decref(row);
	if (s == STORE_NOT_FOUND)
		return true;
	if (s == STORE_OK)
		http_error(
		    r, 409, "already_given",
		    "this person's consent for this scope, given on this day, is already recorded",
		    "scope");
	else
		http_store_error(r, STORE_ERROR);
	return false;
}

void api_consents_create(struct request *r)
{
	int64_t member = 0, id;
	struct date given = date_today();
	char at[25];
	if (!input_need_body(r))
		return;
	const char *scope = input_enum(r, "scope", true, consent_scope_names);
	const char *by = scope ? input_enum(r, "given_by", true, givers) : NULL;
	if (!by)
		return;
	if (!input_date(r, "given_on", false, &given) && r->status)
		return;
	if (date_compare(given, r->access.birth_date) < 0) {
		http_validation_error(r, "given_on",
		                      "must not be before the young person's birth date");
		return;
	}
	bool custody = strcmp(by, "custody_holder") == 0;
	if (custody && r->access.basis == REL_SELF) {
		http_validation_error(r, "given_by", "you can record only your own consent");
		return;
	}
	if (custody && !input_id(r, "network_member_id", true, &member))
		return;
	if (!http_begin_write_taking(r, SQ_YOUTH_LOCK, r->access.youth_id, NULL) ||
	    (custody && !dossier_custody_holder(r, member, "network_member_id")) ||
	    !not_given_yet(r, scope, by, member, dossier_date_text(r, given)))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(
	    r->conn, SQ_CONSENT_INSERT,
	    STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(scope), SA_TEXT(by), SA_ID(member),
	               SA_TEXT(dossier_date_text(r, given)), SA_ID(r->caller.user_id), SA_TEXT(at)),
	    &id, NULL);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	reply_consent(r, 201, id);
}

/* The body is optional. */
const struct input_field api_consent_withdraw_body[] = {
    {.name = "withdrawn_on",
     .type = INPUT_DATE,
     .description = "not in the future nor before the consent was given; absent: today"},
    {0},
};

void api_consent_withdraw(struct request *r)
{
	int64_t id, changed = 0;
	struct date on = date_today(), given;
	json_t *c = NULL;
	if (r->input && !dossier_input_past_date(r, "withdrawn_on", &on))
		return;
	if (!parse_id(http_param(r, 0), &id) ||
	    store_row(r->conn, SQ_CONSENT_GET, STORE_ARGS(SA_INT(id)), &c) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	bool own = strcmp(json_string_value(json_object_get(c, "given_by")), "youth") == 0;
	bool before = date_parse(json_string_value(json_object_get(c, "given_on")), &given) &&
	              date_compare(on, given) < 0;
	json_decref(c);
	if (r->access.basis == REL_SELF && !own) {
		http_error(r, 403, "forbidden", "you can withdraw only your own consent", NULL);
		return;
	}
	if (before) {
		http_validation_error(r, "withdrawn_on",
		                      "must not be before the consent was given");
		return;
	}
	if (!http_begin_write(r))
		return;
	if (store_run(r->conn, SQ_CONSENT_WITHDRAW,
	              STORE_ARGS(SA_INT(id), SA_TEXT(dossier_date_text(r, on))), NULL,
	              &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (changed == 0) {
		http_error(r, 409, "conflict", "this consent was already withdrawn", NULL);
		return;
	}
	reply_consent(r, 200, id);
}
