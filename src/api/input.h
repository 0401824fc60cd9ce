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

/* Whether the body has this field at all (even null). */
bool input_has(struct request *r, const char *field);

/*
 * A query value that is a date (2026-03-01) or a UTC time, as ISO text with
 * milliseconds in *out (NULL when absent). False, answered 422, when it is
 * neither.
 */
bool input_query_time(struct request *r, const char *name, const char **out);

/* The organisation named by the path's {id}; answers 404 and returns false when none. */
bool input_path_organisation(struct request *r, int64_t *id);

/* "42" for an id, in the request arena. */
const char *api_id_text(struct request *r, int64_t id);

#endif
