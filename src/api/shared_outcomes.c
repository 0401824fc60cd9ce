/*
 * "How it is going": what the consent share_outcomes lets the JIM see, and
 * no more: where the young person lives now, school attendance with the
 * school events, and hospital admissions. Dates and figures only; the team's
 * notes, police contacts and running away are never part of it.
 */
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "domain/dates.h"
#include "store/store_query.h"

#define SHARED_ATTENDANCE_PERIODS 4
#define SHARED_EVENTS_MONTHS      12
#define SHARED_EVENTS_MAX         50

/* The events of one group ("school" or "health") out of the combined list. */
static json_t *events_of(json_t *events, bool health)
{
	json_t *out = json_array(), *e;
	size_t i;
	json_array_foreach(events, i, e)
	{
		const char *type = json_string_value(json_object_get(e, "type"));
		if (type && (strcmp(type, "hospital") == 0) == health)
			json_array_append(out, e);
	}
	return out;
}

void api_shared_outcomes_get(struct request *r)
{
	json_t *living = NULL, *attendance = NULL, *events = NULL;
	int64_t youth = r->access.youth_id;
	const char *from =
	    dossier_date_text(r, date_add_months(date_today(), -SHARED_EVENTS_MONTHS));
	enum store_status s =
	    store_row(r->conn, SQ_SHARED_LIVING, STORE_ARGS(SA_INT(youth)), &living);
	if (s == STORE_NOT_FOUND)
		s = STORE_OK;
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_SHARED_ATTENDANCE,
		               STORE_ARGS(SA_INT(youth), SA_INT(SHARED_ATTENDANCE_PERIODS)),
		               &attendance);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_SHARED_EVENTS,
		               STORE_ARGS(SA_INT(youth), SA_TEXT(from), SA_INT(SHARED_EVENTS_MAX)),
		               &events);
	if (s != STORE_OK) {
		json_decref(living);
		json_decref(attendance);
		json_decref(events);
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200,
	           json_pack("{s:o, s:s, s:{s:o, s:o}, s:{s:o}}", "living_situation",
	                     living ? living : json_null(), "events_since", from, "school",
	                     "attendance", attendance, "events", events_of(events, false), "health",
	                     "events", events_of(events, true)));
	json_decref(events);
}
