/*
 * The declared request bodies (api/input.h): input_check_body() answers as
 * the handlers' validators would, in spec order, and input_body_schema()
 * describes the same table. Also checks every spec of the routing table.
 */
#include "unit.h"

#include "api/api.h"
#include "api/input.h"
#include "http/router.h"

static const char *const colours[] = {"red", "green", NULL};

static const struct input_field spec[] = {
    {.name = "day", .type = INPUT_DATE, .required = true},
    {.name = "count", .type = INPUT_INTEGER, .required = true, .min = 1, .max = 10},
    {.name = "colour", .type = INPUT_ENUM, .required = true, .allowed = colours},
    {.name = "code", .type = INPUT_STRING, .max = 4},
    {.name = "owner_id", .type = INPUT_ID},
    {.name = "share", .type = INPUT_NUMBER, .min = 0, .max = 1},
    {.name = "score", .type = INPUT_NUMBER, .description = "any number"},
    {.name = "done", .type = INPUT_BOOLEAN},
    {.name = "at", .type = INPUT_TIME},
    {.name = "extra", .type = INPUT_OBJECT},
    {.name = "list", .type = INPUT_ARRAY},
    {0},
};

static const struct input_field optional_only[] = {
    {.name = "note", .type = INPUT_STRING},
    {0},
};

struct outcome {
	bool ok;
	int status;
	char field[64];
};

/* Runs input_check_body() on `body` (NULL: no body sent) of a request with this method. */
static struct outcome check_method(const struct input_field *s, const char *body,
                                   const char *method)
{
	struct request r = {.method = method};
	struct outcome out = {0};
	arena_init(&r.arena);
	if (body) {
		json_error_t err;
		r.input = json_loads(body, JSON_ALLOW_NUL, &err);
		assert_non_null(r.input);
	}
	out.ok = input_check_body(&r, s);
	out.status = r.status;
	const char *f =
	    json_string_value(json_object_get(json_object_get(r.reply, "error"), "field"));
	snprintf(out.field, sizeof(out.field), "%s", f ? f : "");
	json_decref(r.input);
	json_decref(r.reply);
	arena_free(&r.arena);
	return out;
}

#define VALID "\"day\": \"2026-03-01\", \"count\": 3, \"colour\": \"red\""

static struct outcome check(const struct input_field *s, const char *body)
{
	return check_method(s, body, "POST");
}

static void refused_on(const char *body, const char *field)
{
	struct outcome o = check(spec, body);
	if (o.ok || o.status != 422 || strcmp(o.field, field) != 0)
		fail_msg("%s: expected 422 on %s, got %s %d on '%s'", body, field,
		         o.ok ? "ok" : "refused", o.status, o.field);
}

static void accepted(const struct input_field *s, const char *body)
{
	struct outcome o = check(s, body);
	if (!o.ok || o.status != 0)
		fail_msg("%s: expected accepted, got %d on '%s'", body ? body : "(no body)",
		         o.status, o.field);
}

static void no_spec_and_no_body(void **state)
{
	(void)state;
	accepted(NULL, NULL);
	/* A route without a body takes an empty object, and no field at all. */
	accepted(NULL, "{}");
	struct outcome stranger = check(NULL, "{\"anything\": [1, 2]}");
	assert_false(stranger.ok);
	assert_int_equal(stranger.status, 422);
	assert_string_equal(stranger.field, "anything");
	/* A required field without a body: 400, as input_need_body(). */
	struct outcome o = check(spec, NULL);
	assert_false(o.ok);
	assert_int_equal(o.status, 400);
	/* Nothing required: no body is fine (the handler decides). */
	accepted(optional_only, NULL);
	accepted(optional_only, "{}");
	/* A PATCH changes what its body says: without one it is refused, 400. */
	o = check_method(optional_only, NULL, "PATCH");
	assert_false(o.ok);
	assert_int_equal(o.status, 400);
	assert_true(input_body_required(optional_only, "PATCH"));
	assert_false(input_body_required(optional_only, "POST"));
	assert_true(input_body_required(spec, "POST"));
}

static void valid_bodies_pass(void **state)
{
	(void)state;
	accepted(spec, "{" VALID "}");
	accepted(spec, "{" VALID ", \"code\": \"abcd\", \"owner_id\": 7, \"share\": 0.5, "
	               "\"score\": -1e300, \"done\": false, \"at\": \"2026-03-01T09:30:00Z\", "
	               "\"extra\": {}, \"list\": []}");
	/* max counts characters (code points), as maxLength does: four emoji are 16 bytes. */
	accepted(spec, "{" VALID ", \"code\": \"\U0001F331\U0001F331\U0001F331\U0001F331\"}");
	accepted(spec, "{" VALID ", \"code\": \"\u00e9\u00e9\u00e9\u00e9\"}");
	/* Optional fields may be null, which counts as absent. */
	accepted(spec, "{" VALID ", \"code\": null, \"owner_id\": null, \"score\": null}");
}

