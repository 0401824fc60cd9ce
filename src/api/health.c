/* /healthz (is this process and its database alive) and /readyz (send me traffic). */
#include "api/api.h"

static void answer(struct request *r, bool ready_check)
{
	struct store_conn *c = store_acquire(r->srv->store);
	bool up = store_ping(c);
	store_release(c);
	const char *engine = store_engine_name(r->srv->store);
	if (up) {
		json_t *body = json_pack("{s:s, s:s}", "status", ready_check ? "ready" : "ok",
		                         "store", engine);
		/* the web app marks a demo server's screens: no real data there */
		if (body && r->srv->cfg->demo)
			json_object_set_new(body, "demo", json_true());
		http_reply(r, 200, body);
		return;
	}
	http_reply(r, 503,
	           json_pack("{s:s, s:s, s:{s:s, s:s}}", "status", "unavailable", "store", engine,
	                     "error", "code", "store_unavailable", "message",
	                     "the database is not available"));
	r->retry_after = 5;
}

void api_healthz(struct request *r)
{
	answer(r, false);
}

void api_readyz(struct request *r)
{
	answer(r, true);
}
