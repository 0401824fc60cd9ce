#include "api/api.h"
#include "api/input.h"
#include "domain/account_rules.h"

void api_organisations_list(struct request *r)
{
	json_t *items = NULL;
	enum store_status s = store_org_list(r->conn, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}

const struct input_field api_organisation_body[] = {
    {.name = "name",
     .type = INPUT_STRING,
     .max = ACCOUNT_NAME_MAX,
     .required = true,
     .description = "1 to 200 characters"},
    {0},
};

void api_organisations_create(struct request *r)
{
	if (!input_need_body(r))
		return;
	const char *name = input_string(r, "name", true, account_check_name);
	if (!name || !http_begin_write(r))
		return;
	int64_t id;
	json_t *org = NULL;
	enum store_status s = store_org_create(r->conn, name, &id);
	if (s == STORE_CONFLICT) {
		http_error(r, 409, "conflict", "an organisation with this name exists", "name");
		return;
	}
	if (s == STORE_OK)
		s = store_org_get(r->conn, id, &org);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return;
	}
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)id);
	http_reply(r, 201, org);
}
