#ifndef KRING_INPUT_H
#define KRING_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/dates.h"
#include "http/http.h"

/*
 * Declared validators for JSON input. Each returns the value when the field
 * is acceptable; otherwise it answers 422 (with `field`) and returns
 * NULL/false, and the handler returns at once. Optional fields that are
 * absent (or null) yield NULL / false with no answer set: check r->status.
 */

/* A rule from domain/: NULL when fine, else a sentence. */
typedef const char *(*input_rule)(const char *value);

/* The request body must be a JSON object; 400 when no body was sent. */
bool input_need_body(struct request *r);

const char *input_string(struct request *r, const char *field, bool required, input_rule rule);

/* A positive integer id. Returns false when absent (optional) or invalid (answered). */
bool input_id(struct request *r, const char *field, bool required, int64_t *out);

/* A query-string id; absent gives 0. False when present and invalid (answered). */
bool input_query_id(struct request *r, const char *name, int64_t *out);

/*
 * The query parameter `name` as a flag: "true" sets *out, "false", an empty
 * value or none leaves it false. Anything else is a 422 on `name` (false
 * answered).
 */
bool input_query_bool(struct request *r, const char *name, bool *out);

/*
 * The page of a list: "page" 1–100000 (default 1) and "per_page" 1–100
 * (default 25) from the query string. False, answered 422 on the field, when
 * one is not such a whole number. A paged answer carries "page", "per_page"
 * and "total" (the number of items over all pages) beside "items".
 */
bool input_query_page(struct request *r, long *page, long *per_page);

/* A boolean field. Returns false when absent (optional) or invalid (answered). */
bool input_bool(struct request *r, const char *field, bool required, bool *out);

/* A "YYYY-MM-DD" field; false when absent (optional) or invalid (answered). */
bool input_date(struct request *r, const char *field, bool required, struct date *out);

/* A string that must be one of `allowed` (NULL-terminated); NULL when absent or invalid. */
const char *input_enum(struct request *r, const char *field, bool required,
                       const char *const *allowed);

/* An integer within [min, max]; false when absent (optional) or invalid (answered). */
bool input_int_range(struct request *r, const char *field, bool required, int64_t min, int64_t max,
                     int64_t *out);

/* Whether the body has this field at all (even null: for "null clears it"). */
bool input_has(struct request *r, const char *field);

/*
 * Whether the body has this field with a value other than null: sent, by
 * the rule of the declared bodies, where null is the same as absent.
 */
bool input_given(struct request *r, const char *field);

/*
 * A query value that is a date (2026-03-01) or a UTC time, as ISO text with
 * milliseconds in *out (NULL when absent). False, answered 422, when it is
 * neither.
 */
bool input_query_time(struct request *r, const char *name, const char **out);

/* The organisation named by the path's {id}; answers 404 and returns false when none. */
bool input_path_organisation(struct request *r, int64_t *id);

/*
 * The declared body of a route: one line per field, in the order the
 * handler checks them, ended by a line with a NULL name. The dispatcher
 * checks a body against it with input_check_body() before the handler runs
 * (a target_first route's handler does, once it has found its target),
 * through the same validators as above, and GET /api/v1/openapi.json
 * describes the body from it (input_body_schema()). A handler may apply
 * further rules (a date in the past, a note without control characters)
 * and read its values with the validators above.
 */
enum input_type {
	/* text; max: the longest length in characters, Unicode code points as
	 * person_check_text and the web front end count them (0: no limit). It
	 * is published as the field's maxLength, which the web's fields follow:
	 * declare it for every text with a limit in characters, the same
	 * constant as the handler's rule. A limit in bytes (a password) cannot
	 * be said so: leave max 0 and say it in the description */
	INPUT_STRING,
	INPUT_ID,      /* a positive whole number */
	INPUT_INTEGER, /* a whole number from min to max */
	INPUT_NUMBER,  /* any JSON number from min to max (both 0: any number) */
	INPUT_BOOLEAN,
	INPUT_DATE,   /* "YYYY-MM-DD" */
	INPUT_TIME,   /* a UTC time, "2026-03-01T09:30:00Z" */
	INPUT_ENUM,   /* one of `allowed` */
	INPUT_OBJECT, /* a JSON object, checked by the handler */
	INPUT_ARRAY,  /* a JSON array, checked by the handler */
};

