/*
 * libFuzzer driver for JSON request bodies: jansson's parser as kring calls
 * it, then the declared validators and domain rules every handler uses
 * (strings, ids, usernames, passwords, names, dates), and input_check_body()
 * with the declared bodies of a few routes. A field that passes must really
 * satisfy its rule; a refusal names a declared field.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/input.h"
#include "domain/account_rules.h"
#include "util/clock.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reset(struct request *r)
{
	json_decref(r->reply);
	r->reply = NULL;
	r->status = 0;
}

static bool in_list(const char *s, const char *const *list)
{
	for (const char *const *a = list; s && a && *a; a++)
		if (!strcmp(s, *a))
			return true;
	return false;
}

/* A value input_check_body() let through, checked again by its declaration. */
static bool holds(const struct input_field *f, json_t *v)
{
	struct date d;
	int64_t ms;
	switch (f->type) {
	case INPUT_STRING:
		return json_is_string(v) &&
		       (f->max <= 0 || (int64_t)json_string_length(v) <= f->max);
	case INPUT_ID:
		return json_is_integer(v) && json_integer_value(v) > 0;
	case INPUT_INTEGER:
		return json_is_integer(v) && json_integer_value(v) >= f->min &&
		       json_integer_value(v) <= f->max;
	case INPUT_NUMBER:
		return json_is_number(v) &&
		       ((f->min == 0 && f->max == 0) || (json_number_value(v) >= (double)f->min &&
		                                         json_number_value(v) <= (double)f->max));
	case INPUT_BOOLEAN:
		return json_is_boolean(v);
	case INPUT_DATE:
		return json_is_string(v) && date_parse(json_string_value(v), &d);
	case INPUT_TIME:
		return json_is_string(v) && clock_parse_iso_ms(json_string_value(v), &ms);
	case INPUT_ENUM:
		return json_is_string(v) && in_list(json_string_value(v), f->allowed);
	case INPUT_OBJECT:
		return json_is_object(v);
	case INPUT_ARRAY:
		return json_is_array(v);
	}
	return false;
}

static bool declared_in(const struct input_field *spec, const char *name)
{
	for (const struct input_field *f = spec; f->name; f++)
		if (name && !strcmp(name, f->name))
			return true;
	return false;
}

/* Whether every declared field of the body is present as required and of its form. */
static bool declared_fields_hold(json_t *input, const struct input_field *spec)
{
	for (const struct input_field *f = spec; f->name; f++) {
		json_t *v = json_object_get(input, f->name);
		if (!v || json_is_null(v) ? f->required : !holds(f, v))
			return false;
	}
	return true;
}

static void check_body(struct request *r, const struct input_field *spec)
{
	bool ok = input_check_body(r, spec);
	const char *name;
	json_t *v;
	if (ok != (r->status == 0))
		abort();
	if (!ok) {
		/* r->input is set: never 400, always 422 on a declared field, or,
		 * once every declared field holds, on a member the spec lacks */
		const char *field =
		    json_string_value(json_object_get(json_object_get(r->reply, "error"), "field"));
		bool stranger = field && json_object_get(r->input, field) &&
		                !declared_in(spec, field) && declared_fields_hold(r->input, spec);
		if (r->status != 422 || !(declared_in(spec, field) || stranger))
			abort();
	} else {
		if (!declared_fields_hold(r->input, spec))
			abort();
		json_object_foreach(r->input, name, v)
		{
			if (!declared_in(spec, name))
				abort();
		}
	}
	reset(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *input = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	if (!input || !json_is_object(input)) {
		json_decref(input);
		return 0;
	}
	struct request r = {.input = input};
	arena_init(&r.arena);
	const char *u = input_string(&r, "username", true, account_check_username);
	if (u && (strlen(u) < 3 || strlen(u) > 64))
		abort();
	reset(&r);
	const char *pw = input_string(&r, "password", false, NULL);
	if (pw)
		(void)account_check_password(pw, u);
	reset(&r);
	const char *name = input_string(&r, "name", false, account_check_name);
	if (name && (utf8_length(name) == 0 || utf8_length(name) > 200))
		abort();
	reset(&r);
	(void)input_string(&r, "display_name", false, account_check_display_name);
	reset(&r);
	int64_t id;
	if (input_id(&r, "organisation_id", false, &id) && id <= 0)
		abort();
	reset(&r);
	const char *when = input_string(&r, "from", false, NULL);
	int64_t ms;
	if (when && clock_parse_iso_ms(when, &ms)) {
		char iso[25];
		clock_format_iso_ms(ms, iso);
	}
	reset(&r);
	check_body(&r, api_activity_body);
	check_body(&r, api_activity_patch_body);
	check_body(&r, api_user_body);
	check_body(&r, api_measurement_body);
	check_body(&r, api_meeting_body);
	json_decref(input);
	arena_free(&r.arena);
	return 0;
}
