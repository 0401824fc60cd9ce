#ifndef KRING_INPUT_H
#define KRING_INPUT_H

#include <stdbool.h>
#include <stdint.h>

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

#endif
