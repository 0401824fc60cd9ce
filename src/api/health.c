#include "api/api.h"

void api_healthz(struct request *r)
{
	http_reply(r, 200, json_pack("{s:s}", "status", "ok"));
}
