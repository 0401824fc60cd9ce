/*
 * libFuzzer driver for the router's path matching. Input: a method, a NUL
 * byte, then a path. Any input must give a match, not-found or
 * wrong-method without a sanitizer report, and a match must capture only
 * well-formed parameters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	buf[size + 1] = '\0';
	const char *method = buf;
	const char *path = memchr(buf, '\0', size) ? buf + strlen(buf) + 1 : "/";
	struct arena a;
	const struct route *rt = NULL;
	const char *params[HTTP_MAX_PARAMS], *allow = NULL;
	int np = 0;
	arena_init(&a);
	enum route_match m = router_match(kring_routes, kring_route_count, method, path, &a, &rt,
	                                  params, &np, &allow);
	if (m == ROUTE_MATCHED) {
		if (strcmp(rt->method, method) != 0 || np > HTTP_MAX_PARAMS)
			abort();
		for (int i = 0; i < np; i++)
			if (!params[i][0] || strchr(params[i], '/'))
				abort();
		if (strstr(rt->pattern, "{id}")) {
			int64_t id;
			if (!parse_id(params[0], &id))
				abort();
		}
	} else if (m == ROUTE_WRONG_METHOD && (!allow || !allow[0])) {
		abort();
	}
	arena_free(&a);
	free(buf);
	return 0;
}
