#include "api/input.h"

#include <string.h>

#include "util/clock.h"
#include "util/text.h"

bool input_need_body(struct request *r)
{
	if (r->input)
		return true;
	http_error(r, 400, "bad_request", "this request needs a JSON object as its body", NULL);
	return false;
}

static json_t *field_value(struct request *r, const char *field)
{
	json_t *v = r->input ? json_object_get(r->input, field) : NULL;
	return json_is_null(v) ? NULL : v;
}

const char *input_string(struct request *r, const char *field, bool required, input_rule rule)
{
	json_t *v = field_value(r, field);
	if (!v) {
		if (required)
			http_validation_error(r, field, "this field is required");
		return NULL;
	}
	if (!json_is_string(v)) {
		http_validation_error(r, field, "must be text");
		return NULL;
	}
	const char *s = json_string_value(v);
	if (strlen(s) != json_string_length(v)) {
		http_validation_error(r, field, "must not contain NUL characters");
		return NULL;
	}
	const char *problem = rule ? rule(s) : NULL;
	if (problem) {
		http_validation_error(r, field, problem);
		return NULL;
	}
	return s;
}

bool input_id(struct request *r, const char *field, bool required, int64_t *out)
{
	json_t *v = field_value(r, field);
	*out = 0;
	if (!v) {
		if (required)
			http_validation_error(r, field, "this field is required");
		return false;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		http_validation_error(r, field, "must be a positive whole number");
		return false;
	}
	*out = json_integer_value(v);
	return true;
}

bool input_query_id(struct request *r, const char *name, int64_t *out)
{
	const char *s = http_query(r, name);
	*out = 0;
	if (!s || !*s)
		return true;
	if (!parse_id(s, out)) {
		http_validation_error(r, name, "must be a positive whole number");
		return false;
	}
	return true;
}

bool input_query_bool(struct request *r, const char *name, bool *out)
{
	const char *v = http_query(r, name);
	*out = v && !strcmp(v, "true");
	if (!v || !*v || *out || !strcmp(v, "false"))
		return true;
	http_validation_error(r, name, "must be true or false");
	return false;
}

static bool query_long(struct request *r, const char *name, long min, long max, long dflt,
                       long *out)
{
	const char *s = http_query(r, name);
	*out = dflt;
	if (!s || !*s)
		return true;
	if (!parse_long_range(s, min, max, out)) {
		http_validation_error(
		    r, name,
		    arena_printf(&r->arena, "must be a whole number from %ld to %ld", min, max));
		return false;
	}
	return true;
}

bool input_query_page(struct request *r, long *page, long *per_page)
{
	*per_page = 25;
	return query_long(r, "page", 1, 100000, 1, page) &&
	       query_long(r, "per_page", 1, 100, 25, per_page);
}

bool input_bool(struct request *r, const char *field, bool required, bool *out)
{
	json_t *v = field_value(r, field);
	*out = false;
	if (!v) {
		if (required)
			http_validation_error(r, field, "this field is required");
		return false;
	}
	if (!json_is_boolean(v)) {
		http_validation_error(r, field, "must be true or false");
		return false;
	}
	*out = json_is_true(v);
	return true;
}

bool input_date(struct request *r, const char *field, bool required, struct date *out)
{
	const char *s = input_string(r, field, required, NULL);
	if (!s)
		return false;
	if (!date_parse(s, out)) {
		http_validation_error(r, field, "must be a real date written as YYYY-MM-DD");
		return false;
	}
	return true;
}

const char *input_enum(struct request *r, const char *field, bool required,
                       const char *const *allowed)
{
	const char *s = input_string(r, field, required, NULL);
	if (!s)
		return NULL;
	for (const char *const *a = allowed; *a; a++)
		if (strcmp(*a, s) == 0)
			return *a;
	http_validation_error(r, field, "is not one of the allowed values");
	return NULL;
}

bool input_int_range(struct request *r, const char *field, bool required, int64_t min, int64_t max,
                     int64_t *out)
{
	json_t *v = field_value(r, field);
	*out = 0;
	if (!v) {
		if (required)
			http_validation_error(r, field, "this field is required");
		return false;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		http_validation_error(r, field,
		                      arena_printf(&r->arena,
		                                   "must be a whole number from %lld to %lld",
		                                   (long long)min, (long long)max));
		return false;
	}
	*out = json_integer_value(v);
	return true;
}

bool input_has(struct request *r, const char *field)
{
	return r->input && json_object_get(r->input, field) != NULL;
}

bool input_given(struct request *r, const char *field)
{
	return field_value(r, field) != NULL;
}

const char *api_id_text(struct request *r, int64_t id)
{
	return arena_printf(&r->arena, "%lld", (long long)id);
}

bool input_query_time(struct request *r, const char *name, const char **out)
{
	const char *s = http_query(r, name);
	int64_t ms;
	char iso[25];
	*out = NULL;
	if (!s || !*s)
		return true;
	if (!clock_parse_iso_ms(s, &ms)) {
		http_validation_error(
		    r, name, "must be a date (2026-03-01) or UTC time (2026-03-01T09:30:00Z)");
		return false;
	}
	clock_format_iso_ms(ms, iso);
	*out = arena_strdup(&r->arena, iso);
	return true;
}

bool input_path_organisation(struct request *r, int64_t *id)
{
	json_t *org = NULL;
	enum store_status s =
	    parse_id(http_param(r, 0), id) ? store_org_get(r->conn, *id, &org) : STORE_NOT_FOUND;
	json_decref(org);
	if (s != STORE_OK)
		http_store_error(r, s);
	return s == STORE_OK;
}
