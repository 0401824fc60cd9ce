/* The young person's network: parents, custody holders and other important people. */
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "http/etag.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#include <string.h>

/*
 * The entity tag of a person of the network (http/etag.h), from the fields
 * its PATCH can change: the same for a row of SQ_NETWORK_LIST and of
 * SQ_NETWORK_LOCK, so that the tag the list shows is the one its PATCH and
 * DELETE check If-Match against.
 */
static void member_etag(json_t *m, char out[ETAG_TEXT_SIZE])
{
	static const char *const fields[] = {"name", "relation", "contact", "has_custody", NULL};
	etag_of_fields("network_member", m, fields, out);
}

/*
 * GET /api/v1/youths/{id}/network: the current network, each person with
 * the "etag" to send as If-Match when correcting or removing them. With
 * removed=true: only those taken out of it, last removed first, each with
 * removed_at, removed_by ({id, display_name} or null) and removed_reason
 * (null for a removal from before it was asked) and no etag (they
 * cannot be changed); they are nobody's current network.
 */
void api_network_list(struct request *r)
{
	json_t *rows = NULL, *row;
	size_t i;
	bool removed;
	char tag[ETAG_TEXT_SIZE];
	if (!input_query_bool(r, "removed", &removed))
		return;
	enum store_status s =
	    store_rows(r->conn, removed ? SQ_NETWORK_REMOVED_LIST : SQ_NETWORK_LIST,
	               STORE_ARGS(SA_INT(r->access.youth_id)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		if (removed) {
			api_nest_person(row, "removed_by", "removed_by_name");
			continue;
		}
		member_etag(row, tag);
		json_object_set_new(row, "etag", json_string(tag));
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

const struct input_field api_network_body[] = {
    DOSSIER_PERSON_FIELDS,
    {.name = "has_custody", .type = INPUT_BOOLEAN, .required = true},
    {0},
};

void api_network_add(struct request *r)
{
	bool custody;
	int64_t id;
	char at[25];
	json_t *member = NULL;
	if (!input_need_body(r))
		return;
	struct dossier_person p;
	struct input_errors e = {0};
	dossier_input_person(r, &p, &e);
	input_bool(r, "has_custody", true, &custody);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e) || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_NETWORK_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(p.name), SA_TEXT(p.relation),
	                         SA_TEXT(p.contact), SA_BOOL(custody), SA_TEXT(at)),
	              &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_NETWORK_GET, STORE_ARGS(SA_INT(id)), &member);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	json_object_del(member, "youth_id");
	http_reply(r, 201, member);
}

#define NETWORK_REASON_CHARS 500 /* characters */

static const char *check_reason(const char *s)
{
	return person_check_text(s, NETWORK_REASON_CHARS);
}

const struct input_field api_network_patch_body[] = {
    {.name = "name",
     .type = INPUT_STRING,
     .not_null = true,
     .max = PERSON_NAME_MAX,
     .description = PERSON_NAME_TEXT},
    {.name = "relation",
     .type = INPUT_STRING,
     .not_null = true,
     .max = DOSSIER_RELATION_MAX,
     .description = "at most 100 characters"},
    {.name = "contact",
     .type = INPUT_STRING,
     .max = DOSSIER_CONTACT_MAX,
     .description = "at most 200 characters; null removes it"},
    {.name = "has_custody", .type = INPUT_BOOLEAN, .not_null = true},
    {.name = "change_reason",
     .type = INPUT_STRING,
     .max = NETWORK_REASON_CHARS,
     .required = true,
     .description = "why the entry was wrong; kept with each changed field; at most 500 "
                    "characters"},
    {0},
};

/* Whether two stored texts are the same (NULL: no value). */
/*
 * The member id of the path, taken for the write (its row to *cur): false
 * answered, 404 when there is none or it was removed (the router found the
 * young person through the same row, so a member of someone else's dossier
 * never gets here).
 */
