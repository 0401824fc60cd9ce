#include "unit.h"

#include "util/log.h"

/* Runs log_line with stderr sent to a temporary file; returns the text written (malloc'd). */
static char *captured(void (*write_lines)(void))
{
	char path[] = "/tmp/kring-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	write_lines();
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	FILE *f = fdopen(fd, "r");
	assert_non_null(f);
	rewind(f);
	static char buf[16384];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(path);
	return strdup(buf);
}

/* The line without its "ts=<24 characters> " start, which changes with the clock. */
static const char *after_time(const char *line)
{
	assert_memory_equal(line, "ts=", 3);
	assert_int_equal(line[3 + 24], ' ');
	assert_int_equal(line[3 + 23], 'Z');
	return line + 3 + 24 + 1;
}

static void plain_and_quoted(void)
{
	log_line(LOG_INFO, "listening", "url", "http://127.0.0.1:8080", "skipped", NULL, "empty",
	         "", (const char *)NULL);
	log_line(LOG_WARN, "a message with spaces", "detail", "say \"hi\" a=b c\\d",
	         (const char *)NULL);
	log_line(LOG_ERROR, "controls", "v", "line1\nline2\tx\x01\x7f", (const char *)NULL);
}

/* Plain values stay bare; others are quoted and escaped; NULL values are left out. */
static void values_are_quoted_and_escaped(void **state)
{
	(void)state;
	char *text = captured(plain_and_quoted);
	char *second = strchr(text, '\n');
	assert_non_null(second);
	*second++ = '\0';
	char *third = strchr(second, '\n');
	assert_non_null(third);
	*third++ = '\0';
	char *end = strchr(third, '\n');
	assert_non_null(end);
	*end = '\0';
	assert_string_equal(end + 1, "");
	assert_string_equal(after_time(text),
	                    "level=info msg=listening url=http://127.0.0.1:8080 empty=\"\"");
	assert_string_equal(after_time(second), "level=warn msg=\"a message with spaces\" "
	                                        "detail=\"say \\\"hi\\\" a=b c\\\\d\"");
	assert_string_equal(after_time(third),
	                    "level=error msg=controls v=\"line1\\nline2\\tx\\x01\\x7f\"");
	free(text);
}

static void one_long_value(void)
{
	static char big[2000];
	memset(big, 'a', sizeof(big) - 1);
	log_error("long", "%s", big);
}

/* A value is cut at 512 bytes, and the line stays one line. */
static void long_values_are_cut(void **state)
{
	(void)state;
	char *text = captured(one_long_value);
	const char *rest = after_time(text);
	assert_memory_equal(rest, "level=error msg=long error=", 27);
	const char *value = rest + 27;
	size_t run = strspn(value, "a");
	assert_true(run <= 512);
	assert_true(run >= 400);
	assert_string_equal(value + run, "\n");
	free(text);
}

static void library(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void library(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_library("http library", fmt, ap);
	va_end(ap);
}

static void library_messages(void)
{
	library("Failed to send the response headers for the request for `%s'. Error: %s\n",
	        "/api/v1/youths/48083/network", "Broken pipe");
	library("Error processing request (HTTP response code is %u ('%s')). Closing connection.\n",
	        400U, "Bad Request");
}

/* A library's message loses everything from a path on; one without a path stays whole. */
static void library_messages_lose_paths(void **state)
{
	(void)state;
	char *text = captured(library_messages);
	char *second = strchr(text, '\n');
	assert_non_null(second);
	*second++ = '\0';
	assert_null(strstr(text, "48083"));
	assert_string_equal(after_time(text),
	                    "level=warn msg=\"http library\" detail=\"Failed to send the response "
	                    "headers for the request for `\" cut=path");
	assert_string_equal(
	    after_time(second),
	    "level=warn msg=\"http library\" detail=\"Error processing request (HTTP "
	    "response code is 400 ('Bad Request')). Closing connection.\"\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(values_are_quoted_and_escaped),
	    cmocka_unit_test(long_values_are_cut),
	    cmocka_unit_test(library_messages_lose_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
