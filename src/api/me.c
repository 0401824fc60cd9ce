#include "api/api.h"
#include "api/input.h"
#include "store/store_query.h"

/* Adds the portal links: youth_id for a young person, jim_id and youth_id for a JIM. */
static enum store_status add_portal_ids(struct request *r, json_t *user)
{
	json_t *row = NULL;
	enum store_query q;
	if (r->caller.role == ROLE_YOUTH)
		q = SQ_YOUTH_OF_USER;
	else if (r->caller.role == ROLE_JIM)
		q = SQ_JIM_OF_USER;
	else
		return STORE_OK;
	enum store_status s = store_row(r->conn, q, STORE_ARGS(SA_INT(r->caller.user_id)), &row);
	if (s == STORE_NOT_FOUND)
		return STORE_OK;
	if (s == STORE_OK)
		json_object_update(user, row);
	json_decref(row);
	return s;
}

void api_me(struct request *r)
{
	json_t *user = NULL;
	json_t *teams = NULL;
	enum store_status s = store_user_json(r->conn, r->caller.user_id, &user);
	if (s == STORE_OK &&
	    (s = store_rows(r->conn, SQ_TEAMS_OF_USER, STORE_ARGS(SA_INT(r->caller.user_id)),
	                    &teams)) == STORE_OK)
		json_object_set_new(user, "teams", teams);
	if (s == STORE_OK)
		s = add_portal_ids(r, user);
	if (s != STORE_OK)
		json_decref(user);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_object_set_new(user, "csrf_token", json_string(r->caller.csrf_token));
	r->audit.object_id = api_id_text(r, r->caller.user_id);
	http_reply(r, 200, user);
}