static bool take_member(struct request *r, int64_t *id, json_t **cur)
{
	if (!parse_id(http_param(r, 0), id)) {
		http_error(r, 404, "not_found", "no such person in the network", NULL);
		return false;
	}
	r->audit.object_id = api_id_text(r, *id);
	return http_begin_write_taking(r, SQ_NETWORK_LOCK, *id, cur);
}

/*
 * PATCH /api/v1/network-members/{id}: corrects the fields sent (at least
 * one) and keeps, per changed field, the old and new value with the
 * change_reason (network_member_changes). A request whose values are all
 * the current ones is refused (422 on change_reason: its reason would be
 * kept nowhere). With If-Match (the member's etag in the list), 412
 * edit_conflict when someone changed them since; the answer's ETag is the
 * new tag.
 */
void api_network_patch(struct request *r)
{
	int64_t id;
	bool custody = false;
	json_t *cur = NULL, *member = NULL;
	struct dossier_person p;
	struct input_errors e = {0};
	if (!input_need_body(r))
		return;
	dossier_input_person_change(r, &p, &e);
	bool custody_sent = input_bool(r, "has_custody", false, &custody);
	input_keep(r, &e);
	const char *reason = input_string(r, "change_reason", true, check_reason);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return;
	if (!p.name && !p.relation && !input_has(r, "contact") && !custody_sent) {
		http_error(r, 422, "validation_failed",
		           "send at least one of name, relation, contact and has_custody", NULL);
		return;
	}
	const char *if_match;
	char tag[ETAG_TEXT_SIZE];
	/* the member is taken first: If-Match holds for them until the commit */
	if (!http_if_match(r, &if_match) || !take_member(r, &id, &cur))
		return;
	member_etag(cur, tag);
	if (!http_if_match_holds(r, if_match, tag)) {
		json_decref(cur);
		return;
	}
	const char *fields[] = {"name", "relation", "contact", "has_custody"};
	const char *old[4], *now[4];
	for (int i = 0; i < 3; i++) {
		const char *v = json_string_value(json_object_get(cur, fields[i]));
		old[i] = v ? arena_strdup(&r->arena, v) : NULL;
	}
	bool old_custody = json_is_true(json_object_get(cur, "has_custody"));
	json_decref(cur);
	old[3] = old_custody ? "true" : "false";
	now[0] = p.name ? p.name : old[0];
	now[1] = p.relation ? p.relation : old[1];
	now[2] = input_has(r, "contact") ? p.contact : old[2];
	if (!custody_sent)
		custody = old_custody;
	now[3] = custody ? "true" : "false";
	bool changed = false;
	for (int i = 0; i < 4; i++)
		changed = changed || !text_same(old[i], now[i]);
	if (!changed) {
		http_validation_error(r, "change_reason",
		                      "nothing changed: the values sent are the current ones");
		return;
	}
	char at[25];
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(r->conn, SQ_NETWORK_UPDATE,
	                                STORE_ARGS(SA_INT(id), SA_TEXT(now[0]), SA_TEXT(now[1]),
	                                           SA_TEXT(now[2]), SA_BOOL(custody)),
	                                NULL, NULL);
	for (int i = 0; s == STORE_OK && i < 4; i++)
		if (!text_same(old[i], now[i]))
			s = store_run(r->conn, SQ_NETWORK_CHANGE_INSERT,
			              STORE_ARGS(SA_INT(r->access.youth_id), SA_INT(id),
			                         SA_TEXT(fields[i]), SA_TEXT(old[i]),
			                         SA_TEXT(now[i]), SA_TEXT(reason),
			                         SA_INT(r->caller.user_id), SA_TEXT(at)),
			              NULL, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_NETWORK_GET, STORE_ARGS(SA_INT(id)), &member);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_object_del(member, "youth_id");
	member_etag(member, tag);
	http_reply(r, 200, member);
	http_set_etag(r, tag);
}

