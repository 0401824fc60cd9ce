#include "unit.h"

#include <jansson.h>
#include <math.h>

#include "util/json_text.h"

/* That t holds what jansson writes for j (null for a NULL j: a value jansson refuses); frees both.
 */
static void assert_as_jansson(struct json_text *t, json_t *j)
{
	char *want = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("null");
	assert_non_null(want);
	assert_string_equal(t->data, want);
	free(want);
	json_decref(j);
	free(t->data);
}

static void assert_string_as_jansson(const char *s)
{
	struct json_text t = {0};
	json_text_string(&t, s);
	assert_as_jansson(&t, json_string(s));
}

static void strings_are_written_as_jansson_writes_them(void **state)
{
	(void)state;
	static const char *const hostile[] = {
	    "",
	    "plain",
	    "quote \" backslash \\ slash / tab \t newline \n return \r",
	    "\b\f\x01\x1f\x7f",
	    "<img src=x onerror=alert(1)></script>",
	    "é ß 中文 🙂 \xe2\x80\xa8 \xef\xbb\xbf",
	    "\xc3",             /* cut short */
	    "\xc0\xaf",         /* overlong '/' */
	    "\xe0\x80\xaf",     /* overlong, three bytes */
	    "\xed\xa0\x80",     /* a surrogate */
	    "\xf4\x90\x80\x80", /* above U+10FFFF */
	    "\xf0\x9f\x99",     /* emoji cut short */
	    "\x80 continuation first",
	    "\xf8\x88\x80\x80\x80", /* five bytes */
	    "\xef\xbf\xbf",         /* U+FFFF: valid */
	    "\xf4\x8f\xbf\xbf",     /* U+10FFFF: valid */
	};
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		assert_string_as_jansson(hostile[i]);
	char one[2] = {0};
	for (int b = 1; b < 256; b++) {
		one[0] = (char)b;
		assert_string_as_jansson(one);
	}
}

/* Random short strings from bytes that make valid and broken UTF-8 alike. */
static void random_strings_are_written_as_jansson_writes_them(void **state)
{
	(void)state;
	static const unsigned char alphabet[] = {'a',  '"',  '\\', '\n', 0x01, 0x1f, 0x7f, 0x80,
	                                         0xbf, 0xc2, 0xc3, 0xdf, 0xe0, 0xed, 0xef, 0xf0,
	                                         0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x8f, ' ',  '/'};
	uint32_t x = 2463534242u;
	char s[16];
	for (int n = 0; n < 50000; n++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		size_t len = x % sizeof(s);
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			s[i] = (char)alphabet[x % sizeof(alphabet)];
		}
		s[len] = '\0';
		assert_string_as_jansson(s);
	}
}

static void numbers_and_literals_are_written_as_jansson_writes_them(void **state)
{
	(void)state;
	static const int64_t ints[] = {0, 1, -1, 42, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		struct json_text t = {0};
		json_text_int(&t, ints[i]);
		assert_as_jansson(&t, json_integer(ints[i]));
	}
	static const double reals[] = {0.0, -0.0, 0.1, 3.0, 1.5e-7, 1e300, -2.5, 123456789.125};
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		struct json_text t = {0};
		json_text_real(&t, reals[i]);
		assert_as_jansson(&t, json_real(reals[i]));
	}
	struct json_text t = {0};
	json_text_real(&t, NAN);
	json_text_char(&t, ' ');
	json_text_real(&t, INFINITY);
	json_text_char(&t, ' ');
	json_text_bool(&t, true);
	json_text_char(&t, ' ');
	json_text_bool(&t, false);
	json_text_char(&t, ' ');
	json_text_string(&t, NULL);
	assert_string_equal(t.data, "null null true false null");
	free(t.data);
}

static void keys_are_separated_by_commas(void **state)
{
	(void)state;
	struct json_text t = {0};
	bool first = true;
	json_text_char(&t, '{');
	json_text_key(&t, "a", &first);
	json_text_int(&t, 1);
	json_text_key(&t, "b\"", &first);
	json_text_null(&t);
	json_text_char(&t, '}');
	assert_string_equal(t.data, "{\"a\":1,\"b\\\"\":null}");
	assert_int_equal(t.len, strlen(t.data));
	json_t *parsed = json_loads(t.data, 0, NULL);
	assert_non_null(parsed);
	json_decref(parsed);
	free(t.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(strings_are_written_as_jansson_writes_them),
	    cmocka_unit_test(random_strings_are_written_as_jansson_writes_them),
	    cmocka_unit_test(numbers_and_literals_are_written_as_jansson_writes_them),
	    cmocka_unit_test(keys_are_separated_by_commas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
