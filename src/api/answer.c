/* Shaping store rows into API answers. */
#include "api/input.h"
#include "util/clock.h"

void api_nest_person(json_t *row, const char *key, const char *name_key)
{
	json_t *id = json_object_get(row, key);
	json_t *who = json_is_integer(id) ? json_pack("{s:O, s:O?}", "id", id, "display_name",
	                                              json_object_get(row, name_key))
	                                  : NULL;
	json_object_del(row, name_key);
	json_object_set_new(row, key, who ? who : json_null());
}

void api_nest_youth(json_t *row)
{
	json_object_set_new(row, "youth",
	                    json_pack("{s:O?, s:O?, s:O?}", "id", json_object_get(row, "youth_id"),
	                              "given_name", json_object_get(row, "given_name"),
	                              "family_name", json_object_get(row, "family_name")));
	json_object_del(row, "given_name");
	json_object_del(row, "family_name");
}

void api_iso_time(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);
	if (!json_is_integer(v))
		return;
	char iso[21];
	clock_format_iso(json_integer_value(v), iso);
	json_object_set_new(row, key, json_string(iso));
}

void api_answer_done(struct request *r, enum store_status s, int64_t changed, bool done,
                     enum store_query get, int64_t id)
{
	json_t *row = NULL;
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) {
		http_error(r, 409, "conflict",
		           done ? "this action is already done" : "this action is not done", NULL);
		return;
	}
	if (store_row(r->conn, get, STORE_ARGS(SA_INT(id)), &row) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200, row);
}
