/* Calendar invites (RFC 5545) for meetings, and each user's secret calendar feed. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ical.h"
#include "api/input.h"
#include "auth/token.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define FEED_PAST_DAYS 30

static const char *kind_label(const char *kind)
{
	if (!strcmp(kind, "network"))
		return "Netwerkoverleg";
	if (!strcmp(kind, "safety_table"))
		return "Veiligheidstafel";
	if (!strcmp(kind, "evaluation"))
		return "Evaluatie";
	return "Overleg";
}

/* Adds one meeting row (SQ_MEETING_GET / SQ_FEED_MEETINGS) as an event, under
 * the meeting's stored UID. The invite names only the kind and the young
 * person's first name. */
static void add_event(struct request *r, struct ical *c, json_t *m)
{
	int64_t starts = 0, ends = 0;
	clock_parse_iso_ms(json_string_value(json_object_get(m, "starts_at")), &starts);
	clock_parse_iso_ms(json_string_value(json_object_get(m, "ends_at")), &ends);
	struct ical_event e = {
	    .uid = json_string_value(json_object_get(m, "uid")),
	    .sequence = (int)json_integer_value(json_object_get(m, "sequence")),
	    .starts = starts / 1000,
	    .ends = ends / 1000,
	    .stamp = clock_now(),
	    .summary = arena_printf(&r->arena, "%s %s",
	                            kind_label(json_string_value(json_object_get(m, "kind"))),
	                            json_string_value(json_object_get(m, "given_name"))),
	    .location = json_string_value(json_object_get(m, "location")),
	    .description = "Details staan in kring.",
	    .cancelled = json_is_true(json_object_get(m, "cancelled")),
	};
	ical_event(c, &e);
}

void api_meeting_ics(struct request *r)
{
	int64_t id;
	json_t *m = NULL;
	struct ical c;
	if (!parse_id(http_param(r, 0), &id) ||
	    store_row(r->conn, SQ_MEETING_GET, STORE_ARGS(SA_INT(id)), &m) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	ical_begin(&c, true);
	add_event(r, &c, m);
	ical_end(&c);
	json_decref(m);
	http_reply_raw(
	    r, 200, "text/calendar; charset=utf-8; method=REQUEST",
	    arena_printf(&r->arena, "attachment; filename=\"overleg-%lld.ics\"", (long long)id),
	    c.data, c.len);
}

/* A Host header fit to put in a URL: a name or address with an optional port, nothing else. */
static bool plain_host(const char *host)
{
	size_t n = host ? strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                               "0123456789.-:[]")
	                : 0;
	return n > 0 && n < 256 && host[n] == '\0';
}

/* The feed's URL (arena) on the host the caller used, or on `localhost` when that is not plain. */
static const char *feed_url(struct request *r, const char *token)
{
	const char *host = http_header(r, "Host");
	return arena_printf(&r->arena, "%s://%s/api/v1/calendar/%s.ics",
	                    r->srv->cfg->cookie_secure ? "https" : "http",
	                    plain_host(host) ? host : "localhost", token);
}

void api_calendar_feed_create(struct request *r)
{
	char token[TOKEN_CHARS + 1], hash[TOKEN_HASH_CHARS + 1], at[25];
	if (!http_begin_write(r))
		return;
	token_new(token);
	token_hash(token, hash);
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_FEED_PUT,
	              STORE_ARGS(SA_INT(r->caller.user_id), SA_TEXT(hash), SA_TEXT(at)), NULL,
	              NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 201, json_pack("{s:s}", "url", feed_url(r, token)));
}

void api_calendar_feed_delete(struct request *r)
{
	if (!http_begin_write(r))
		return;
	if (store_run(r->conn, SQ_FEED_DELETE, STORE_ARGS(SA_INT(r->caller.user_id)), NULL, NULL) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 204, NULL);
}

void api_calendar_feed_get(struct request *r)
{
	char hash[TOKEN_HASH_CHARS + 1], since[25];
	json_t *owner = NULL, *rows = NULL, *row;
	size_t i;
	const char *token = http_param(r, 0);
	if (!token_well_formed(token)) {
		r->audit.action = NULL; /* nobody's data was reached: nothing to audit */
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	token_hash(token, hash);
	enum store_status s = store_row(r->conn, SQ_FEED_USER, STORE_ARGS(SA_TEXT(hash)), &owner);
	if (s != STORE_OK) {
		if (s == STORE_NOT_FOUND)
			r->audit.action = NULL;
		http_store_error(r, s);
		return;
	}
	r->audit.user_id = json_integer_value(json_object_get(owner, "user_id"));
	r->audit.username =
	    arena_strdup(&r->arena, json_string_value(json_object_get(owner, "username")));
	r->audit.role = arena_strdup(&r->arena, json_string_value(json_object_get(owner, "role")));
	r->audit.reason = "calendar feed";
	json_decref(owner);
	clock_format_iso_ms(clock_now_ms() - (int64_t)FEED_PAST_DAYS * 24 * 3600 * 1000, since);
	since[19] = 'Z';
	since[20] = '\0';
	if (store_rows(r->conn, SQ_FEED_MEETINGS,
	               STORE_ARGS(SA_INT(r->audit.user_id), SA_TEXT(since)), &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	struct ical c;
	struct caller owner_caller = {.user_id = r->audit.user_id,
	                              .role = role_from_name(r->audit.role)};
	ical_begin(&c, false);
	json_array_foreach(rows, i, row)
	{
		/* Only what the owner may see now: a JIM's meetings need consent today;
		 * the young person sees their own. */
		struct dossier_access access;
		enum policy_result p = policy_dossier_access(
		    r->conn, &owner_caller, json_integer_value(json_object_get(row, "youth_id")),
		    REL_TEAM | REL_BREAK_GLASS | REL_JIM | REL_SELF, SCOPE_SHARE_MEETINGS, &access);
		if (p == POLICY_STORE_ERROR) {
			ical_free(&c);
			json_decref(rows);
			http_store_error(r, STORE_ERROR);
			return;
		}
		if (p == POLICY_ALLOWED) {
			add_event(r, &c, row);
			http_audit_youth(r, json_integer_value(json_object_get(row, "youth_id")));
		}
	}
	ical_end(&c);
	json_decref(rows);
	http_reply_raw(r, 200, "text/calendar; charset=utf-8", NULL, c.data, c.len);
}
