#ifndef KRING_ETAG_H
#define KRING_ETAG_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <sodium.h>

#include "store/store_query.h"

struct request;

/*
 * A strong entity tag of one stored row: a BLAKE2b hash (crypto_generichash)
 * of the kind of resource, its id and the columns it is given, written as
 * quoted hex. Two reads give the same tag exactly when the row's
 * columns hold the same values, so any change of a field a PATCH can change,
 * by whatever route, gives a new one. The tag is only compared within one
 * server's engine (SQLite and PostgreSQL may type a column differently).
 */
#define ETAG_HASH_BYTES 16
#define ETAG_TEXT_SIZE  (2 * ETAG_HASH_BYTES + 3) /* quotes and NUL */
#define ETAG_MAX_CHARS  200                       /* a longer If-Match is malformed */

#define ETAG_BLOCK 128 /* BLAKE2b's block: bytes are hashed a block at a time */

struct etag {
	crypto_generichash_state state;
	unsigned char buf[ETAG_BLOCK];
	size_t len;
};

void etag_begin(struct etag *e, const char *kind, int64_t id);
/* Adds one column's type and value (not its name: one query answers its
 * columns in one order); a store_column_seen for the row's store_row_text(). */
void etag_column(const char *name, const struct store_value *v, void *ctx);
/* The tag, with its quotes, into out. */
void etag_end(struct etag *e, char out[ETAG_TEXT_SIZE]);
/* The tag of the record `kind` whose answer is `obj` (its "id"), from the
 * NULL-terminated `fields` of it (each a text, integer, boolean or null;
 * anything else counts as its absence), into out. */
void etag_of_fields(const char *kind, json_t *obj, const char *const *fields,
                    char out[ETAG_TEXT_SIZE]);

/*
 * The request's If-Match header. True with *tag NULL when none was sent,
 * with *tag "*" or one quoted entity tag (W/ kept) when one was; false,
 * with 400 malformed_if_match answered, for anything else: several headers
 * or tags, an unquoted value, more than ETAG_MAX_CHARS characters.
 */
bool http_if_match(struct request *r, const char **tag);

/*
 * Whether the precondition of If-Match `tag` (from http_if_match) holds for
 * the row whose tag is `current`: no tag, "*", or the same strong tag (a weak
 * one never matches). False, with 412 edit_conflict answered, when it does
 * not: the caller writes nothing then.
 */
bool http_if_match_holds(struct request *r, const char *tag, const char *current);

/*
 * The request's If-Match-Parts header (docs/api.md): a precondition on parts
 * of a record rather than on all of it, `name="tag", name="tag"`, each name
 * one of the NULL-terminated `names` at most once and each tag a quoted
 * entity tag (W/ kept) as the record's answer gives that part's. True with
 * *given false when none was sent; with *given true and tags[i] the tag of
 * names[i] (NULL when not named) when one was; false, with 400
 * malformed_if_match answered, for anything else: several headers, an
 * unknown or repeated name, an empty list, a value that is not one quoted
 * tag, more than IF_MATCH_PARTS_MAX_CHARS characters. Each tag is then
 * checked as If-Match's is, with http_if_match_holds().
 */
#define IF_MATCH_PARTS_HEADER    "If-Match-Parts"
#define IF_MATCH_PARTS_MAX_CHARS 400
bool http_if_match_parts(struct request *r, const char *const *names, const char **tags,
                         bool *given);

/* Sends `tag` as the answer's ETag header (copied into the request's arena). */
void http_set_etag(struct request *r, const char *tag);

#endif
