#include "domain/device.h"

#include <stddef.h>
#include <string.h>

struct family {
	const char *marker; /* a part of the User-Agent that names the family */
	const char *name;
};

/*
 * In the order they are tried: most browsers also name the ones they grew
 * from (Edge, Opera and Samsung Internet say "Chrome/", Chrome says
 * "Safari/"), so the specific ones come first. Chrome and Firefox on iOS
 * say CriOS/ and FxiOS/.
 */
static const struct family browsers[] = {
    {"Edg/", "Edge"},        {"EdgA/", "Edge"},       {"EdgiOS/", "Edge"},
    {"OPR/", "Opera"},       {"Opera", "Opera"},      {"SamsungBrowser/", "Samsung Internet"},
    {"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},   {"CriOS/", "Chrome"},
    {"Chrome/", "Chrome"},   {"Chromium/", "Chrome"}, {"Safari/", "Safari"},
};

/* Android says "Linux" too, and iOS "like Mac OS X": they come first. */
static const struct family systems[] = {
    {"Android", "Android"}, {"iPhone", "iOS"},     {"iPad", "iOS"},
    {"iPod", "iOS"},        {"CrOS", "ChromeOS"},  {"Windows", "Windows"},
    {"Macintosh", "macOS"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"},
};

static const char *family_of(const char *ua, const struct family *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(ua, list[i].marker))
			return list[i].name;
	return NULL;
}

struct device device_from_user_agent(const char *user_agent)
{
	struct device d = {0};
	if (!user_agent)
		return d;
	d.browser = family_of(user_agent, browsers, sizeof(browsers) / sizeof(browsers[0]));
	d.os = family_of(user_agent, systems, sizeof(systems) / sizeof(systems[0]));
	/* Safari is only Safari with its "Version/"; else an app's web view. */
	if (d.browser && strcmp(d.browser, "Safari") == 0 && !strstr(user_agent, "Version/"))
		d.browser = NULL;
	return d;
}
