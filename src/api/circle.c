/* GET /api/v1/youths/{id}/circle: the kring accounts a meeting can name. */
#include "api/api.h"
#include "store/store_query.h"

/*
 * The young person's circle: the staff of their team, their active JIM and
 * their own account, each active or still invited, by name. These are the
 * accounts a meeting takes as a participant or an action's owner, so that
 * the team picks a colleague by name instead of typing a user number.
 */
void api_youth_circle(struct request *r)
{
	json_t *rows = NULL;
	enum store_status s =
	    store_rows(r->conn, SQ_YOUTH_CIRCLE, STORE_ARGS(SA_INT(r->access.youth_id)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}
