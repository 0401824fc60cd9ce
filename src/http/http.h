#ifndef KRING_HTTP_H
#define KRING_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "audit/audit.h"
#include "auth/caller.h"
#include "auth/policy.h"
#include "cli/config.h"
#include "domain/roles.h"
#include "store/store.h"
#include "store/store_query.h"
#include "util/arena.h"

#define HTTP_BODY_LIMIT (1024 * 1024)
#define HTTP_MAX_PARAMS 4

struct static_files;
struct MHD_Connection;
struct MHD_Daemon;
struct audit_group;
struct metrics;

/* Everything the server owns for its lifetime; shared read-only by requests. */
struct server {
	const struct config *cfg;
	struct store *store;
	struct static_files *files;
	struct MHD_Daemon *daemon;
	struct watchdog *watchdog; /* drops connections that send headers too slowly */
	/* commits the audit events of reads in groups; NULL: each on its own */
	struct audit_group *audit_group;
	struct metrics *metrics;        /* counters for GET /metrics */
	bool quiet;                     /* no request log lines (the request fuzzer) */
	char url[80];                   /* "http://127.0.0.1:8080" once listening */
	unsigned char research_key[32]; /* keyed pseudonyms for the research export */
	bool has_research_key;
	atomic_int active_requests;
	/* request ids: the count of requests, permuted under a key drawn when listening */
	unsigned char request_id_key[16];
	atomic_uint_fast64_t request_counter;
};

struct route;

/*
 * One request, from its first byte to the answer. It owns `arena`, the
 * parsed body, the answer JSON and the store connection; all are released
 * by http_request_free() when libmicrohttpd reports the request completed.
 */
struct request {
	struct arena arena;
	struct server *srv;
	struct MHD_Connection *mhd;
	const char *method;
	const char *path;
	char request_id[17];
	int64_t started_us;
	const char *client_addr;

	char *body;
	size_t body_len;
	size_t body_cap;
	bool body_too_large;
	json_t *input; /* parsed JSON body; NULL when none was sent */

	const struct route *route;
	const char *params[HTTP_MAX_PARAMS];
	int param_count;

	bool authenticated;
	bool refused;            /* refused by the access policy: audited as denied */
	bool scrub_after_commit; /* a destruction: make deleted content unreadable once committed */
	int64_t *audit_youths;   /* young people a listing showed (arena), each audited too */
	const char **audit_youth_types; /* per young person: what of theirs it showed, or NULL */
	size_t audit_youth_count, audit_youth_cap;
	struct caller caller;
	struct dossier_access access; /* set on routes scoped to a young person */
	struct store_conn *conn;
	bool snapshot; /* conn holds the read transaction of a GET (see begin_snapshot()) */
	struct audit_event audit;
	/* Events waiting for the group committer: the answer goes out once they are committed. */
	struct audit_event *deferred_events;
	size_t deferred_count;
	bool awaiting_audit;            /* the connection is suspended until the commit */
	enum store_status audit_status; /* of that commit, set by the committer thread */

	/* The answer. */
	int status;
	json_t *reply;             /* JSON body, or NULL for none */
	const char *cookie;        /* Set-Cookie value, or NULL */
	const char *device_cookie; /* a second Set-Cookie (the login browser's), or NULL */
	const char *allow;         /* Allow header for 405 */
	const char *etag;          /* ETag header of a successful answer (http/etag.h), or NULL */
	int retry_after;           /* seconds, 0: none */
	char *raw_body;            /* a non-JSON answer (malloc'd, owned), or NULL */
	size_t raw_len;
	const char *raw_type;        /* its Content-Type */
	const char *raw_disposition; /* Content-Disposition, or NULL */
	bool queued;
	/* Called once, when the answer is about to go out (its changes and audit
	 * events committed by then) or when the request ends without one;
	 * NULL for none. */
	void (*finish)(void *arg);
	void *finish_arg;
};

/*
 * Answers with a JSON body; takes ownership of `body`. NULL means no body and
 * belongs with 204; with any other status it is a body that could not be
 * built (a failed json_pack()), answered as 500 internal_error, so the
 * request's changes are rolled back instead of reported as done.
 */
