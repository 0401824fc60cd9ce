#include <stdlib.h>
#include <string.h>

#include "util/text.h"

#include <microhttpd.h>

#include "http/metrics.h"
#include "http/http.h"

/* Replaces whatever answer was set before, raw or JSON, with a JSON one. */
void http_reply(struct request *r, int status, json_t *body)
{
	if (!body && status != 204) {
		/* a body that could not be built: json_pack() refuses text that is not
		 * UTF-8, and memory can run out; never an empty success */
		status = 500;
		body = json_pack("{s:{s:s, s:s}}", "error", "code", "internal_error", "message",
		                 "the server could not build its answer");
	}
	json_decref(r->reply);
	free(r->raw_body);
	r->raw_body = NULL;
	r->raw_type = NULL;
	r->raw_disposition = NULL;
	r->status = status;
	r->reply = body;
}

void http_reply_raw(struct request *r, int status, const char *type, const char *disposition,
                    char *body, size_t len)
{
	json_decref(r->reply);
	r->reply = NULL;
	free(r->raw_body);
	r->status = status;
	r->raw_body = body;
	r->raw_len = len;
	r->raw_type = type;
	r->raw_disposition = disposition;
}

/* A raw answer without its own type goes out as JSON (send_json). */
void http_reply_json_text(struct request *r, int status, char *body, size_t len)
{
	http_reply_raw(r, status, NULL, NULL, body, len);
}

void http_error(struct request *r, int status, const char *code, const char *message,
                const char *field)
{
	json_t *err = json_pack("{s:s, s:s}", "code", code, "message", message);
	if (field)
		json_object_set_new(err, "field", json_string(field));
	r->cookie = NULL;
	r->device_cookie = NULL;
	r->etag = NULL;
	http_reply(r, status, json_pack("{s:o}", "error", err));
}

void http_store_error(struct request *r, enum store_status s)
{
	switch (s) {
	case STORE_NOT_FOUND:
		http_error(r, 404, "not_found", "not found", NULL);
		break;
	case STORE_CONFLICT:
		http_error(r, 409, "conflict", "that already exists", NULL);
		break;
	default:
		if (r->srv)
			metrics_store_error(r->srv->metrics);
		http_error(r, 503, "store_unavailable", "the database is not available; try again",
		           NULL);
		r->retry_after = 5;
		break;
	}
}

void http_validation_error(struct request *r, const char *field, const char *message)
{
	http_error(r, 422, "validation_failed", message, field);
}

const char *http_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->mhd, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->mhd, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->mhd, MHD_COOKIE_KIND, name);
}

const char *http_session_cookie_name(const struct request *r)
{
	return r->srv->cfg->cookie_secure ? "__Host-kring_session" : "kring_session";
}

const char *http_device_cookie_name(const struct request *r)
{
	return r->srv->cfg->cookie_secure ? "__Secure-kring_device" : "kring_device";
}

const char *http_cookie_line(struct request *r, const char *name, const char *value,
                             const char *path, int max_age)
{
	return arena_printf(&r->arena, "%s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Strict%s",
	                    name, value, path, max_age,
	                    r->srv->cfg->cookie_secure ? "; Secure" : "");
}

const char *http_param(const struct request *r, int i)
{
	return i < r->param_count ? r->params[i] : NULL;
}

void http_audit_youth(struct request *r, int64_t youth_id)
{
	http_audit_youth_as(r, youth_id, NULL);
}

void http_audit_youth_as(struct request *r, int64_t youth_id, const char *object_type)
{
	for (size_t i = 0; i < r->audit_youth_count; i++)
		if (r->audit_youths[i] == youth_id &&
		    text_same(r->audit_youth_types[i], object_type))
			return;
	if (r->audit_youth_count == r->audit_youth_cap) {
		size_t cap = r->audit_youth_cap ? 2 * r->audit_youth_cap : 32;
		int64_t *grown = arena_alloc(&r->arena, cap * sizeof(*grown));
		const char **types = arena_alloc(&r->arena, cap * sizeof(*types));
		if (r->audit_youth_count) {
			memcpy(grown, r->audit_youths, r->audit_youth_count * sizeof(*grown));
			memcpy(types, r->audit_youth_types, r->audit_youth_count * sizeof(*types));
		}
		r->audit_youths = grown;
		r->audit_youth_types = types;
		r->audit_youth_cap = cap;
	}
	r->audit_youth_types[r->audit_youth_count] = object_type;
	r->audit_youths[r->audit_youth_count++] = youth_id;
}
