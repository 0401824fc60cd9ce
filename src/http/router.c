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

/*
 * Whether a path segment matches one pattern segment: a literal, "{id}" (a
 * positive integer), "{name}" (any non-empty text), or either of those with
 * a literal suffix ("{id}.ics"). *param_len receives the length of the part
 * a {…} captures.
 */
static bool segment_matches(const char *pattern, size_t plen, const char *seg, size_t *param_len)
{
	if (plen < 2 || pattern[0] != '{')
		return strlen(seg) == plen && strncmp(pattern, seg, plen) == 0;
	const char *close = memchr(pattern, '}', plen);
	if (!close)
		return false;
	size_t suffix_len = plen - (size_t)(close + 1 - pattern), seg_len = strlen(seg);
	if (seg_len <= suffix_len ||
	    strncmp(seg + seg_len - suffix_len, close + 1, suffix_len) != 0)
		return false;
	*param_len = seg_len - suffix_len;
	if (strncmp(pattern, "{id}", 4) == 0) {
		char digits[20];
		int64_t id;
		if (*param_len >= sizeof(digits))
			return false;
		memcpy(digits, seg, *param_len);
		digits[*param_len] = '\0';
		return parse_id(digits, &id);
	}
	return true;
}

/* Matches a pattern against split segments, capturing {…} parts (cut in arena copies). */
static bool pattern_matches(const char *pattern, const char *seg[], int nseg, struct arena *a,
                            const char *params[HTTP_MAX_PARAMS], int *np)
{
	const char *p = pattern + 1;
	int i = 0;
	*np = 0;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p), plen = 0;
		if (i >= nseg || !segment_matches(p, len, seg[i], &plen))
			return false;
		if (p[0] == '{') {
			if (*np == HTTP_MAX_PARAMS)
				return false;
			params[(*np)++] =
			    plen == strlen(seg[i]) ? seg[i] : arena_strndup(a, seg[i], plen);
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
		if (!pattern_matches(table[i].pattern, seg, nseg, a, cap, &ncap))
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
