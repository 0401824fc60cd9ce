/*
 * The libmicrohttpd adapter: collects a request, dispatches it through the
 * routing table, enforces login, CSRF and roles before any handler runs,
 * wraps the handler and its audit event in one transaction, adds the
 * security headers, and logs one line without personal data.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "api/input.h"
#include "audit/audit.h"
#include "audit/audit_group.h"
#include "auth/refusal_gate.h"
#include "auth/session.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "http/watchdog.h"
#include "util/clock.h"
#include "util/json_text.h"
#include "util/log.h"
#include "util/text.h"

#define CSP                                                                                        \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "          \
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "                \
	"form-action 'self'; frame-ancestors 'none'"

/*
 * libmicrohttpd's memory per connection: the request line and headers must
 * fit (larger ones are refused), and the library clears the used part of it
 * for every request on a kept-alive connection, so a larger pool costs CPU on
 * every answer (64 KiB: about 3 us more per audited read than 32 KiB,
 * docs/BENCHMARKS.md).
 */
#define CONNECTION_MEMORY_LIMIT (32 * 1024)

static bool is_api_path(const char *path)
{
	return strcmp(path, "/healthz") == 0 || strcmp(path, "/readyz") == 0 ||
	       strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

static bool is_unsafe_method(const char *m)
{
	return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0;
}

/* Keeps the last X-Forwarded-For header line (a proxy appends its own line last). */
static enum MHD_Result last_forwarded_line(void *cls, enum MHD_ValueKind kind, const char *key,
                                           const char *value)
{
	(void)kind;
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

/*
 * The last address in the X-Forwarded-For headers (the one the trusted proxy
 * itself added), normalised; NULL when absent or not an address.
 */
static const char *forwarded_for(struct request *r)
{
	const char *xff = NULL;
	unsigned char bin[sizeof(struct in6_addr)];
	char text[INET6_ADDRSTRLEN], out[INET6_ADDRSTRLEN];
	MHD_get_connection_values(r->mhd, MHD_HEADER_KIND, last_forwarded_line, &xff);
	if (!xff)
		return NULL;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	size_t n = strcspn(last, " ");
	if (n == 0 || n >= sizeof(text))
		return NULL;
	memcpy(text, last, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, bin) == 1 && inet_ntop(AF_INET, bin, out, sizeof(out)))
		return arena_strdup(&r->arena, out);
	if (inet_pton(AF_INET6, text, bin) == 1 && inet_ntop(AF_INET6, bin, out, sizeof(out)))
		return arena_strdup(&r->arena, out);
	return NULL;
}

/*
 * The peer's address as text into buf: IPv4 dotted, also when it reached an
 * IPv6 socket as ::ffff:a.b.c.d; false when it has no IP address.
 */
static bool peer_address(const struct sockaddr *sa, char buf[static INET6_ADDRSTRLEN])
{
	if (sa->sa_family == AF_INET)
		return inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		                 buf, INET6_ADDRSTRLEN) != NULL;
	if (sa->sa_family != AF_INET6)
		return false;
	const struct in6_addr *a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (IN6_IS_ADDR_V4MAPPED(a6))
		return inet_ntop(AF_INET, &a6->s6_addr[12], buf, INET6_ADDRSTRLEN) != NULL;
	return inet_ntop(AF_INET6, a6, buf, INET6_ADDRSTRLEN) != NULL;
}

/* A textual IP address as 16 bytes, IPv4 as ::ffff:a.b.c.d; false when not one. */
static bool address_bytes(const char *text, unsigned char out[16])
{
	unsigned char v4[4];
	if (inet_pton(AF_INET, text, v4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, v4, 4);
		return true;
	}
	return inet_pton(AF_INET6, text, out) == 1;
}

/* Whether two textual IP addresses are the same address, in any spelling. */
static bool same_address(const char *a, const char *b)
{
	unsigned char x[16], y[16];
	return address_bytes(a, x) && address_bytes(b, y) && memcmp(x, y, 16) == 0;
}

/*
 * The client's address for the audit trail and the login limits: the TCP
 * peer, or — when the peer is the configured trusted proxy (nginx) — the
 * address that proxy put last in X-Forwarded-For.
 */
static const char *client_address(struct request *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->mhd, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "";
	if (!ci || !ci->client_addr || !peer_address(ci->client_addr, buf))
		return NULL;
	const char *proxy = r->srv->cfg->trusted_proxy;
	if (proxy && same_address(proxy, buf)) {
		const char *forwarded = forwarded_for(r);
		if (forwarded)
			return forwarded;
	}
	return arena_strdup(&r->arena, buf);
}

