/*
 * libFuzzer driver for the compact youth_facts texts (domain/youth_facts.h):
 * the living-situation and JIM-period decoders read text from the database,
 * so any text must decode or be refused without reading past its end, and
 * whatever decodes must encode back to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/youth_facts.h"
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decoded living changes encode back to the input (when all fit). */
static void living(const char *text)
{
	struct living_change out[FACTS_MAX_CHANGES];
	size_t n = facts_living_decode(text, false, out, FACTS_MAX_CHANGES);
	if (n == (size_t)-1 || strlen(text) != n * 11)
		return;
	char again[FACTS_LIVING_SIZE] = "";
	for (size_t i = 0; i < n; i++)
		if (!facts_living_append(again, out[i].on, text[i * 11 + 10]))
			abort();
	if (strcmp(again, text) != 0)
		abort();
}

static void jims(const char *text)
{
	struct facts_jim jim;
	long eligible[2] = {0}, kept[2] = {0};
	const char *cursor = text;
	int rc, count = 0;
	while ((rc = facts_jim_next(&cursor, &jim)) == 1) {
		if (cursor < text || cursor > text + strlen(text))
			abort();
		facts_jim_retention(&jim, (struct date){2026, 1, 1}, eligible, kept);
		count++;
	}
	if (kept[0] > eligible[0] || kept[1] > eligible[1] || eligible[0] > count)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	living(text);
	jims(text);
	free(text);
	return 0;
}
