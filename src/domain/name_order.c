#include "domain/name_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

static const char *const tussenvoegsels[] = {
    "van", "de",  "der", "den", "het",  "'t",    "\xe2\x80\x99t", "ter", "ten", "te", "in",
    "op",  "aan", "bij", "uit", "voor", "onder", "over",          "du",  "da",  "di", "dos",
    "la",  "le",  "les", "von", "zu",   "vom",   "zur",           "am",  "im",  NULL};

/* Whether the n bytes at `word` are one of the tussenvoegsels, exactly as written. */
static bool is_tussenvoegsel(const char *word, size_t n)
{
	for (const char *const *t = tussenvoegsels; *t; t++)
		if (strlen(*t) == n && memcmp(*t, word, n) == 0)
			return true;
	return false;
}

size_t name_sort_offset(const char *family)
{
	size_t at = 0;
	for (;;) {
		const char *word = family + at;
		const char *space = strchr(word, ' ');
		if (!space || !is_tussenvoegsel(word, (size_t)(space - word)))
			return at;
		size_t next = (size_t)(space - family) + 1;
		while (family[next] == ' ')
			next++;
		if (!family[next])
			return at;
		at = next;
	}
}

/* text_fold of "a b" or, with c not empty, "a b c"; NULL on failure. */
static char *fold_joined(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
	char *joined = malloc(n);
	if (!joined)
		return NULL;
	snprintf(joined, n, "%s %s%s%s", a, b, *c ? " " : "", c);
	char *out = text_fold(joined);
	free(joined);
	return out;
}

bool name_keys_make(const char *given, const char *family, struct name_keys *out)
{
	out->search = out->sort = NULL;
	if (!given || !family)
		return false;
	size_t off = name_sort_offset(family), prefix_len = off;
	while (prefix_len > 0 && family[prefix_len - 1] == ' ')
		prefix_len--;
	char *prefix = strndup(family, prefix_len);
	out->search = fold_joined(given, family, "");
	out->sort = prefix ? fold_joined(family + off, given, prefix) : NULL;
	free(prefix);
	if (out->search && out->sort)
		return true;
	name_keys_free(out);
	return false;
}

void name_keys_free(struct name_keys *k)
{
	free(k->search);
	free(k->sort);
	k->search = k->sort = NULL;
}