_Static_assert(sizeof(((struct server *)0)->request_id_key) == crypto_shorthash_KEYBYTES,
               "the request id key is a SipHash key");

/*
 * A permutation of the 64-bit numbers under `key`: four Feistel rounds with
 * SipHash (crypto_shorthash) as the round function. Distinct counts give
 * distinct ids, and nobody without the key can tell from two ids how many
 * requests came between them.
 */
static uint64_t request_id_permute(const unsigned char key[crypto_shorthash_KEYBYTES], uint64_t n)
{
	uint32_t left = (uint32_t)(n >> 32), right = (uint32_t)n;
	for (unsigned char round = 0; round < 4; round++) {
		unsigned char in[5], out[crypto_shorthash_BYTES];
		uint32_t f;
		memcpy(in, &right, sizeof(right));
		in[4] = round;
		crypto_shorthash(out, in, sizeof(in), key);
		memcpy(&f, out, sizeof(f));
		uint32_t next = left ^ f;
		left = right;
		right = next;
	}
	return ((uint64_t)left << 32) | right;
}

/*
 * The next request id, 16 hex digits: the count of requests so far, permuted
 * under the server's key (drawn when it starts listening), so unique within a
 * run, unlike another run's, and telling nothing of the server's traffic,
 * without asking the kernel for random bytes on every request. An id only
 * ties a log line to an answer; nothing trusts it.
 */
static void request_id_next(struct server *srv, char out[17])
{
	uint64_t n = atomic_fetch_add_explicit(&srv->request_counter, 1, memory_order_relaxed);
	snprintf(out, 17, "%016" PRIx64, request_id_permute(srv->request_id_key, n));
}

static struct request *request_new(struct server *srv, struct MHD_Connection *mhd,
                                   const char *method, const char *url)
{
	struct request *r = calloc(1, sizeof(*r));
	if (!r)
		fatal("out of memory");
	arena_init(&r->arena);
	r->srv = srv;
	r->mhd = mhd;
	r->started_us = clock_monotonic_us();
	r->method = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	request_id_next(srv, r->request_id);
	r->client_addr = client_address(r);
	atomic_fetch_add(&srv->active_requests, 1);
	return r;
}

/* Runs the request's finish hook, once. */
static void request_finish(struct request *r)
{
	void (*finish)(void *) = r->finish;
	r->finish = NULL;
	if (finish)
		finish(r->finish_arg);
}

static void request_free(struct request *r)
{
	request_finish(r); /* an answer that never went out */
	if (r->conn)
		store_release(r->conn);
	json_decref(r->input);
	json_decref(r->reply);
	free(r->raw_body);
	free(r->body);
	atomic_fetch_sub(&r->srv->active_requests, 1);
	arena_free(&r->arena);
	free(r);
}

/* The headers of every answer; HSTS when the cookie is Secure (served over TLS). */
static void add_security_headers(struct MHD_Response *resp, bool api, bool hsts)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	                        "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(resp, "Cache-Control", api ? "no-store" : "no-cache");
	if (hsts)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

/* The method for a log line: a plain token, or "other" (a caller chose it). */
static const char *loggable_method(const char *m)
{
	size_t n = 0;
	for (; m[n]; n++)
		if (m[n] < 'A' || m[n] > 'Z' || n >= 10)
			return "other";
	return n ? m : "other";
}

/*
 * Counts the answer for /metrics and writes its log line, in logfmt: the
 * route pattern kring matched, never the path, so no ids or names.
 */
static void log_request(struct request *r, const char *what, size_t route_index)
{
	double seconds = (double)(clock_monotonic_us() - r->started_us) / 1e6;
	metrics_record(r->srv->metrics, route_index, r->status, seconds);
	if (r->srv->quiet)
		return;
	char status[12], ms[32];
	snprintf(status, sizeof(status), "%d", r->status);
	snprintf(ms, sizeof(ms), "%.2f", seconds * 1000.0);
	log_line(LOG_INFO, "request", "req", r->request_id, "method", loggable_method(r->method),
	         "route", what, "status", status, "duration_ms", ms, (const char *)NULL);
}