void http_reply(struct request *r, int status, json_t *body);

/*
 * Answers with the error object of DESIGN.md §3. `field` may be NULL.
 * Replaces any answer set before.
 */
void http_error(struct request *r, int status, const char *code, const char *message,
                const char *field);

/*
 * Answers with JSON that is already written as text (util/json_text.h),
 * sent as application/json like http_reply's. Takes ownership of `body`
 * (malloc'd, len bytes).
 */
void http_reply_json_text(struct request *r, int status, char *body, size_t len);

/*
 * Answers with a body that is not JSON (CSV, iCalendar). Takes ownership of
 * `body` (malloc'd); `type` and `disposition` must outlive the request.
 */
void http_reply_raw(struct request *r, int status, const char *type, const char *disposition,
                    char *body, size_t len);

/* Shorthands for the common errors. */
void http_store_error(struct request *r, enum store_status s);
void http_validation_error(struct request *r, const char *field, const char *message);

/*
 * Opens the request's write transaction (once). Everything the handler
 * writes after this commits together with the request's audit event, or not
 * at all. A GET's read snapshot ends here: what the handler read before it
 * may have changed since, as for any read before a write transaction. False,
 * with a 503 answered, when the store cannot.
 */
bool http_begin_write(struct request *r);

/*
 * http_begin_write, then takes the one row that lock query `q` (SQ_..._LOCK,
 * a row lock on PostgreSQL) finds for `id`: a request that reads a row to
 * decide what it writes takes the row first, so that another request cannot
 * change it in between (on SQLite the write transaction already holds the
 * whole database). The row the query returns goes to *row (the caller owns
 * it) unless row is NULL. False answered: 404 when there is no such row,
 * else 503.
 */
bool http_begin_write_taking(struct request *r, enum store_query q, int64_t id, json_t **row);

/*
 * Ends a GET's read snapshot, if one is open (a no-op otherwise): for a
 * handler that writes outside a write transaction of its own, such as a
 * refresh of derived data, which a read-only snapshot would refuse. What it
 * reads afterwards is read statement by statement.
 */
void http_end_snapshot(struct request *r);

/*
 * Records that this answer shows something of young person `youth_id`
 * (a listing over several of them): the request's audit event is then also
 * written once per young person, so that it appears in each access log.
 */
void http_audit_youth(struct request *r, int64_t youth_id);

/*
 * As http_audit_youth(), for a listing that shows different parts of
 * dossiers: that young person's event names `object_type` (a static string)
 * instead of the route's. Once per young person and type.
 */
void http_audit_youth_as(struct request *r, int64_t youth_id, const char *object_type);

/* A query-string argument, or NULL. */
const char *http_query(struct request *r, const char *name);
/* A request header, or NULL. */
const char *http_header(struct request *r, const char *name);
/* A cookie the request sent, or NULL. */
const char *http_cookie(struct request *r, const char *name);
/*
 * The names of kring's cookies (static strings). With cookie-secure they carry
 * the prefixes that make a browser keep a cookie only when it came over HTTPS
 * with Secure (__Secure-) and, for the session, only from this very host for
 * the whole site (__Host-: no Domain, Path=/), so that a neighbouring
 * subdomain or a plain-HTTP answer cannot plant one (ASVS 3.4.4); only that
 * name is read then. Without cookie-secure the plain names, as browsers
 * refuse a prefixed cookie that is not Secure.
 */
const char *http_session_cookie_name(const struct request *r);
const char *http_device_cookie_name(const struct request *r);
/*
 * A Set-Cookie value for one of kring's cookies, in r's arena: HttpOnly,
 * SameSite=Strict, and Secure with cookie-secure. An empty value with
 * max_age 0 removes the cookie.
 */
const char *http_cookie_line(struct request *r, const char *name, const char *value,
                             const char *path, int max_age);
/* The i-th captured path parameter ({id}, {token}). */
const char *http_param(const struct request *r, int i);

#endif