static const char in_use_consent[] =
    "a consent on record was given by this person: they stay in the network";
static const char in_use_agreement[] =
    "this person answered whether they agree with a JIM candidate: they stay in the network";

const struct input_field api_network_remove_body[] = {
    {.name = "reason",
     .type = INPUT_STRING,
     .max = NETWORK_REASON_CHARS,
     .required = true,
     .description = "why the person leaves the network; kept with the removal; at most 500 "
                    "characters"},
    {0},
};

/*
 * DELETE /api/v1/network-members/{id} with {"reason"}: the person is no
 * longer shown in the network nor offered as a custody holder, and stays in
 * the file marked removed (who, when, why). The reason is checked as a
 * correction's change_reason (422 on reason, nothing changed). Refused with
 * 409 network_member_in_use while a consent or a parent agreement
 * (withdrawn or not) names them: the record of that consent rests on who
 * they are. With If-Match (the member's etag in the list), 412
 * edit_conflict when someone changed them since.
 */
void api_network_remove(struct request *r)
{
	int64_t id, n = 0;
	json_t *cur = NULL, *refs = NULL;
	const char *if_match;
	char tag[ETAG_TEXT_SIZE];
	const char *reason = input_string(r, "reason", true, check_reason);
	if (!reason || !http_if_match(r, &if_match) || !take_member(r, &id, &cur))
		return;
	member_etag(cur, tag);
	json_decref(cur);
	if (!http_if_match_holds(r, if_match, tag))
		return;
	if (store_row(r->conn, SQ_NETWORK_REFERENCES, STORE_ARGS(SA_INT(id)), &refs) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	int64_t consents = json_integer_value(json_object_get(refs, "consents"));
	int64_t agreements = json_integer_value(json_object_get(refs, "agreements"));
	json_decref(refs);
	if (consents || agreements) {
		http_error(r, 409, "network_member_in_use",
		           consents ? in_use_consent : in_use_agreement, NULL);
		return;
	}
	char at[25];
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(
	        r->conn, SQ_NETWORK_REMOVE,
	        STORE_ARGS(SA_INT(id), SA_TEXT(at), SA_INT(r->caller.user_id), SA_TEXT(reason)),
	        NULL, &n) != STORE_OK ||
	    n != 1) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 204, NULL);
}

/*
 * GET /api/v1/network-members/{id}/changes: every correction kept for the
 * person (one item per changed field, newest first, has_custody as "true" or
 * "false") and, when they were taken out of the network, when, by whom and
 * why (reason: null for a removal from before it was asked).
 * A removed person's history stays readable: the router finds the young
 * person through the member row, removed or not.
 */
void api_network_changes(struct request *r)
{
	int64_t id;
	size_t i;
	json_t *rows = NULL, *row, *member = NULL, *removed = json_null();
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "no such person in the network", NULL);
		return;
	}
	enum store_status s =
	    store_row(r->conn, SQ_NETWORK_REMOVAL,
	              STORE_ARGS(SA_INT(id), SA_INT(r->access.youth_id)), &member);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_NETWORK_CHANGE_LIST,
		               STORE_ARGS(SA_INT(id), SA_INT(r->access.youth_id)), &rows);
	if (s != STORE_OK) {
		json_decref(member);
		http_store_error(r, s);
		return;
	}
	json_array_foreach(rows, i, row) api_nest_person(row, "changed_by", "changed_by_name");
	if (json_is_string(json_object_get(member, "removed_at"))) {
		api_nest_person(member, "removed_by", "removed_by_name");
		removed = json_pack("{s:O, s:O, s:O}", "at", json_object_get(member, "removed_at"),
		                    "by", json_object_get(member, "removed_by"), "reason",
		                    json_object_get(member, "removed_reason"));
	}
	json_decref(member);
	http_reply(r, 200, json_pack("{s:o, s:o}", "items", rows, "removed", removed));
}
