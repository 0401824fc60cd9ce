/*
 * The declared body of a route (input.h): checked before the handler runs,
 * through the same validators the handlers use, and described as JSON
 * Schema for GET /api/v1/openapi.json from the same table.
 */
#include <string.h>

#include "api/input.h"
#include "util/clock.h"
#include "util/text.h"

bool input_body_required(const struct input_field *spec, const char *method)
{
	if (!strcmp(method, "PATCH"))
		return true;
	for (const struct input_field *f = spec; f->name; f++)
		if (f->required)
			return true;
	return false;
}

/* min = max = 0: any number (the handler checks it against other fields). */
static bool any_number(const struct input_field *f)
{
	return f->min == 0 && f->max == 0;
}

static bool check_number(struct request *r, const struct input_field *f, json_t *v)
{
	if (json_is_number(v) && (any_number(f) || (json_number_value(v) >= (double)f->min &&
	                                            json_number_value(v) <= (double)f->max)))
		return true;
	http_validation_error(r, f->name,
	                      any_number(f)
	                          ? "must be a number"
	                          : arena_printf(&r->arena, "must be a number from %lld to %lld",
	                                         (long long)f->min, (long long)f->max));
	return false;
}

static bool check_time(struct request *r, const struct input_field *f)
{
	const char *s = input_string(r, f->name, f->required, NULL);
	int64_t ms;
	if (!s)
		return false;
	if (strchr(s, 'T') && clock_parse_iso_ms(s, &ms))
		return true;
	http_validation_error(r, f->name, "must be a UTC time such as 2026-03-01T09:30:00Z");
	return false;
}

static bool check_string(struct request *r, const struct input_field *f)
{
	const char *s = input_string(r, f->name, f->required, NULL);
	if (!s)
		return false;
	if (f->max <= 0 || (int64_t)utf8_length(s) <= f->max)
		return true;
	http_validation_error(
	    r, f->name,
	    arena_printf(&r->arena, "must be at most %lld characters long", (long long)f->max));
	return false;
}

static bool check_kind(struct request *r, const struct input_field *f, json_t *v, bool object)
{
	if (object ? json_is_object(v) : json_is_array(v))
		return true;
	http_validation_error(r, f->name, object ? "must be an object" : "must be a list");
	return false;
}

/* One field that is present and not null, by the validator of its type. */
static bool check_field(struct request *r, const struct input_field *f, json_t *v)
{
	int64_t n;
	bool b;
	struct date d;
	switch (f->type) {
	case INPUT_STRING:
		return check_string(r, f);
	case INPUT_ID:
		return input_id(r, f->name, true, &n);
	case INPUT_INTEGER:
		return input_int_range(r, f->name, true, f->min, f->max, &n);
	case INPUT_NUMBER:
		return check_number(r, f, v);
	case INPUT_BOOLEAN:
		return input_bool(r, f->name, true, &b);
	case INPUT_DATE:
		return input_date(r, f->name, true, &d);
	case INPUT_TIME:
		return check_time(r, f);
	case INPUT_ENUM:
		return input_enum(r, f->name, true, f->allowed) != NULL;
	case INPUT_OBJECT:
		return check_kind(r, f, v, true);
	case INPUT_ARRAY:
		return check_kind(r, f, v, false);
	}
	return false;
}

static bool declared(const struct input_field *spec, const char *name)
{
	for (const struct input_field *f = spec; f && f->name; f++)
		if (!strcmp(f->name, name))
			return true;
	return false;
}

void input_keep(struct request *r, struct input_errors *e)
{
	if (!r->status)
		return;
	json_t *err = json_object_get(r->reply, "error");
	const char *code = json_string_value(json_object_get(err, "code"));
	json_t *field = json_object_get(err, "field");
	if (r->status == 422 && code && !strcmp(code, "validation_failed") &&
	    json_is_string(field)) {
		if (!e->fields)
			e->fields = json_array();
		if (json_array_append_new(e->fields,
		                          json_pack("{s:O, s:O}", "field", field, "message",
		                                    json_object_get(err, "message"))) &&
		    !e->status) {
			/* out of memory: the field is still refused, by a 500 */
			e->status = 500;
			e->reply = NULL;
		}
		json_decref(r->reply);
	} else if (!e->status) {
		e->status = r->status;
		e->reply = r->reply;
		e->retry_after = r->retry_after;
	} else {
		json_decref(r->reply);
	}
	r->reply = NULL;
	r->status = 0;
	r->retry_after = 0;
}

bool input_answer_errors(struct request *r, struct input_errors *e)
{
	json_t *fields = e->fields;
	e->fields = NULL;
	if (e->status) {
		json_decref(fields);
		http_reply(r, e->status, e->reply);
		r->retry_after = e->retry_after;
		e->status = 0;
		e->reply = NULL;
		return false;
	}
	if (!fields)
		return true;
	json_t *first = json_array_get(fields, 0);
	http_validation_error(r, json_string_value(json_object_get(first, "field")),
	                      json_string_value(json_object_get(first, "message")));
	json_t *err = json_object_get(r->reply, "error");
	if (err)
		json_object_set_new(err, "fields", fields);
	else
		json_decref(fields);
	return false;
}

