/* GET /api/v1/youths/{id}/access-log: who looked at this dossier (NEN 7513 client view). */
#include <string.h>

#include "api/api.h"
#include "api/input.h"
#include "store/store_query.h"
#include "util/clock.h"

/*
 * A young person's or a JIM's account outside this young person's circle
 * (outside_circle: not their own, not one of their JIMs) only shows up in the
 * file's log by trying to open it, refused; naming them would tell the young
 * person that someone else has a file or a JIM in kring. The row (a row of
 * ACCESS_LOG_SELECT, changed in place) then names nobody: user_id,
 * display_name, role and organisation become null. outside_circle stays, so
 * that a screen can say "someone without access".
 */
void access_log_hide_outside_circle(json_t *row)
{
	if (!json_is_true(json_object_get(row, "outside_circle"))) {
		json_object_set_new(row, "outside_circle", json_false());
		return;
	}
	static const char *const who[] = {"user_id", "display_name", "role", "organisation"};
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		json_object_set_new(row, who[i], json_null());
}

/* The caps of the answer: SQ_ACCESS_LOG fetches one row past each. */
enum { ACCESS_LOG_MAX = 1000, ACCESS_LOG_TRIES_MAX = 200 };

/*
 * Drops from rows (newest first) the oldest row whose outside_circle is
 * `outside` when there are more than max of them, and says whether it did:
 * the row past the cap that SQ_ACCESS_LOG fetched to tell that some were
 * left out.
 */
static bool access_log_cap(json_t *rows, bool outside, size_t max)
{
	size_t i, n = 0, last = 0;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (json_is_true(json_object_get(row, "outside_circle")) == outside) {
			n++;
			last = i;
		}
	}
	if (n <= max)
		return false;
	json_array_remove(rows, last);
	return true;
}

/*
 * The dossier's access log, newest first, from and to as given; others=true
 * leaves out the caller's own events (the young person's own clicks) before
 * the rest are taken: the newest 1000 events that are not tries from outside
 * the circle and, apart from them, the newest 200 tries, so that someone
 * trying the file over and over cannot push the real reads out of the answer.
 * `more` and `more_outside_tries` say that older ones of either were left
 * out. Only the privacy officer is told who, outside the young person's
 * circle, tried to open the file.
 */
void api_access_log(struct request *r)
{
	const char *from, *to;
	json_t *rows = NULL, *row;
	size_t i;
	bool others;
	if (!input_query_time(r, "from", &from) || !input_query_time(r, "to", &to) ||
	    !input_query_bool(r, "others", &others))
		return;
	enum store_status s =
	    store_rows(r->conn, SQ_ACCESS_LOG,
	               STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(from), SA_TEXT(to),
	                          SA_ID(others ? r->caller.user_id : 0)),
	               &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	bool more = access_log_cap(rows, false, ACCESS_LOG_MAX);
	bool more_tries = access_log_cap(rows, true, ACCESS_LOG_TRIES_MAX);
	bool name_everyone = r->caller.role == ROLE_PRIVACY_OFFICER;
	json_array_foreach(rows, i, row)
	{
		if (!name_everyone)
			access_log_hide_outside_circle(row);
		json_t *user = json_pack(
		    "{s:O, s:O, s:O, s:O}", "id", json_object_get(row, "user_id"), "display_name",
		    json_object_get(row, "display_name"), "role", json_object_get(row, "role"),
		    "organisation", json_object_get(row, "organisation"));
		json_object_del(row, "user_id");
		json_object_del(row, "display_name");
		json_object_del(row, "role");
		json_object_del(row, "organisation");
		json_object_set_new(row, "user", user);
		if (!json_is_boolean(json_object_get(row, "break_glass")))
			json_object_set_new(row, "break_glass", json_false());
		if (!json_is_boolean(json_object_get(row, "outside_circle")))
			json_object_set_new(row, "outside_circle", json_false());
	}
	http_reply(r, 200,
	           json_pack("{s:o, s:b, s:b}", "items", rows, "more", more, "more_outside_tries",
	                     more_tries));
}
