/* GET /api/v1/audit: the NEN 7513 access log for the privacy officer. */
#include "api/api.h"
#include "api/input.h"
#include "util/clock.h"
#include "util/text.h"

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX     1000

/* Reads a date or date-time query value as ISO ms text; NULL when absent. */
static const char *query_time(struct request *r, const char *name, bool *ok)
{
	const char *s = http_query(r, name);
	int64_t ms;
	char iso[25];
	*ok = true;
	if (!s || !*s)
		return NULL;
	if (!clock_parse_iso_ms(s, &ms)) {
		http_validation_error(r, name,
		                      "must be a date (2026-03-01) or UTC time "
		                      "(2026-03-01T09:30:00Z)");
		*ok = false;
		return NULL;
	}
	clock_format_iso_ms(ms, iso);
	return arena_strdup(&r->arena, iso);
}

void api_audit_list(struct request *r)
{
	struct store_audit_filter f = {.limit = AUDIT_LIMIT_DEFAULT};
	bool ok;
	long limit;
	if (!input_query_id(r, "user_id", &f.user_id) ||
	    !input_query_id(r, "youth_id", &f.youth_id))
		return;
	f.from = query_time(r, "from", &ok);
	if (!ok)
		return;
	f.to = query_time(r, "to", &ok);
	if (!ok)
		return;
	const char *lim = http_query(r, "limit");
	if (lim && *lim) {
		if (!parse_long_range(lim, 1, AUDIT_LIMIT_MAX, &limit)) {
			http_validation_error(r, "limit", "must be a whole number from 1 to 1000");
			return;
		}
		f.limit = (int)limit;
	}
	json_t *items = NULL;
	enum store_status s = store_audit_query(r->conn, &f, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}
