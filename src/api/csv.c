#include "api/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "util/text.h"

static void put(struct csv *c, const char *s, size_t n)
{
	buffer_append(&c->data, &c->len, &c->cap, s, n);
}

void csv_init(struct csv *c)
{
	memset(c, 0, sizeof(*c));
	put(c, "\xEF\xBB\xBF", 3);
}

void csv_free(struct csv *c)
{
	free(c->data);
	memset(c, 0, sizeof(*c));
}

static void separator(struct csv *c)
{
	if (c->fields_in_row++ > 0)
		put(c, ";", 1);
}

void csv_raw(struct csv *c, const char *text)
{
	separator(c);
	put(c, text, strlen(text));
}

void csv_text(struct csv *c, const char *text)
{
	separator(c);
	if (!text || !*text)
		return;
	bool formula = strchr("=+-@\t\r", text[0]) != NULL;
	bool quote = strpbrk(text, ";\"\r\n") != NULL;
	if (quote)
		put(c, "\"", 1);
	if (formula)
		put(c, "'", 1);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			put(c, "\"", 1);
		put(c, p, 1);
	}
	if (quote)
		put(c, "\"", 1);
}

void csv_end_row(struct csv *c)
{
	put(c, "\r\n", 2);
	c->fields_in_row = 0;
}
