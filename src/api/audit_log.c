/* GET /api/v1/audit: the NEN 7513 access log for the privacy officer. */
#include "api/api.h"
#include "api/input.h"
#include "util/clock.h"
#include "util/text.h"

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX     1000

void api_audit_list(struct request *r)
{
	struct store_audit_filter f = {.limit = AUDIT_LIMIT_DEFAULT};
	long limit;
	if (!input_query_id(r, "user_id", &f.user_id) ||
	    !input_query_id(r, "youth_id", &f.youth_id))
		return;
	if (!input_query_time(r, "from", &f.from) || !input_query_time(r, "to", &f.to))
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
