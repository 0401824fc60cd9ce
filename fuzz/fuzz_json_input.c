/*
 * libFuzzer driver for JSON request bodies: jansson's parser as kring calls
 * it, then the declared validators and domain rules every handler uses
 * (strings, ids, usernames, passwords, names, dates). A field that passes
 * must really satisfy its rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/input.h"
#include "domain/account_rules.h"
#include "util/clock.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reset(struct request *r)
{
	json_decref(r->reply);
	r->reply = NULL;
	r->status = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *input = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	if (!input || !json_is_object(input)) {
		json_decref(input);
		return 0;
	}
	struct request r = {.input = input};
	arena_init(&r.arena);
	const char *u = input_string(&r, "username", true, account_check_username);
	if (u && (strlen(u) < 3 || strlen(u) > 64))
		abort();
	reset(&r);
	const char *pw = input_string(&r, "password", false, NULL);
	if (pw)
		(void)account_check_password(pw, u);
	reset(&r);
	const char *name = input_string(&r, "name", false, account_check_name);
	if (name && (utf8_length(name) == 0 || utf8_length(name) > 200))
		abort();
	reset(&r);
	(void)input_string(&r, "display_name", false, account_check_display_name);
	reset(&r);
	int64_t id;
	if (input_id(&r, "organisation_id", false, &id) && id <= 0)
		abort();
	reset(&r);
	const char *when = input_string(&r, "from", false, NULL);
	int64_t ms;
	if (when && clock_parse_iso_ms(when, &ms)) {
		char iso[25];
		clock_format_iso_ms(ms, iso);
	}
	reset(&r);
	json_decref(input);
	arena_free(&r.arena);
	return 0;
}
