#include "http/router.h"

#include <stdint.h>
#include <string.h>

#include "util/text.h"

#define MAX_SEGMENTS 16

/* Splits "/a/b/c" into segments (copies in arena); -1 when too many or empty parts. */
static int split_path(const char *path, struct arena *a, const char *seg[MAX_SEGMENTS])
{
	int n = 0;
	if (path[0] != '/')
		return -1;
	const char *p = path + 1;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 0 || n == MAX_SEGMENTS)
			return -1;
		seg[n++] = arena_strndup(a, p, len);
		if (!slash)
			break;
		p = slash + 1;
		if (!*p)
			return -1; /* trailing slash */
	}
	return n;
}

static bool segment_matches(const char *pattern, size_t plen, const char *seg)
{
	if (plen >= 2 && pattern[0] == '{') {
		if (strncmp(pattern, "{id}", plen) == 0) {
			int64_t id;
			return parse_id(seg, &id);
		}
		return *seg != '\0';
	}
	return strlen(seg) == plen && strncmp(pattern, seg, plen) == 0;
}

/* Matches a pattern against split segments, capturing {…} parts. */
static bool pattern_matches(const char *pattern, const char *seg[], int nseg,
                            const char *params[HTTP_MAX_PARAMS], int *np)
{
	const char *p = pattern + 1;
	int i = 0;
	*np = 0;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (i >= nseg || !segment_matches(p, len, seg[i]))
			return false;
		if (p[0] == '{') {
			if (*np == HTTP_MAX_PARAMS)
				return false;
			params[(*np)++] = seg[i];
		}
		i++;
		if (!slash)
			break;
		p = slash + 1;
	}
	return i == nseg;
}

enum route_match router_match(const struct route *table, size_t n, const char *method,
                              const char *path, struct arena *a, const struct route **out,
                              const char *params[HTTP_MAX_PARAMS], int *param_count,
                              const char **allow)
{
	const char *seg[MAX_SEGMENTS];
	int nseg = split_path(path, a, seg);
	char allowed[128] = "";
	bool path_known = false;
	if (nseg < 0)
		return ROUTE_NOT_FOUND;
	for (size_t i = 0; i < n; i++) {
		const char *cap[HTTP_MAX_PARAMS];
		int ncap;
		if (!pattern_matches(table[i].pattern, seg, nseg, cap, &ncap))
			continue;
		if (strcmp(table[i].method, method) == 0) {
			*out = &table[i];
			memcpy(params, cap, sizeof(cap));
			*param_count = ncap;
			return ROUTE_MATCHED;
		}
		if (!strstr(allowed, table[i].method)) {
			if (path_known)
				strncat(allowed, ", ", sizeof(allowed) - strlen(allowed) - 1);
			strncat(allowed, table[i].method, sizeof(allowed) - strlen(allowed) - 1);
		}
		path_known = true;
	}
	if (!path_known)
		return ROUTE_NOT_FOUND;
	*allow = arena_strdup(a, allowed);
	return ROUTE_WRONG_METHOD;
}
