/* POST /api/v1/jims/{id}/end: a JIM stops; the history stays and the search opens again. */
#include <string.h>

#include "api/accounts.h"
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/history_cause.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

static const char *const end_reasons[] = {"dropped_out", "youth_chose_another", "unsuitable",
                                          "other", NULL};

#define NOTE_CHARS 2000 /* characters: also the declared .max of its fields */

static const char *check_note(const char *s)
{
	return person_check_text(s, NOTE_CHARS);
}

static bool fail(struct request *r)
{
	http_store_error(r, STORE_ERROR);
	return false;
}

/* Disables the account and forgets its browsers, closes the nomination, reopens the search. */
static bool after_end(struct request *r, json_t *jim, const char *ended_on, const char *reason)
{
	json_t *y = NULL;
	int64_t user = json_integer_value(json_object_get(jim, "user_id"));
	int64_t nomination = json_integer_value(json_object_get(jim, "nomination_id"));
	if (store_run(r->conn, SQ_USER_DISABLE, STORE_ARGS(SA_INT(user)), NULL, NULL) != STORE_OK ||
	    store_run(r->conn, SQ_INVITATIONS_REVOKE, STORE_ARGS(SA_INT(user), SA_INT(clock_now())),
	              NULL, NULL) != STORE_OK ||
	    store_run(r->conn, SQ_LOGIN_DEVICES_FORGET, STORE_ARGS(SA_INT(user)), NULL, NULL) !=
	        STORE_OK ||
	    store_run(r->conn, SQ_NOMINATION_SET_STATUS,
	              STORE_ARGS(SA_INT(nomination), SA_TEXT("ended")), NULL, NULL) != STORE_OK ||
	    store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y) !=
	        STORE_OK)
		return fail(r);
	bool reopen = strcmp(json_string_value(json_object_get(y, "phase")), "collaboration") == 0;
	json_decref(y);
	if (reopen)
		return dossier_set_phase(r, r->access.youth_id, "jim_search", ended_on, NULL,
		                         arena_printf(&r->arena, HISTORY_JIM_ENDED, reason));
	return true;
}

const struct input_field api_jim_end_body[] = {
    {.name = "reason", .type = INPUT_ENUM, .required = true, .allowed = end_reasons},
    {.name = "ended_on",
     .type = INPUT_DATE,
     .description = "not in the future nor before the JIM started; absent: today"},
    {.name = "note",
     .type = INPUT_STRING,
     .max = NOTE_CHARS,
     .description = "at most 2000 characters"},
    {0},
};

void api_jim_end(struct request *r)
{
	int64_t id, changed = 0;
	struct date ended, started;
	json_t *jim = NULL;
	if (!input_need_body(r))
		return;
	const char *reason = input_enum(r, "reason", true, end_reasons);
	if (!reason || !dossier_input_past_date(r, "ended_on", &ended))
		return;
	const char *note = input_string(r, "note", false, check_note);
	if (r->status || !parse_id(http_param(r, 0), &id) || !http_begin_write(r))
		return;
	if (store_row(r->conn, SQ_JIM_GET, STORE_ARGS(SA_INT(id)), &jim) != STORE_OK) {
		fail(r);
		return;
	}
	if (date_parse(json_string_value(json_object_get(jim, "started_on")), &started) &&
	    date_compare(ended, started) < 0) {
		http_validation_error(r, "ended_on", "must not be before the JIM started");
		goto done;
	}
	const char *ended_on = dossier_date_text(r, ended);
	if (store_run(r->conn, SQ_JIM_END,
	              STORE_ARGS(SA_INT(id), SA_TEXT(ended_on), SA_TEXT(reason), SA_TEXT(note)),
	              NULL, &changed) != STORE_OK) {
		fail(r);
		goto done;
	}
	if (changed == 0) {
		http_error(r, 409, "conflict", "this JIM has already ended", NULL);
		goto done;
	}
	if (!after_end(r, jim, ended_on, reason))
		goto done;
	json_decref(jim);
	jim = NULL;
	if (store_row(r->conn, SQ_JIM_GET, STORE_ARGS(SA_INT(id)), &jim) != STORE_OK) {
		fail(r);
		goto done;
	}
	http_reply(r, 200, json_incref(jim));
done:
	json_decref(jim);
}

/*
 * POST /api/v1/jims/{id}/invitation: the JIM lost their password (or phone):
 * a new invitation link for their login, handed over as at the activation.
 * 409 jim_ended for a JIM who stopped (their account is ended with them).
 */
void api_jim_invitation(struct request *r)
{
	int64_t id;
	json_t *jim = NULL;
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "no such JIM", NULL);
		return;
	}
	if (!http_begin_write(r))
		return;
	if (store_row(r->conn, SQ_JIM_GET, STORE_ARGS(SA_INT(id)), &jim) != STORE_OK) {
		fail(r);
		return;
	}
	if (!json_is_null(json_object_get(jim, "ended_on")))
		http_error(r, 409, "jim_ended", "this JIM has stopped", NULL);
	else
		api_reinvite(r, json_integer_value(json_object_get(jim, "user_id")));
	json_decref(jim);
}
