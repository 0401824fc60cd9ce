#include "unit.h"

#include "domain/device.h"

/* "browser|os" for a User-Agent, with "-" for an unknown family. */
static const char *label(const char *ua)
{
	static char out[64];
	struct device d = device_from_user_agent(ua);
	snprintf(out, sizeof(out), "%s|%s", d.browser ? d.browser : "-", d.os ? d.os : "-");
	return out;
}

static void families(void **state)
{
	(void)state;
	assert_string_equal(label("Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 "
	                          "Firefox/126.0"),
	                    "Firefox|Android");
	assert_string_equal(label("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, "
	                          "like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36"),
	                    "Chrome|Android");
	assert_string_equal(label("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 "
	                          "(KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile "
	                          "Safari/537.36"),
	                    "Samsung Internet|Android");
	assert_string_equal(label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
	                          "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
	                          "Mobile/15E148 Safari/604.1"),
	                    "Safari|iOS");
	assert_string_equal(label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
	                          "AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 "
	                          "Mobile/15E148 Safari/604.1"),
	                    "Chrome|iOS");
	assert_string_equal(label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	                          "(KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 "
	                          "Edg/125.0.2535.67"),
	                    "Edge|Windows");
	assert_string_equal(label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	                          "(KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 "
	                          "OPR/110.0.0.0"),
	                    "Opera|Windows");
	assert_string_equal(label("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
	                          "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 "
	                          "Safari/605.1.15"),
	                    "Safari|macOS");
	assert_string_equal(label("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 "
	                          "Firefox/127.0"),
	                    "Firefox|Linux");
	assert_string_equal(label("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 "
	                          "(KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36"),
	                    "Chrome|ChromeOS");
	assert_string_equal(label("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, "
	                          "like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36"),
	                    "Chrome|Linux");
	/* An app's web view on iOS: no Version/, so not Safari. */
	assert_string_equal(label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
	                          "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
	                    "-|iOS");
	assert_string_equal(label("curl/8.5.0"), "-|-");
	assert_string_equal(label("node"), "-|-");
	assert_string_equal(label(""), "-|-");
	assert_string_equal(label(NULL), "-|-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(families),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
