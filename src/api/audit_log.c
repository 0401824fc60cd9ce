/* GET /api/v1/audit(.csv): the NEN 7513 access log for the privacy officer. */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/csv.h"
#include "api/input.h"
#include "util/clock.h"
#include "util/text.h"

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX     1000
#define AUDIT_CSV_LIMIT_MAX 10000
/* Longer than any username kring accepts, and than a mistyped one at a failed login;
 * in characters (code points), as the audit page counts them. */
#define AUDIT_USERNAME_MAX 200

static const char *const bases[] = {"team",    "break_glass", "self", "jim",
                                    "privacy", "exists",      NULL};
static const char *const outcomes[] = {"success", "denied", "error", NULL};

/* A query value that must be one of `allowed`; NULL when absent; false (answered 422) otherwise. */
static bool query_enum(struct request *r, const char *name, const char *const *allowed,
                       const char *why, const char **out)
{
	const char *v = http_query(r, name);
	*out = NULL;
	if (!v || !*v)
		return true;
	for (const char *const *a = allowed; *a; a++)
		if (!strcmp(v, *a)) {
			*out = *a;
			return true;
		}
	http_validation_error(r, name, why);
	return false;
}

/*
 * Reads the filter of both forms of the audit trail from the query string:
 * user_id, youth_id, username (whole, in any case), from/to, before (an event id: only
 * older events, for the next page), basis, outcome and limit (1 to
 * max_limit, default default_limit). False when a value is wrong (answered
 * 422, naming the parameter).
 */
static bool read_filter(struct request *r, struct store_audit_filter *f, int default_limit,
                        int max_limit)
{
	long limit;
	*f = (struct store_audit_filter){.limit = default_limit};
	if (!input_query_id(r, "user_id", &f->user_id) ||
	    !input_query_id(r, "youth_id", &f->youth_id) ||
	    !input_query_id(r, "before", &f->before_id))
		return false;
	if (!input_query_time(r, "from", &f->from) || !input_query_time(r, "to", &f->to))
		return false;
	const char *user = http_query(r, "username");
	if (user && *user) {
		if (utf8_length(user) > AUDIT_USERNAME_MAX) {
			http_validation_error(r, "username", "at most 200 characters");
			return false;
		}
		f->username = user;
	}
	if (!query_enum(r, "basis", bases,
	                "must be team, break_glass, self, jim, privacy or exists", &f->basis) ||
	    !query_enum(r, "outcome", outcomes, "must be success, denied or error", &f->outcome))
		return false;
	const char *lim = http_query(r, "limit");
	if (lim && *lim) {
		if (!parse_long_range(lim, 1, max_limit, &limit)) {
			http_validation_error(r, "limit",
			                      max_limit == AUDIT_LIMIT_MAX
			                          ? "must be a whole number from 1 to 1000"
			                          : "must be a whole number from 1 to 10000");
			return false;
		}
		f->limit = (int)limit;
	}
	return true;
}

/* An event's field: a number as digits, a text quoted as needed, null as an empty field. */
static void csv_value(struct csv *c, json_t *ev, const char *key)
{
	char buf[24];
	json_t *v = json_object_get(ev, key);
	if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		csv_raw(c, buf);
	} else {
		csv_text(c, json_string_value(v));
	}
}

/* "2026-03-01 10:30:00" in Europe/Amsterdam (kring's zone); "" when iso is unreadable. */
static void local_time(const char *iso, char out[static 20])
{
	int64_t ms;
	struct tm tm;
	out[0] = '\0';
	if (!iso || !clock_parse_iso_ms(iso, &ms))
		return;
	time_t tt = (time_t)(ms / 1000);
	if (localtime_r(&tt, &tm))
		strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Appends " key=value" to *out, the value in double quotes when it is not a plain word. */
static void reason_pair(struct request *r, const char **out, const char *key, const char *value)
{
	size_t n = strlen(value);
	bool plain = n > 0 && strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                    "0123456789._:@-") == n;
	if (plain) {
		*out = arena_printf(&r->arena, "%s %s=%s", *out, key, value);
		return;
	}
	/* quoted: \" and \\ escaped, a control character as \xNN; UTF-8 as it is */
	char *q = arena_alloc(&r->arena, 4 * n + 3), *w = q;
	*w++ = '"';
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '"' || *p == '\\') {
			*w++ = '\\';
			*w++ = (char)*p;
		} else if (*p < 0x20 || *p == 0x7f) {
			w += snprintf(w, 5, "\\x%02x", *p);
		} else {
			*w++ = (char)*p;
		}
	}
	*w++ = '"';
	*w = '\0';
	*out = arena_printf(&r->arena, "%s %s=%s", *out, key, q);
}