static void undeclared_fields_are_refused(void **state)
{
	(void)state;
	/* After every declared field is judged, the first stranger in the body's order. */
	refused_on("{" VALID ", \"unknown\": {\"x\": 1}}", "unknown");
	refused_on(
	    "{\"colur\": \"red\", \"day\": \"2026-03-01\", \"count\": 3, \"colour\": \"red\"}",
	    "colur");
	refused_on("{\"zz\": 1, \"day\": \"2026-03-01\", \"count\": 0, \"colour\": \"red\"}",
	           "count");
	refused_on("{" VALID ", \"\": 1}", "");
	refused_on("{" VALID ", \"Day\": \"2026-03-01\"}", "Day");
}

static void first_wrong_field_in_spec_order(void **state)
{
	(void)state;
	refused_on("{}", "day");
	/* JSON order does not matter: the spec's order does. */
	refused_on("{\"colour\": \"blue\", \"count\": 0, \"day\": \"2026-03-01\"}", "count");
	refused_on("{\"list\": 1, \"day\": null, \"count\": 3, \"colour\": \"red\"}", "day");
}

static void wrong_forms_name_their_field(void **state)
{
	(void)state;
	refused_on("{\"day\": \"2026-02-30\", \"count\": 3, \"colour\": \"red\"}", "day");
	refused_on("{\"day\": 20260301, \"count\": 3, \"colour\": \"red\"}", "day");
	refused_on("{\"day\": \"2026-03-01\", \"count\": \"3\", \"colour\": \"red\"}", "count");
	refused_on("{\"day\": \"2026-03-01\", \"count\": 2.5, \"colour\": \"red\"}", "count");
	refused_on("{\"day\": \"2026-03-01\", \"count\": 11, \"colour\": \"red\"}", "count");
	refused_on("{\"day\": \"2026-03-01\", \"count\": 3, \"colour\": \"blue\"}", "colour");
	refused_on("{\"day\": \"2026-03-01\", \"count\": 3, \"colour\": 1}", "colour");
	refused_on("{\"day\": \"2026-03-01\", \"count\": 3, \"colour\": null}", "colour");
	refused_on("{" VALID ", \"code\": \"abcde\"}", "code");
	refused_on("{" VALID ", \"code\": \"\U0001F331\U0001F331\U0001F331\U0001F331\U0001F331\"}",
	           "code");
	refused_on("{" VALID ", \"code\": 1234}", "code");
	/* A NUL inside the text, as input_string() refuses it. */
	refused_on("{" VALID ", \"code\": \"a\\u0000b\"}", "code");
	refused_on("{" VALID ", \"owner_id\": 0}", "owner_id");
	refused_on("{" VALID ", \"owner_id\": \"7\"}", "owner_id");
	refused_on("{" VALID ", \"share\": 1.5}", "share");
	refused_on("{" VALID ", \"share\": \"0.5\"}", "share");
	refused_on("{" VALID ", \"score\": \"1\"}", "score");
	refused_on("{" VALID ", \"done\": 1}", "done");
	refused_on("{" VALID ", \"at\": \"yesterday\"}", "at");
	refused_on("{" VALID ", \"at\": \"2026-03-01\"}", "at"); /* a date is not a time */
	refused_on("{" VALID ", \"extra\": []}", "extra");
	refused_on("{" VALID ", \"list\": {}}", "list");
}

static void schema_describes_the_same_table(void **state)
{
	(void)state;
	json_t *s = input_body_schema(spec);
	json_t *props = json_object_get(s, "properties");
	assert_string_equal(json_string_value(json_object_get(s, "type")), "object");
	assert_int_equal(json_object_size(props), 11);
	json_t *want = json_loads("[\"day\", \"count\", \"colour\"]", 0, NULL);
	assert_true(json_equal(json_object_get(s, "required"), want));
	json_decref(want);
	json_t *count = json_object_get(props, "count");
	assert_string_equal(json_string_value(json_object_get(count, "type")), "integer");
	assert_int_equal(json_integer_value(json_object_get(count, "minimum")), 1);
	assert_int_equal(json_integer_value(json_object_get(count, "maximum")), 10);
	json_t *colour = json_object_get(props, "colour");
	want = json_loads("[\"red\", \"green\"]", 0, NULL);
	assert_true(json_equal(json_object_get(colour, "enum"), want));
	json_decref(want);
	/* Optional: null allowed, in the type and in an enum. */
	json_t *code = json_object_get(props, "code");
	want = json_loads("[\"string\", \"null\"]", 0, NULL);
	assert_true(json_equal(json_object_get(code, "type"), want));
	json_decref(want);
	assert_int_equal(json_integer_value(json_object_get(code, "maxLength")), 4);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(props, "day"), "format")), "date");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(props, "at"), "format")),
	    "date-time");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(props, "owner_id"), "minimum")), 1);
	json_t *score = json_object_get(props, "score");
	assert_null(json_object_get(score, "minimum"));
	assert_string_equal(json_string_value(json_object_get(score, "description")), "any number");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(props, "share"), "maximum")), 1);
	json_decref(s);
	/* Nothing required: no "required" list at all (JSON Schema wants it non-empty). */
	s = input_body_schema(optional_only);
	assert_null(json_object_get(s, "required"));
	json_decref(s);
}