/*
 * A 422 for each member of the body (in the body's order) that the route
 * does not declare (spec NULL: a route that takes no body, where `{}` is
 * still fine), kept on e: a misspelt field would otherwise be ignored,
 * and a change the caller believes made would silently not be.
 */
static void check_no_stranger(struct request *r, const struct input_field *spec,
                              struct input_errors *e)
{
	const char *name;
	json_t *v;
	json_object_foreach(r->input, name, v)
	{
		if (!declared(spec, name)) {
			http_validation_error(r, name, "is not a field of this request");
			input_keep(r, e);
		}
	}
}

/* One declared field of the body: false, answered 422 at it, when it is refused. */
static bool check_declared(struct request *r, const struct input_field *f)
{
	json_t *v = json_object_get(r->input, f->name);
	if (v && json_is_null(v) && f->not_null) {
		http_validation_error(r, f->name,
		                      "must not be null: leave it out to keep its value");
		return false;
	}
	if (!v || json_is_null(v)) {
		if (!f->required)
			return true;
		http_validation_error(r, f->name, "this field is required");
		return false;
	}
	return check_field(r, f, v);
}

bool input_check_body(struct request *r, const struct input_field *spec)
{
	struct input_errors e = {0};
	if (!spec) {
		if (r->input)
			check_no_stranger(r, NULL, &e);
		return input_answer_errors(r, &e);
	}
	if (!r->input) {
		if (input_body_required(spec, r->method))
			return input_need_body(r);
		return true;
	}
	for (const struct input_field *f = spec; f->name; f++) {
		if (!check_declared(r, f))
			input_keep(r, &e);
	}
	check_no_stranger(r, spec, &e);
	return input_answer_errors(r, &e);
}

static json_t *enum_values(const char *const *allowed)
{
	json_t *list = json_array();
	for (const char *const *a = allowed; a && *a; a++)
		json_array_append_new(list, json_string(*a));
	return list;
}

/* The schema of one field's value (without null). */
static json_t *field_schema(const struct input_field *f)
{
	switch (f->type) {
	case INPUT_STRING:
		return f->max > 0 ? json_pack("{s:s, s:I}", "type", "string", "maxLength",
		                              (json_int_t)f->max)
		                  : json_pack("{s:s}", "type", "string");
	case INPUT_ID:
		return json_pack("{s:s, s:i}", "type", "integer", "minimum", 1);
	case INPUT_INTEGER:
		return json_pack("{s:s, s:I, s:I}", "type", "integer", "minimum",
		                 (json_int_t)f->min, "maximum", (json_int_t)f->max);
	case INPUT_NUMBER:
		return any_number(f) ? json_pack("{s:s}", "type", "number")
		                     : json_pack("{s:s, s:I, s:I}", "type", "number", "minimum",
		                                 (json_int_t)f->min, "maximum", (json_int_t)f->max);
	case INPUT_BOOLEAN:
		return json_pack("{s:s}", "type", "boolean");
	case INPUT_DATE:
		return json_pack("{s:s, s:s}", "type", "string", "format", "date");
	case INPUT_TIME:
		return json_pack("{s:s, s:s}", "type", "string", "format", "date-time");
	case INPUT_ENUM:
		return json_pack("{s:s, s:o}", "type", "string", "enum", enum_values(f->allowed));
	case INPUT_OBJECT:
		return json_pack("{s:s}", "type", "object");
	case INPUT_ARRAY:
		return json_pack("{s:s}", "type", "array");
	}
	return json_object();
}

/* An optional field may also be null (it then counts as absent), unless not_null. */
static json_t *property_schema(const struct input_field *f)
{
	json_t *s = field_schema(f);
	if (!f->required && !f->not_null) {
		json_t *type = json_object_get(s, "type");
		json_object_set_new(s, "type", json_pack("[O, s]", type, "null"));
		json_t *values = json_object_get(s, "enum");
		if (values)
			json_array_append_new(values, json_null());
	}
	if (f->description)
		json_object_set_new(s, "description", json_string(f->description));
	return s;
}

json_t *input_body_schema(const struct input_field *spec)
{
	json_t *props = json_object();
	json_t *required = json_array();
	for (const struct input_field *f = spec; f && f->name; f++) {
		json_object_set_new(props, f->name, property_schema(f));
		if (f->required)
			json_array_append_new(required, json_string(f->name));
	}
	json_t *schema = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props,
	                           "additionalProperties", 0);
	if (json_array_size(required))
		json_object_set_new(schema, "required", required);
	else
		json_decref(required);
	return schema;
}
