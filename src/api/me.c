#include "api/api.h"

void api_me(struct request *r)
{
	json_t *user = NULL;
	enum store_status s = store_user_json(r->conn, r->caller.user_id, &user);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	json_object_set_new(user, "csrf_token", json_string(r->caller.csrf_token));
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)r->caller.user_id);
	http_reply(r, 200, user);
}
