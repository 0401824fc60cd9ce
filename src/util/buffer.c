#include "util/buffer.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"

void buffer_append(char **data, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t grown = *cap ? *cap : 1024;
		while (grown < *len + n + 1)
			grown *= 2;
		*data = realloc(*data, grown);
		if (!*data)
			fatal("out of memory");
		*cap = grown;
	}
	memcpy(*data + *len, s, n);
	*len += n;
	(*data)[*len] = '\0';
}