/*
 * Every spec of the routing table is well formed: unique names, enums with
 * values, ranges that hold their own minimum, and only on routes that take
 * a body; and an empty body is answered on the first required field.
 */
static void routing_table_specs(void **state)
{
	(void)state;
	size_t with_body = 0;
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *rt = &kring_routes[i];
		if (!rt->body)
			continue;
		with_body++;
		/* A DELETE may ask something of the removal (why a person leaves
		 * the network); openapi.test.mjs lists which do. */
		if (!strcmp(rt->method, "GET"))
			fail_msg("%s %s: a body on a %s", rt->method, rt->pattern, rt->method);
		const char *first_required = NULL;
		for (const struct input_field *f = rt->body; f->name; f++) {
			for (const struct input_field *g = rt->body; g != f; g++)
				if (!strcmp(f->name, g->name))
					fail_msg("%s %s: %s twice", rt->method, rt->pattern,
					         f->name);
			if (f->type == INPUT_ENUM && (!f->allowed || !f->allowed[0]))
				fail_msg("%s %s: %s has no values", rt->method, rt->pattern,
				         f->name);
			if ((f->type == INPUT_INTEGER || f->type == INPUT_NUMBER) &&
			    f->min > f->max)
				fail_msg("%s %s: %s has an empty range", rt->method, rt->pattern,
				         f->name);
			if (f->required && !first_required)
				first_required = f->name;
		}
		struct outcome o = check(rt->body, "{}");
		if (first_required ? (o.status != 422 || strcmp(o.field, first_required) != 0)
		                   : !o.ok)
			fail_msg("%s %s: {} answered %d on '%s'", rt->method, rt->pattern, o.status,
			         o.field);
		json_t *s = input_body_schema(rt->body);
		assert_non_null(json_object_get(s, "properties"));
		json_decref(s);
	}
	assert_true(with_body >= 40);
}

/* input_keep() and input_answer_errors(): nothing kept answers nothing; the
 * fields kept make one 422 naming the first; an answer that is not a
 * field's 422 is the one answered, however many fields were kept. */
static void kept_fields_make_one_answer(void **state)
{
	(void)state;
	struct request r = {0};
	struct input_errors e = {0};
	input_keep(&r, &e);
	assert_true(input_answer_errors(&r, &e));
	assert_int_equal(r.status, 0);

	http_validation_error(&r, "a", "bad a");
	input_keep(&r, &e);
	assert_int_equal(r.status, 0);
	assert_null(r.reply);
	http_validation_error(&r, "b", "bad b");
	input_keep(&r, &e);
	assert_false(input_answer_errors(&r, &e));
	assert_int_equal(r.status, 422);
	json_t *err = json_object_get(r.reply, "error");
	assert_string_equal(json_string_value(json_object_get(err, "field")), "a");
	assert_string_equal(json_string_value(json_object_get(err, "message")), "bad a");
	json_t *fields = json_object_get(err, "fields");
	assert_int_equal(json_array_size(fields), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(fields, 1), "field")),
	                    "b");
	json_decref(r.reply);
	r = (struct request){0};

	http_validation_error(&r, "a", "bad a");
	input_keep(&r, &e);
	http_store_error(&r, STORE_ERROR);
	input_keep(&r, &e);
	http_validation_error(&r, "b", "bad b");
	input_keep(&r, &e);
	assert_false(input_answer_errors(&r, &e));
	assert_int_equal(r.status, 503);
	assert_int_equal(r.retry_after, 5);
	assert_null(json_object_get(json_object_get(r.reply, "error"), "fields"));
	json_decref(r.reply);
}

static void *no_memory(size_t n)
{
	(void)n;
	return NULL;
}

/* A field's refusal that cannot be kept for want of memory still refuses:
 * input_answer_errors() answers (a 500), never "no check refused". */
static void kept_field_without_memory_refuses(void **state)
{
	(void)state;
	struct request r = {0};
	struct input_errors e = {0};
	http_validation_error(&r, "a", "bad a");
	json_set_alloc_funcs(no_memory, free);
	input_keep(&r, &e);
	json_set_alloc_funcs(malloc, free);
	assert_int_equal(r.status, 0);
	assert_false(input_answer_errors(&r, &e));
	assert_int_equal(r.status, 500);
	json_decref(r.reply);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_spec_and_no_body),
	    cmocka_unit_test(valid_bodies_pass),
	    cmocka_unit_test(undeclared_fields_are_refused),
	    cmocka_unit_test(first_wrong_field_in_spec_order),
	    cmocka_unit_test(wrong_forms_name_their_field),
	    cmocka_unit_test(schema_describes_the_same_table),
	    cmocka_unit_test(routing_table_specs),
	    cmocka_unit_test(kept_fields_make_one_answer),
	    cmocka_unit_test(kept_field_without_memory_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
