/* The young person's network: parents, custody holders and other important people. */
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "store/store_query.h"
#include "util/clock.h"

void api_network_list(struct request *r)
{
	json_t *rows = NULL;
	enum store_status s =
	    store_rows(r->conn, SQ_NETWORK_LIST, STORE_ARGS(SA_INT(r->access.youth_id)), &rows);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

const struct input_field api_network_body[] = {
    DOSSIER_PERSON_FIELDS,
    {.name = "has_custody", .type = INPUT_BOOLEAN, .required = true},
    {0},
};

void api_network_add(struct request *r)
{
	bool custody;
	int64_t id;
	char at[25];
	json_t *member = NULL;
	if (!input_need_body(r))
		return;
	struct dossier_person p;
	if (!dossier_input_person(r, &p) || !input_bool(r, "has_custody", true, &custody) ||
	    !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_NETWORK_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(p.name), SA_TEXT(p.relation),
	                         SA_TEXT(p.contact), SA_BOOL(custody), SA_TEXT(at)),
	              &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_NETWORK_GET, STORE_ARGS(SA_INT(id)), &member);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	json_object_del(member, "youth_id");
	http_reply(r, 201, member);
}
