/*
 * The answers handlers build (http/response.c): an answer whose body could
 * not be built is never an empty success.
 */
#include "unit.h"

#include "http/http.h"

static const char *error_code(const struct request *r)
{
	return json_string_value(json_object_get(json_object_get(r->reply, "error"), "code"));
}

/* json_pack() refuses text that is not UTF-8 and returns NULL: that is a 500. */
static void a_body_that_could_not_be_built_is_a_500(void **state)
{
	(void)state;
	struct request r = {0};
	http_reply(&r, 201, json_pack("{s:s}", "url", "http://k\xffr/"));
	assert_int_equal(r.status, 500);
	assert_string_equal(error_code(&r), "internal_error");
	json_decref(r.reply);
}

static void no_content_has_no_body(void **state)
{
	(void)state;
	struct request r = {0};
	http_reply(&r, 204, NULL);
	assert_int_equal(r.status, 204);
	assert_null(r.reply);
}

static void a_built_body_is_kept(void **state)
{
	(void)state;
	struct request r = {0};
	http_reply(&r, 201, json_pack("{s:s}", "url", "http://localhost/"));
	assert_int_equal(r.status, 201);
	assert_string_equal(json_string_value(json_object_get(r.reply, "url")),
	                    "http://localhost/");
	json_decref(r.reply);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_body_that_could_not_be_built_is_a_500),
	    cmocka_unit_test(no_content_has_no_body),
	    cmocka_unit_test(a_built_body_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