/*
 * The filter of an export as the reason of its audit event, so that the
 * trail says which selection left kring: "filter: youth_id=12
 * username=j.jansen from=... to=... basis=break_glass outcome=denied" with
 * the parameters given (limit and before too), or "filter: none". The
 * username is one the privacy officer typed; it stays in the audit trail
 * (the database), never in a log line.
 */
static const char *filter_reason(struct request *r, const struct store_audit_filter *f,
                                 int default_limit)
{
	const char *out = "filter:";
	char num[24];
	if (f->youth_id) {
		snprintf(num, sizeof(num), "%lld", (long long)f->youth_id);
		reason_pair(r, &out, "youth_id", num);
	}
	if (f->user_id) {
		snprintf(num, sizeof(num), "%lld", (long long)f->user_id);
		reason_pair(r, &out, "user_id", num);
	}
	if (f->username)
		reason_pair(r, &out, "username", f->username);
	if (f->from)
		reason_pair(r, &out, "from", f->from);
	if (f->to)
		reason_pair(r, &out, "to", f->to);
	if (f->basis)
		reason_pair(r, &out, "basis", f->basis);
	if (f->outcome)
		reason_pair(r, &out, "outcome", f->outcome);
	if (f->before_id) {
		snprintf(num, sizeof(num), "%lld", (long long)f->before_id);
		reason_pair(r, &out, "before", num);
	}
	if (f->limit != default_limit) {
		snprintf(num, sizeof(num), "%d", f->limit);
		reason_pair(r, &out, "limit", num);
	}
	return strcmp(out, "filter:") ? out : "filter: none";
}

/*
 * Whether kring ever gave out young person number `id`: a file that exists,
 * or one destroyed, whose number still names them in the audit trail. A
 * read or refusal about a number kring never gave out names nobody, or a
 * young person given that number later would find, in their access log, an
 * event from before their file.
 */
static enum store_status youth_known(struct request *r, int64_t id, bool *known)
{
	json_t *row = NULL;
	enum store_status s = store_row(r->conn, SQ_YOUTH_KNOWN, STORE_ARGS(SA_INT(id)), &row);
	json_decref(row);
	*known = s == STORE_OK;
	return s == STORE_NOT_FOUND ? STORE_OK : s;
}

/*
 * The young people the account filter (user_id, username) names, into the
 * read's event (r->audit.youth_id, or one more event for each other one).
 * A young person's own account: what they did in kring is about them. A
 * JIM's account: what the JIM did is about the young person they are or
 * were JIM for, when that is exactly one young person; over several (or
 * none) it names nobody, as a filter over many young people does.
 */
static enum store_status audit_account_youths(struct request *r, const struct store_audit_filter *f)
{
	json_t *own = NULL, *jim = NULL, *row;
	size_t i;
	enum store_status s = store_rows(r->conn, SQ_YOUTH_OF_ACCOUNT,
	                                 STORE_ARGS(SA_ID(f->user_id), SA_TEXT(f->username)), &own);
	if (s != STORE_OK)
		return s;
	s = store_rows(r->conn, SQ_YOUTH_OF_JIM_ACCOUNT,
	               STORE_ARGS(SA_ID(f->user_id), SA_TEXT(f->username)), &jim);
	if (s != STORE_OK) {
		json_decref(own);
		return s;
	}
	if (json_array_size(jim) == 1 && json_array_append(own, json_array_get(jim, 0)) != 0) {
		json_decref(own);
		json_decref(jim);
		return STORE_ERROR;
	}
	json_array_foreach(own, i, row)
	{
		int64_t youth = json_integer_value(json_object_get(row, "id"));
		if (!r->audit.youth_id)
			r->audit.youth_id = youth;
		else if (youth != r->audit.youth_id)
			http_audit_youth(r, youth);
	}
	json_decref(own);
	json_decref(jim);
	return STORE_OK;
}

