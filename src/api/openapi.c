/* GET /api/v1/openapi.json: the OpenAPI 3.1 description, generated from the routing table. */
#include <ctype.h>
#include <string.h>

#include "api/api.h"
#include "api/input.h"
#include "domain/roles.h"
#include "http/router.h"

static json_t *error_schema(void)
{
	json_t *fields =
	    json_pack("{s:s, s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}}}}", "type", "array", "items",
	              "type", "object", "required", "field", "message", "properties", "field",
	              "type", "string", "message", "type", "string");
	return json_pack("{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:o}}}}",
	                 "type", "object", "required", "error", "properties", "error", "type",
	                 "object", "required", "code", "message", "properties", "code", "type",
	                 "string", "message", "type", "string", "field", "type", "string", "fields",
	                 fields);
}

static json_t *components(void)
{
	return json_pack("{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s}}, s:{s:o}}", "securitySchemes",
	                 "bearer", "type", "http", "scheme", "bearer", "cookie", "type", "apiKey",
	                 "in", "cookie", "name", "kring_session", "description",
	                 "named __Host-kring_session when the server runs with cookie-secure",
	                 "schemas", "Error", error_schema());
}

/* "GET" + "/api/v1/youths/{id}" -> "get_api_v1_youths_id". */
static json_t *operation_id(const struct route *rt)
{
	char buf[256];
	size_t n = 0;
	for (const char *m = rt->method; *m && n + 1 < sizeof(buf); m++)
		buf[n++] = (char)tolower((unsigned char)*m);
	for (const char *p = rt->pattern; *p && n + 1 < sizeof(buf); p++) {
		if (isalnum((unsigned char)*p))
			buf[n++] = (char)tolower((unsigned char)*p);
		else if (n && buf[n - 1] != '_')
			buf[n++] = '_';
	}
	while (n && buf[n - 1] == '_')
		n--;
	buf[n] = '\0';
	return json_string(buf);
}

static json_t *roles_of(unsigned roles)
{
	json_t *list = json_array();
	for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1)
		if (roles & bit)
			json_array_append_new(list, json_string(role_name((enum role)bit)));
	return list;
}

static json_t *error_response(const char *description)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", description, "content",
	                 "application/json", "schema", "$ref", "#/components/schemas/Error");
}

static json_t *responses(const struct route *rt)
{
	json_t *out = json_pack("{s:{s:s}, s:o}", "2XX", "description", "success", "default",
	                        error_response("an error object (docs/api.md)"));
	if (rt->if_match && strcmp(rt->method, "DELETE") != 0) /* a removal has no new tag */
		json_object_set_new(json_object_get(out, "2XX"), "headers",
		                    json_pack("{s:{s:s, s:{s:s}}}", "ETag", "description",
		                              "the record's new tag, for the next If-Match",
		                              "schema", "type", "string"));
	if (rt->recent_login)
		json_object_set_new(
		    out, "403",
		    error_response("reauth_required: the password was last given longer than "
		                   "reauth-window ago; confirm it with POST /api/v1/session/reauth "
		                   "and send the request again (also forbidden, csrf_failed)"));
	if (rt->if_match)
		json_object_set_new(
		    out, "412",
		    error_response(
		        rt->if_match_parts
		            ? "edit_conflict: the record changed since the tag in If-Match, "
		              "or a part named in If-Match-Parts since its tag; nothing was "
		              "changed"
		            : "edit_conflict: the record changed since the tag in If-Match; "
		              "nothing was changed"));
	return out;
}

/* The If-Match header of a route that takes one (docs/api.md, edit conflicts). */
static json_t *if_match_parameter(void)
{
	return json_pack(
	    "{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "If-Match", "in", "header", "required", 0,
	    "description",
	    "the ETag the record's GET gave (a goal: its etag in the plan; a person of "
	    "the network or an activity: its etag in the list), or *; "
	    "without it the change is made whatever changed since; malformed: 400 "
	    "malformed_if_match",
	    "schema", "type", "string");
}

/* The If-Match-Parts header of a route that takes one, whose parts `description` says. */
static json_t *if_match_parts_parameter(const char *description)
{
	return json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "If-Match-Parts", "in", "header",
	                 "required", 0, "description", description, "schema", "type", "string");
}

/* Every {name} of a pattern as a path parameter: {id} a positive integer, others text. */
static json_t *path_parameters(const char *pattern)
{
	json_t *list = json_array();
	for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		if (!end)
			break;
		json_t *name = json_stringn(p + 1, (size_t)(end - p - 1));
		bool id = !strcmp(json_string_value(name), "id");
		json_array_append_new(
		    list, json_pack("{s:o, s:s, s:b, s:o}", "name", name, "in", "path", "required",
		                    1, "schema",
		                    id ? json_pack("{s:s, s:i}", "type", "integer", "minimum", 1)
		                       : json_pack("{s:s}", "type", "string")));
	}
	return list;
}

/* The body a route declares (api/input.h), the same table its requests are checked against. */
static json_t *request_body(const struct input_field *spec, const char *method)
{
	return json_pack("{s:b, s:{s:{s:o}}}", "required", input_body_required(spec, method),
	                 "content", "application/json", "schema", input_body_schema(spec));
}

static json_t *operation(const struct route *rt)
{
	bool public = rt->roles == ROUTE_PUBLIC;
	json_t *op = json_pack(
	    "{s:o, s:s, s:[s], s:o, s:o}", "operationId", operation_id(rt), "summary", rt->summary,
	    "tags", rt->object_type ? rt->object_type : "system", "responses", responses(rt),
	    "security", public ? json_array() : json_pack("[{s:[]}, {s:[]}]", "bearer", "cookie"));
	if (!public)
		json_object_set_new(op, "x-kring-roles", roles_of(rt->roles));
	if (rt->audit_action)
		json_object_set_new(op, "x-kring-audit", json_string(rt->audit_action));
	if (rt->recent_login)
		json_object_set_new(op, "x-kring-recent-login", json_true());
	json_t *params = path_parameters(rt->pattern);
	if (rt->if_match)
		json_array_append_new(params, if_match_parameter());
	if (rt->if_match_parts)
		json_array_append_new(params, if_match_parts_parameter(rt->if_match_parts));
	if (json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if (rt->body)
		json_object_set_new(op, "requestBody", request_body(rt->body, rt->method));
	return op;
}

json_t *openapi_document(void)
{
	json_t *paths = json_object();
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *rt = &kring_routes[i];
		json_t *item = json_object_get(paths, rt->pattern);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->pattern, item);
		}
		char method[16];
		size_t n = 0;
		for (; rt->method[n] && n + 1 < sizeof(method); n++)
			method[n] = (char)tolower((unsigned char)rt->method[n]);
		method[n] = '\0';
		json_object_set_new(item, method, operation(rt));
	}
	return json_pack(
	    "{s:s, s:{s:s, s:s, s:s}, s:o, s:o}", "openapi", "3.1.0", "info", "title", "kring",
	    "version", "0.1.0", "description",
	    "Case management and outcome monitoring for JIM youth-care teams. "
	    "Generated from kring's routing table: every route, who may call it "
	    "(x-kring-roles), the audit event it writes (x-kring-audit) and whether it "
	    "asks for the password again (x-kring-recent-login).",
	    "paths", paths, "components", components());
}

void api_openapi(struct request *r)
{
	http_reply(r, 200, openapi_document());
}