/* Sends the JSON answer prepared in r; returns MHD's verdict. */
static enum MHD_Result send_json(struct request *r)
{
	char *text = NULL;
	size_t len = 0;
	request_finish(r);
	if (r->raw_body) {
		text = r->raw_body;
		len = r->raw_len;
		r->raw_body = NULL;
	} else if (r->reply) {
		text = json_dumps(r->reply, JSON_COMPACT);
		if (!text)
			fatal("cannot serialise JSON answer");
		len = strlen(text);
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    len, text ? text : (void *)"", text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	add_security_headers(resp, true, r->srv->cfg->cookie_secure);
	if (r->raw_type && text) {
		MHD_add_response_header(resp, "Content-Type", r->raw_type);
		if (r->raw_disposition)
			MHD_add_response_header(resp, "Content-Disposition", r->raw_disposition);
	} else if (text) {
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	}
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	if (r->cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	if (r->device_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->device_cookie);
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	if (r->etag && r->status < 300)
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->retry_after > 0) {
		char buf[16];
		snprintf(buf, sizeof(buf), "%d", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", buf);
	}
	enum MHD_Result ret = MHD_queue_response(r->mhd, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	r->queued = true;
	log_request(r, r->route ? r->route->pattern : "(unrouted)",
	            r->route ? (size_t)(r->route - kring_routes) : METRICS_UNROUTED);
	return ret;
}

/* Queues a 200 answer that is not JSON (a static file, the metrics), with its headers and log line.
 */
static enum MHD_Result queue_ok(struct request *r, struct MHD_Response *resp, const char *type,
                                bool api, const char *what, size_t route_index)
{
	add_security_headers(resp, api, r->srv->cfg->cookie_secure);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	r->status = 200;
	enum MHD_Result ret = MHD_queue_response(r->mhd, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	r->queued = true;
	log_request(r, what, route_index);
	return ret;
}

static enum MHD_Result send_static(struct request *r)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	const struct static_file *f = get ? static_files_find(r->srv->files, r->path) : NULL;
	if (!f) {
		if (get)
			http_error(r, 404, "not_found", "not found", NULL);
		else {
			http_error(r, 405, "method_not_allowed", "method not allowed", NULL);
			r->allow = "GET, HEAD";
		}
		return send_json(r);
	}
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(f->size, f->data, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	return queue_ok(r, resp, f->content_type, false, "(static)", METRICS_STATIC);
}

/*
 * GET /metrics for the operator: off (404) unless a metrics token is set,
 * then only with "Authorization: Bearer <token>" (401 otherwise).
 */
static enum MHD_Result send_metrics(struct request *r)
{
	const char *token = r->srv->cfg->metrics_token, *auth = http_header(r, "Authorization");
	if (!token) {
		http_error(r, 404, "not_found", "not found", NULL);
		return send_json(r);
	}
	if (strcmp(r->method, "GET") != 0) {
		http_error(r, 405, "method_not_allowed", "method not allowed", NULL);
		r->allow = "GET";
		return send_json(r);
	}
	if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !str_equal_ct(auth + 7, token)) {
		http_error(r, 401, "not_authenticated", "send the metrics token", NULL);
		return send_json(r);
	}
	struct store_conn *c = store_acquire(r->srv->store);
	size_t len = 0;
	char *text = metrics_render(r->srv->metrics, c, r->srv->audit_group, &len);
	store_release(c);
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	return queue_ok(r, resp, "text/plain; version=0.0.4; charset=utf-8", true, "/metrics",
	                METRICS_UNROUTED);
}

static bool is_json_content_type(const char *ct)
{
	static const char want[] = "application/json";
	if (!ct || strncasecmp(ct, want, sizeof(want) - 1) != 0)
		return false;
	char next = ct[sizeof(want) - 1];
	return next == '\0' || next == ';' || next == ' ';
}

static enum MHD_Result query_arg_utf8(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
	(void)kind;
	bool *valid = cls;
	*valid = json_text_valid_utf8(key, strlen(key)) &&
	         (!value || json_text_valid_utf8(value, strlen(value)));
	return *valid ? MHD_YES : MHD_NO;
}

/*
 * Every name and value of the query string is valid UTF-8 (they reach SQL,
 * where PostgreSQL would refuse them, and the audit trail); answers 400 and
 * returns false otherwise.
 */
static bool check_query_utf8(struct request *r)
{
	bool valid = true;
	MHD_get_connection_values(r->mhd, MHD_GET_ARGUMENT_KIND, query_arg_utf8, &valid);
	if (!valid)
		http_error(r, 400, "bad_request", "the query string is not valid UTF-8", NULL);
	return valid;
}

/* Parses the body into r->input; answers 415 or 400 and returns false when it cannot. */
static bool parse_body(struct request *r)
{
	if (r->body_len == 0)
		return true;
	if (!is_json_content_type(http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE))) {
		http_error(r, 415, "unsupported_media_type", "send the body as application/json",
		           NULL);
		return false;
	}
	json_error_t err;
	r->input = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (!r->input) {
		http_error(r, 400, "malformed_json", "the body is not valid JSON", NULL);
		return false;
	}
	if (!json_is_object(r->input)) {
		http_error(r, 400, "bad_request", "the body must be a JSON object", NULL);
		return false;
	}
	return true;
}

/* The session token from "Authorization: Bearer" or, failing that, the cookie. */
static const char *find_token(struct request *r, bool *via_cookie)
{
	const char *auth = http_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
	*via_cookie = false;
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0)
		return auth + 7;
	const char *cookie = http_cookie(r, http_session_cookie_name(r));
	if (cookie)
		*via_cookie = true;
	return cookie;
}

/* Returns false when the request was answered (store error). */
static bool authenticate(struct request *r)
{
	bool via_cookie;
	const char *token = find_token(r, &via_cookie);
	if (!token)
		return true;
	enum session_result res =
	    session_resolve(r->conn, &r->arena, r->srv->cfg, token, &r->caller);
	if (res == SESSION_STORE_ERROR) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	if (res == SESSION_OK) {
		r->authenticated = true;
		r->caller.via_cookie = via_cookie;
	}
	return true;
}

static void fill_audit_base(struct request *r)
{
	const struct route *rt = r->route;
	r->audit = (struct audit_event){
	    .action = rt->audit_action,
	    .object_type = rt->object_type,
	    .client_addr = r->client_addr,
	};
	if (r->authenticated) {
		r->audit.user_id = r->caller.user_id;
		r->audit.username = r->caller.username;
		r->audit.role = role_name(r->caller.role);
	}
	if (strstr(rt->pattern, "{id}") && r->param_count > 0)
		r->audit.object_id = r->params[0];
}

static const char *outcome_for(const struct request *r)
{
	int status = r->status;
	if (r->refused)
		return "denied";
	if (status < 400)
		return "success";
	if (status == 401 || status == 403 || status == 429)
		return "denied";
	return "error";
}

/* The request's event and one per young person a listing showed, in the arena. */
static struct audit_event *request_events(struct request *r, size_t *n)
{
	*n = 1 + r->audit_youth_count;
	struct audit_event *events = arena_alloc(&r->arena, *n * sizeof(*events));
	events[0] = r->audit;
	for (size_t i = 0; i < r->audit_youth_count; i++) {
		events[i + 1] = r->audit;
		events[i + 1].youth_id = r->audit_youths[i];
		if (r->audit_youth_types[i])
			events[i + 1].object_type = r->audit_youth_types[i];
	}
	return events;
}

/* Appends the request's event, and one per young person a listing showed. */
static enum store_status append_events(struct request *r)
{
	size_t n;
	struct audit_event *events = request_events(r, &n);
	return audit_append_all_in_tx(r->conn, &r->arena, events, n);
}

/*
 * A GET request reads from one snapshot of the database: the access checks
 * and everything its handler reads see the same committed state (a dossier
 * put together from several queries is never half old, half new), and on
 * SQLite the request starts and ends one read transaction instead of one
 * per statement. Sessions are resolved before it, because resolving may
 * write (the session's last use, or an expired session's removal). False,
 * with a 503 answered, when the store cannot open it.
 */
static bool begin_snapshot(struct request *r)
{
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
		return true;
	if (store_begin(r->conn, false) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	r->snapshot = true;
	return true;
}

void http_end_snapshot(struct request *r)
{
	if (!r->snapshot)
		return;
	store_rollback(r->conn);
	r->snapshot = false;
}

/*
 * Writes the audit events of a read or a refused or failed request, on their
 * own: with a group committer (kring serve) they are handed to it when the
 * handler is done (await_audit()), else they go in a transaction of their
 * own now. Either way they are durable before the answer is sent.
 */
static void audit_alone(struct request *r)
{
	http_end_snapshot(r);
	if (!r->audit.action)
		return;
	r->audit.outcome = outcome_for(r);
	if (r->srv->audit_group) {
		r->deferred_events = request_events(r, &r->deferred_count);
		return;
	}
	if (store_begin(r->conn, true) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (append_events(r) != STORE_OK || store_commit(r->conn) != STORE_OK) {
		store_rollback(r->conn);
		http_store_error(r, STORE_ERROR);
	}
}

/*
 * For a refused request: the young person its path names, or its route's
 * on_refused finds (a query parameter), when there is one, so that the
 * refusal shows in their access log too; one the dossier check already
 * found is not looked up again. The caller learns nothing of it; a failed
 * lookup leaves the event without a young person.
 */
static void note_refused_youth(struct request *r)
{
	int64_t object_id, youth_id, owner;
	if (r->route->on_refused)
		r->route->on_refused(r);
	if (r->audit.youth_id || r->route->scope == SCOPE_NONE ||
	    !parse_id(http_param(r, 0), &object_id))
		return;
	if (policy_youth_of(r->conn, r->route->scope, object_id, &youth_id, &owner) == STORE_OK)
		r->audit.youth_id = youth_id;
}

/* Decides access by the routing table; false when the request was refused. */
static bool check_access(struct request *r)
{
	const struct route *rt = r->route;
	if (rt->roles == ROUTE_PUBLIC)
		return true;
	if (!r->authenticated) {
		http_error(r, 401, "not_authenticated", "log in first", NULL);
		return false;
	}
	if (r->caller.via_cookie && is_unsafe_method(r->method)) {
		const char *csrf = http_header(r, "X-CSRF-Token");
		if (!csrf || !str_equal_ct(csrf, r->caller.csrf_token)) {
			http_error(r, 403, "csrf_failed", "missing or wrong X-CSRF-Token header",
			           NULL);
			r->audit.reason = "csrf check failed";
			return false;
		}
	}
	if (!(rt->roles & (unsigned)r->caller.role)) {
		http_error(r, 403, "forbidden", "your role may not do this", NULL);
		return false;
	}
	return true;
}

/*
 * One run of the handler with its audit event. A handler that changes data
 * opens the write transaction with http_begin_write() (after its slow checks,
 * such as password hashing); its audit event then goes into that same
 * transaction, so a change is never stored without its event, and a failed
 * request changes nothing. Returns false when the
 * database asked for the transaction to be retried (a serialisation failure
 * or deadlock between kring processes on PostgreSQL); nothing was committed
 * then.
 */
static bool run_once(struct request *r)
{
	(void)store_take_retry(r->conn); /* a flag left by earlier work on this connection */
	r->route->handler(r);
	http_end_snapshot(r);
	if (store_take_retry(r->conn))
		return false;
	if (!r->status)
		http_error(r, 500, "internal_error", "the server did not answer", NULL);
	if (r->status >= 400) {
		store_rollback(r->conn);
		audit_alone(r);
		return true;
	}
	if (!store_in_transaction(r->conn)) {
		audit_alone(r);
		return true;
	}
	r->audit.outcome = "success";
	if ((r->audit.action && append_events(r) != STORE_OK) ||
	    store_commit(r->conn) != STORE_OK) {
		store_rollback(r->conn);
		if (store_take_retry(r->conn))
			return false;
		http_store_error(r, STORE_ERROR);
		return true;
	}
	if (r->scrub_after_commit && store_scrub(r->conn) != STORE_OK)
		log_line(
		    LOG_WARN,
		    "destruction committed; the database files are scrubbed at the next checkpoint",
		    "reason", "busy readers", (const char *)NULL);
	return true;
}

#define HANDLER_ATTEMPTS 3

/* Forgets what a failed attempt answered, for a fresh run of the handler. */
static void reset_attempt(struct request *r, const struct audit_event *base)
{
	store_rollback(r->conn);
	json_decref(r->reply);
	r->reply = NULL;
	free(r->raw_body);
	r->raw_body = NULL;
	r->raw_type = NULL;
	r->raw_disposition = NULL;
	r->status = 0;
	r->cookie = NULL;
	r->device_cookie = NULL;
	r->etag = NULL;
	r->retry_after = 0;
	r->refused = false;
	r->scrub_after_commit = false;
	r->audit = *base;
	r->audit_youth_count = 0;
	r->deferred_events = NULL;
	r->deferred_count = 0;
}

/*
 * Runs the handler. A handler that changes data opens the write transaction
 * with http_begin_write() (after its slow checks, such as password hashing);
 * its audit event then goes into that same transaction, so a change is never
 * stored without its event, and a failed request changes nothing. A
 * transaction the database refused to serialise is run again, up to three
 * times, before the client gets a 503.
 */
static void run_handler(struct request *r)
{
	struct audit_event base = r->audit;
	for (int attempt = 1; !run_once(r); attempt++) {
		if (attempt == HANDLER_ATTEMPTS) {
			reset_attempt(r, &base);
			http_store_error(r, STORE_ERROR);
			audit_alone(r);
			return;
		}
		reset_attempt(r, &base);
	}
}

bool http_begin_write(struct request *r)
{
	http_end_snapshot(r);
	if (store_in_transaction(r->conn))
		return true;
	if (store_begin(r->conn, true) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	return true;
}

bool http_begin_write_taking(struct request *r, enum store_query q, int64_t id, json_t **row)
{
	json_t *taken = NULL;
	if (row)
		*row = NULL;
	if (!http_begin_write(r))
		return false;
	enum store_status s = store_row(r->conn, q, STORE_ARGS(SA_INT(id)), &taken);
	if (s != STORE_OK)
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_NOT_FOUND : STORE_ERROR);
	if (s == STORE_OK && row)
		*row = taken;
	else
		json_decref(taken);
	return s == STORE_OK;
}

/*
 * For routes scoped to a young person: finds them and applies the access
 * policy. Answers 404 (unknown, or no relation), 403 no_consent or 503 and
 * returns false when refused.
 */
static bool check_dossier(struct request *r)
{
	const struct route *rt = r->route;
	int64_t object_id, youth_id, owner;
	if (rt->scope == SCOPE_NONE)
		return true;
	if (!parse_id(http_param(r, 0), &object_id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return false;
	}
	enum store_status s = policy_youth_of(r->conn, rt->scope, object_id, &youth_id, &owner);
	if (s != STORE_OK) {
		http_store_error(r, s);
		r->refused = s == STORE_NOT_FOUND;
		return false;
	}
	enum policy_result p = policy_dossier_access(r->conn, &r->caller, youth_id, rt->relations,
	                                             rt->consent, &r->access);
	r->audit.youth_id = r->access.youth_id;
	if (p == POLICY_ALLOWED && policy_owner_required(rt->scope, r->access.basis) &&
	    owner != r->caller.user_id)
		p = POLICY_NOT_FOUND;
	switch (p) {
	case POLICY_ALLOWED:
		r->audit.basis = policy_relation_name(r->access.basis);
		return true;
	case POLICY_NOT_FOUND:
		http_error(r, 404, "not_found", "not found", NULL);
		r->refused = true;
		return false;
	case POLICY_NO_CONSENT:
		http_error(r, 403, "no_consent",
		           "there is no consent in force to share this with you", NULL);
		r->refused = true;
		return false;
	case POLICY_STORE_ERROR:
		break;
	}
	http_store_error(r, STORE_ERROR);
	return false;
}

/*
 * For a sensitive route (route.recent_login): true when the caller gave
 * their password within reauth-window seconds (at the login, or confirmed
 * since); else answers 403 reauth_required, which the web app meets with a
 * dialog asking the password, and returns false. Checked after the role,
 * the file and the declared body, so that a request they refuse is not
 * asked to confirm first; the handler's own refusals (a team member's
 * break-the-glass, 409; the target and body of a target_first route) come
 * after it.
 */
static bool check_recent_login(struct request *r)
{
	if (!r->route->recent_login ||
	    clock_now() - r->caller.authenticated_at < r->srv->cfg->reauth_window)
		return true;
	http_error(r, 403, "reauth_required",
	           "confirm your password first (POST /api/v1/session/reauth)", NULL);
	r->audit.reason = "password not confirmed recently";
	note_refused_youth(r);
	return false;
}

/*
 * An account that reached its limit of refused requests for files
 * (auth/refusal_gate.h) is answered 429 on every file route, before the
 * file is looked up: its event names no young person, so the files it tries
 * get no further entries in their access logs. True answered.
 */
static bool refusals_hold_off(struct request *r)
{
	const struct config *cfg = r->srv->cfg;
	if (r->route->scope == SCOPE_NONE)
		return false;
	int wait = refusal_gate_wait(r->caller.user_id, clock_monotonic_us() / 1000,
	                             cfg->file_refusals_max, cfg->file_refusals_window);
	if (!wait)
		return false;
	http_error(r, 429, "too_many_refusals",
	           "too many requests for files that do not exist or are not yours; wait before "
	           "trying again",
	           NULL);
	r->retry_after = wait;
	r->audit.reason = "too many refused requests for files";
	return true;
}

/*
 * Counts a file route's refusal as not found against the account when it
 * has no relation of its own to the file (no such file, or someone else's).
 * A caller with a relation (a break-the-glass grant on a route for the team
 * only, a JIM without consent) is not trying other people's files: their
 * screens ask for what their relation may not open.
 */
static void note_file_refusal(const struct request *r)
{
	if (r->refused && r->status == 404 && !r->access.related && r->authenticated &&
	    r->route->scope != SCOPE_NONE)
		refusal_gate_note(r->caller.user_id, clock_monotonic_us() / 1000,
		                  r->srv->cfg->file_refusals_window);
}

static void dispatch_api(struct request *r)
{
	const char *allow = NULL;
	enum route_match m = router_match(kring_routes, kring_route_count, r->method, r->path,
	                                  &r->arena, &r->route, r->params, &r->param_count, &allow);
	if (m == ROUTE_NOT_FOUND) {
		http_error(r, 404, "not_found", "no such resource", NULL);
		return;
	}
	if (m == ROUTE_WRONG_METHOD) {
		http_error(r, 405, "method_not_allowed", "this resource does not take that method",
		           NULL);
		r->allow = allow;
		return;
	}
	if (r->body_too_large) {
		http_error(r, 413, "body_too_large", "the body is larger than 1 MiB", NULL);
		return;
	}
	if (!check_query_utf8(r) || !parse_body(r))
		return;
	if (r->route->roles == ROUTE_PUBLIC && !r->route->audit_action) {
		/* no session, no store: only the body it declares is checked */
		if (!r->route->body || input_check_body(r, r->route->body))
			r->route->handler(r);
		return;
	}
	r->conn = store_acquire(r->srv->store);
	if (!authenticate(r))
		return;
	fill_audit_base(r);
	if (!check_access(r)) {
		/* A caller without a session reached nothing and has no identity to
		 * record; the request log has the line. Everyone else is audited. */
		if (r->authenticated) {
			note_refused_youth(r);
			audit_alone(r);
		}
		return;
	}
	if (refusals_hold_off(r)) {
		audit_alone(r);
		return;
	}
	if (!begin_snapshot(r) || !check_dossier(r) ||
	    (!r->route->target_first && !input_check_body(r, r->route->body)) ||
	    !check_recent_login(r))
		audit_alone(r);
	else
		run_handler(r);
	note_file_refusal(r);
}

/* On the committer thread: the request's events are committed (or failed); wake its connection. */
static void audit_committed(void *arg, enum store_status status)
{
	struct request *r = arg;
	r->audit_status = status;
	MHD_resume_connection(r->mhd); /* r may be freed from here on */
}

/*
 * Hands the request's audit events to the group committer and suspends the
 * connection, so that no request thread waits for the disk: the thread
 * serves other connections, audit_committed() resumes this one, and
 * on_request() then sends the answer (a 503 when the events could not be
 * stored).
 */
static enum MHD_Result await_audit(struct request *r)
{
	struct audit_ticket *ticket = arena_alloc(&r->arena, sizeof(*ticket));
	r->awaiting_audit = true;
	MHD_suspend_connection(r->mhd);
	audit_group_submit(r->srv->audit_group, ticket, r->deferred_events, r->deferred_count,
	                   audit_committed, r);
	return MHD_YES;
}

/* The answer of a request that was suspended until its audit events were committed. */
static enum MHD_Result answer_after_audit(struct request *r)
{
	r->awaiting_audit = false;
	if (r->audit_status != STORE_OK)
		http_store_error(r, STORE_ERROR);
	return send_json(r);
}

static enum MHD_Result answer(struct request *r)
{
	if (!strcmp(r->path, "/metrics"))
		return send_metrics(r);
	if (!is_api_path(r->path))
		return send_static(r);
	dispatch_api(r);
	if (r->conn) {
		store_release(r->conn);
		r->conn = NULL;
	}
	if (r->deferred_events)
		return await_audit(r);
	return send_json(r);
}

/* Appends upload data, stopping at the body limit. */
static void collect_body(struct request *r, const char *data, size_t size)
{
	if (r->body_too_large)
		return;
	if (size > HTTP_BODY_LIMIT - r->body_len) {
		r->body_too_large = true;
		free(r->body);
		r->body = NULL;
		r->body_len = 0;
		return;
	}
	if (r->body_len + size > r->body_cap) {
		size_t cap = r->body_cap ? r->body_cap : 4096;
		while (cap < r->body_len + size)
			cap *= 2;
		r->body = realloc(r->body, cap);
		if (!r->body)
			fatal("out of memory");
		r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, size);
	r->body_len += size;
}

static bool declared_too_large(struct MHD_Connection *c)
{
	const char *cl =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	long v;
	return cl && (!parse_long_range(cl, 0, HTTP_BODY_LIMIT, &v));
}

/* The watchdog's handle of a connection (its socket context). */
static void *watchdog_handle(struct MHD_Connection *mhd)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(mhd, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *mhd, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	struct server *srv = cls;
	if (!srv->watchdog)
		return;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(mhd, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? watchdog_track(srv->watchdog, ci->connect_fd) : NULL;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		watchdog_forget(srv->watchdog, *socket_context);
		*socket_context = NULL;
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mhd, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct request *r = *con_cls;
	(void)version;
	if (!r) {
		if (srv->watchdog)
			watchdog_headers_done(srv->watchdog, watchdog_handle(mhd));
		r = request_new(srv, mhd, method, url);
		*con_cls = r;
		if (declared_too_large(mhd)) {
			r->body_too_large = true;
			if (is_api_path(r->path)) {
				http_error(r, 413, "body_too_large",
				           "the body is larger than 1 MiB", NULL);
				return send_json(r);
			}
		}
		return MHD_YES;
	}
	if (r->awaiting_audit)
		return answer_after_audit(r);
	if (r->queued) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		collect_body(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (srv->watchdog)
		watchdog_body_done(srv->watchdog, watchdog_handle(mhd));
	return answer(r);
}

static void on_completed(void *cls, struct MHD_Connection *mhd, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	(void)toe;
	if (srv->watchdog)
		watchdog_request_done(srv->watchdog, watchdog_handle(mhd));
	if (*con_cls)
		request_free(*con_cls);
	*con_cls = NULL;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decoding of the URL in place, as libmicrohttpd would do it, except
 * that "%00" stays as it is: a NUL byte would cut the path short, so that
 * "/index.html%00.css" named "/index.html". Kept literal, such a path simply
 * matches nothing.
 */
static size_t unescape_url(void *cls, struct MHD_Connection *c, char *s)
{
	char *out = s;
	(void)cls;
	(void)c;
	for (const char *in = s; *in; in++) {
		int hi, lo;
		if (in[0] == '%' && (hi = hex_value(in[1])) >= 0 && (lo = hex_value(in[2])) >= 0 &&
		    (hi || lo)) {
			*out++ = (char)(hi * 16 + lo);
			in += 2;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}

/* Parses "host:port" or "[v6]:port" into addr; false when malformed. */
static bool parse_listen(const char *listen, struct sockaddr_storage *addr, socklen_t *len)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	long port;
	if (!colon || (size_t)(colon - listen) >= sizeof(host) ||
	    !parse_long_range(colon + 1, 0, 65535, &port))
		return false;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	memset(addr, 0, sizeof(*addr));
	if (host[0] == '[') {
		size_t n = strlen(host);
		if (n < 3 || host[n - 1] != ']')
			return false;
		host[n - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*a6);
		return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	*len = sizeof(*a4);
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");
	return inet_pton(AF_INET, host, &a4->sin_addr) == 1;
}

/* libmicrohttpd's own messages (a refused connection, a malformed request), as log lines. */
__attribute__((format(printf, 2, 0))) static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	log_library("http library", fmt, ap);
}

bool server_start(struct server *srv)
{
	struct sockaddr_storage addr;
	socklen_t addr_len;
	const struct config *cfg = srv->cfg;
	if (!parse_listen(cfg->listen, &addr, &addr_len)) {
		log_line(LOG_ERROR, "--listen must be HOST:PORT, for example 127.0.0.1:8080",
		         "listen", cfg->listen, (const char *)NULL);
		return false;
	}
	crypto_shorthash_keygen(srv->request_id_key);
	srv->metrics = metrics_new(kring_route_count);
	srv->watchdog = srv->metrics ? watchdog_start(cfg->header_timeout) : NULL;
	if (!srv->watchdog) {
		log_line(LOG_ERROR, "cannot start the connection watchdog", (const char *)NULL);
		metrics_free(srv->metrics);
		srv->metrics = NULL;
		return false;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* the logger first: libmicrohttpd uses its own for what options before it report */
	srv->daemon = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)cfg->connection_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)CONNECTION_MEMORY_LIMIT, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION,
	    on_connection, srv, MHD_OPTION_UNESCAPE_CALLBACK, unescape_url, srv,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!srv->daemon) {
		log_line(LOG_ERROR, "cannot listen", "listen", cfg->listen, (const char *)NULL);
		watchdog_stop(srv->watchdog);
		srv->watchdog = NULL;
		metrics_free(srv->metrics);
		srv->metrics = NULL;
		return false;
	}
	const union MHD_DaemonInfo *info =
	    MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "";
	if (addr.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof(host));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof(host));
	bool v6 = addr.ss_family == AF_INET6;
	snprintf(srv->url, sizeof(srv->url), "http://%s%s%s:%u", v6 ? "[" : "", host, v6 ? "]" : "",
	         info ? (unsigned)info->port : 0u);
	log_line(LOG_INFO, "listening", "url", srv->url, (const char *)NULL);
	return true;
}

void server_stop(struct server *srv, int grace_seconds)
{
	if (!srv->daemon)
		return;
	MHD_quiesce_daemon(srv->daemon);
	for (int i = 0; i < grace_seconds * 20 && atomic_load(&srv->active_requests) > 0; i++)
		usleep(50 * 1000);
	/* libmicrohttpd must not stop with a connection suspended for its audit commit */
	audit_group_stop(srv->audit_group);
	MHD_stop_daemon(srv->daemon);
	srv->daemon = NULL;
	watchdog_stop(srv->watchdog);
	srv->watchdog = NULL;
	metrics_free(srv->metrics);
	srv->metrics = NULL;
}