/*
 * The read's audit event for a filter of the trail: the filter as its reason
 * (filter_reason()), and the young people the filter reads about, so that
 * the trail filtered on them finds this read, and so do their own access log
 * and the complete file's access_log (who looked at their file is about
 * them). A youth_id filter reads about that young person: the event's
 * youth_id, when kring gave the number out (youth_known()). A user_id or
 * username filter reads about the young people audit_account_youths()
 * finds (one more event each when a youth_id filter names another). A
 * filter on no young person (the whole trail, a staff member's account, a
 * period, a basis, an outcome) reads over many young people and names none.
 * False answered (503).
 */
static bool audit_the_read(struct request *r, const struct store_audit_filter *f, int default_limit)
{
	bool known;
	enum store_status s;
	r->audit.reason = filter_reason(r, f, default_limit);
	if (f->youth_id) {
		s = youth_known(r, f->youth_id, &known);
		if (s != STORE_OK)
			goto fail;
		if (known)
			r->audit.youth_id = f->youth_id;
	}
	if (!f->user_id && !f->username)
		return true;
	s = audit_account_youths(r, f);
	if (s != STORE_OK)
		goto fail;
	return true;
fail:
	http_store_error(r, s);
	return false;
}

/*
 * For a caller the dispatcher refused (a role other than the privacy
 * officer's): the refusal's event names the young person of the youth_id
 * filter, when kring gave that number out, so that their access log and the
 * trail filtered on them show the attempt. The answer stays the refusal,
 * the same for any number; an unreadable number or a failed lookup leaves
 * the event without a young person.
 */
void api_audit_refused(struct request *r)
{
	int64_t id;
	bool known;
	const char *v = http_query(r, "youth_id");
	if (!v || !parse_id(v, &id) || youth_known(r, id, &known) != STORE_OK)
		return;
	if (known)
		r->audit.youth_id = id;
}

/*
 * GET /api/v1/audit: the events of the filter, newest first, a page of
 * `limit`; audited as a read with audit_the_read().
 */
void api_audit_list(struct request *r)
{
	struct store_audit_filter f;
	if (!read_filter(r, &f, AUDIT_LIMIT_DEFAULT, AUDIT_LIMIT_MAX) ||
	    !audit_the_read(r, &f, AUDIT_LIMIT_DEFAULT))
		return;
	json_t *items = NULL;
	enum store_status s = store_audit_query(r->conn, &f, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}

/*
 * GET /api/v1/audit.csv: the same filter as GET /api/v1/audit, newest first,
 * at most 10000 events (default 10000), as a CSV file for a spreadsheet:
 * the time in Amsterdam and in UTC, who, what, about which young person, the
 * outcome, the basis and the reason. Audited as an export with
 * audit_the_read().
 */
void api_audit_csv(struct request *r)
{
	struct store_audit_filter f;
	struct csv c;
	json_t *items = NULL, *ev;
	size_t i;
	char local[20];
	if (!read_filter(r, &f, AUDIT_CSV_LIMIT_MAX, AUDIT_CSV_LIMIT_MAX) ||
	    !audit_the_read(r, &f, AUDIT_CSV_LIMIT_MAX))
		return;
	enum store_status s = store_audit_query(r->conn, &f, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	/* after id and time_amsterdam: the event's own fields, at as time_utc */
	static const char *const fields[] = {
	    "at",       "user_id", "username", "role",        "action", "object_type", "object_id",
	    "youth_id", "outcome", "basis",    "client_addr", "reason", NULL};
	static const char *const header[] = {
	    "id",      "time_amsterdam", "time_utc",    "user_id",   "username",
	    "role",    "action",         "object_type", "object_id", "youth_id",
	    "outcome", "basis",          "client_addr", "reason",    NULL};
	csv_init(&c);
	for (const char *const *h = header; *h; h++)
		csv_text(&c, *h);
	csv_end_row(&c);
	json_array_foreach(items, i, ev)
	{
		local_time(json_string_value(json_object_get(ev, "at")), local);
		csv_value(&c, ev, "id");
		csv_raw(&c, local);
		for (const char *const *k = fields; *k; k++)
			csv_value(&c, ev, *k);
		csv_end_row(&c);
	}
	json_decref(items);
	http_reply_raw(r, 200, "text/csv; charset=utf-8", "attachment; filename=\"audittrail.csv\"",
	               c.data, c.len);
}