struct input_field {
	const char *name;
	enum input_type type;
	bool required; /* absent and null are both refused; else null means absent */
	/* a PATCH's field for a value the record always has (a goal's title):
	   it may be left out, but null, which would clear it, is refused */
	bool not_null;
	int64_t min, max;
	const char *const *allowed; /* INPUT_ENUM: NULL-terminated */
	const char *description;    /* one line for the API description, or NULL */
};

/*
 * Checks r->input against `spec`: 400 when no body was sent and the route
 * needs one (input_body_required()), else 422 when a field is missing, null
 * where it is required or not_null, or of the wrong form, or is not in the
 * spec (spec NULL: the route takes no fields). The 422 names the first such
 * field (in spec order, then the body's order for fields the spec does not
 * have) in `field`, and lists every one of them in `fields`
 * (input_keep()). Returns false when it answered.
 */
bool input_check_body(struct request *r, const struct input_field *spec);

/*
 * The refusals of several fields gathered into one 422, so that a form can
 * mark every field at fault after one submit. Start with a zeroed struct,
 * call input_keep() after each check of a field, and input_answer_errors()
 * after the last.
 */
struct input_errors {
	json_t *fields;  /* [{"field", "message"}, ...] in the order kept, or NULL */
	int status;      /* an answer that is not a field's 422, put aside; 0: none */
	json_t *reply;   /* its body */
	int retry_after; /* its Retry-After */
};

/*
 * After one check. A 422 validation_failed at a field is added to e's
 * fields and the answer cleared, so that the next field can be checked.
 * Any other answer (400, 503, a 422 without a field) is put aside on e, the
 * first such only: it is what input_answer_errors() answers, and what later
 * checks answer is dropped (so a check that reads the store goes last, or
 * runs only when what it needs was read). A field's refusal that cannot be
 * kept for want of memory puts a 500 aside. No answer: nothing happens.
 */
void input_keep(struct request *r, struct input_errors *e);

/*
 * After the last check: true, answering nothing, when no check refused.
 * Else false, having answered the answer put aside, or else one 422 whose
 * `field` and `message` are the first field's and whose `fields` lists
 * every field kept. Releases what e holds either way.
 */
bool input_answer_errors(struct request *r, struct input_errors *e);

/* Whether a route with this spec needs a body: a field is required, or it is a PATCH. */
bool input_body_required(const struct input_field *spec, const char *method);

/* The JSON Schema of a body with this spec (a new reference). */
json_t *input_body_schema(const struct input_field *spec);

/* "42" for an id, in the request arena. */
const char *api_id_text(struct request *r, int64_t id);

/*
 * Replaces a row's user id under `key` (and its display name under
 * `name_key`, which goes) by {id, display_name}, or null when there is no
 * id: how an answer names who acted (who decided, reviewed, acknowledged).
 */
void api_nest_person(json_t *row, const char *key, const char *name_key);

/*
 * Moves a row's `given_name` and `family_name` into `youth`: {id, given_name,
 * family_name}, with the id of `youth_id` (which stays): how a list of
 * things about several young people names each one. The caller audits the
 * young person it names.
 */
void api_nest_youth(json_t *row);

/*
 * The answer of marking an action done (`done`) or open again, once the
 * update ran within the request's write transaction with status `s` and
 * changed `changed` rows (none: it already was so): 200 with the row that
 * `get` reads by `id`, or 409 conflict, or the store's error. Answers in
 * every case.
 */
void api_answer_done(struct request *r, enum store_status s, int64_t changed, bool done,
                     enum store_query get, int64_t id);

/* Replaces a row's epoch-seconds integer under `key` by its ISO text ("2026-03-01T09:30:00Z"); any
 * other value stays. */
void api_iso_time(json_t *row, const char *key);

#endif
