/* Entity tags of stored rows and the If-Match precondition (RFC 9110 §13.1.1). */
#include "http/etag.h"

#include <string.h>

#include <microhttpd.h>

#include "http/http.h"

/* Buffered: a row's many short values cost one update per block, not one per value (the
 * dossier's read is a hot path). */
static void add_bytes(struct etag *e, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n > 0) {
		size_t take = ETAG_BLOCK - e->len < n ? ETAG_BLOCK - e->len : n;
		memcpy(e->buf + e->len, b, take);
		e->len += take;
		b += take;
		n -= take;
		if (e->len == ETAG_BLOCK) {
			crypto_generichash_update(&e->state, e->buf, e->len);
			e->len = 0;
		}
	}
}

/* With its terminating NUL, so that no two value lists hash the same bytes. */
static void add_text(struct etag *e, const char *s)
{
	add_bytes(e, s, strlen(s) + 1);
}

void etag_begin(struct etag *e, const char *kind, int64_t id)
{
	crypto_generichash_init(&e->state, NULL, 0, ETAG_HASH_BYTES);
	e->len = 0;
	add_text(e, kind);
	add_bytes(e, &id, sizeof(id));
}

void etag_column(const char *name, const struct store_value *v, void *ctx)
{
	struct etag *e = ctx;
	unsigned char type = (unsigned char)v->type;
	(void)name;
	add_bytes(e, &type, 1);
	switch (v->type) {
	case STORE_ARG_INT:
		add_bytes(e, &v->i, sizeof(v->i));
		break;
	case STORE_ARG_REAL:
		add_bytes(e, &v->d, sizeof(v->d));
		break;
	case STORE_ARG_TEXT:
		add_text(e, v->s ? v->s : "");
		break;
	default:
		break;
	}
}

/* One field of a JSON object, as the column of its type would be hashed. */
static void etag_json_field(struct etag *e, json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);
	struct store_value sv = {.type = STORE_ARG_NULL};
	if (json_is_string(v)) {
		sv.type = STORE_ARG_TEXT;
		sv.s = json_string_value(v);
	} else if (json_is_integer(v)) {
		sv.type = STORE_ARG_INT;
		sv.i = json_integer_value(v);
	} else if (json_is_boolean(v)) {
		sv.type = STORE_ARG_INT;
		sv.i = json_is_true(v);
		sv.boolean = true;
	}
	etag_column(name, &sv, e);
}

void etag_end(struct etag *e, char out[ETAG_TEXT_SIZE])
{
	unsigned char hash[ETAG_HASH_BYTES];
	if (e->len)
		crypto_generichash_update(&e->state, e->buf, e->len);
	crypto_generichash_final(&e->state, hash, sizeof(hash));
	out[0] = '"';
	sodium_bin2hex(out + 1, ETAG_TEXT_SIZE - 2, hash, sizeof(hash));
	out[ETAG_TEXT_SIZE - 2] = '"';
	out[ETAG_TEXT_SIZE - 1] = '\0';
}

void etag_of_fields(const char *kind, json_t *obj, const char *const *fields,
                    char out[ETAG_TEXT_SIZE])
{
	struct etag e;
	etag_begin(&e, kind, json_integer_value(json_object_get(obj, "id")));
	for (const char *const *f = fields; *f; f++)
		etag_json_field(&e, obj, *f);
	etag_end(&e, out);
}

struct header_count {
	const char *name;
	int n;
	const char *value;
};

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
	struct header_count *c = cls;
	(void)kind;
	if (key && strcasecmp(key, c->name) == 0) {
		c->n++;
		c->value = value;
	}
	return MHD_YES;
}

/* How many lines of the request header `name` there are, and the last one's value. */
static struct header_count request_header(struct request *r, const char *name)
{
	struct header_count c = {.name = name};
	if (r->mhd)
		MHD_get_connection_values(r->mhd, MHD_HEADER_KIND, count_header, &c);
	return c;
}

/* The quoted entity tag at s, W/ kept: its length, or 0 when there is none. */
static size_t entity_tag_at(const char *s)
{
	const char *b = s;
	if (s[0] == 'W' && s[1] == '/')
		s += 2;
	if (*s++ != '"')
		return 0;
	while (*s == 0x21 || (*s >= 0x23 && *s <= 0x7e))
		s++;
	if (*s++ != '"')
		return 0;
	return (size_t)(s - b);
}

/* One entity tag, with optional W/ and surrounding spaces: `"` etagc* `"`. */
static bool one_entity_tag(const char *s, const char **start, size_t *len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	*start = s;
	*len = entity_tag_at(s);
	if (!*len)
		return false;
	s += *len;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

bool http_if_match(struct request *r, const char **tag)
{
	struct header_count c = request_header(r, MHD_HTTP_HEADER_IF_MATCH);
	*tag = NULL;
	if (c.n == 0)
		return true;
	const char *start;
	size_t len;
	const char *v = c.value ? c.value : "";
	while (*v == ' ' || *v == '\t')
		v++;
	if (c.n == 1 && strlen(c.value ? c.value : "") <= ETAG_MAX_CHARS) {
		if (v[0] == '*' && v[1 + strspn(v + 1, " \t")] == '\0') {
			*tag = "*";
			return true;
		}
		if (one_entity_tag(v, &start, &len)) {
			*tag = arena_strndup(&r->arena, start, len);
			return true;
		}
	}
	http_error(r, 400, "malformed_if_match",
	           "If-Match must be one quoted entity tag, as ETag gave it, or *", NULL);
	return false;
}

/* The part `name` (len bytes) among names: its index, or -1. */
static int part_index(const char *const *names, const char *name, size_t len)
{
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return i;
	return -1;
}

/* Parses `name="tag", ...` into tags (see http_if_match_parts()); false when malformed. */
static bool parse_parts(struct request *r, const char *s, const char *const *names,
                        const char **tags)
{
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t len = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
		int i = len ? part_index(names, s, len) : -1;
		if (i < 0 || tags[i] || s[len] != '=')
			return false;
		s += len + 1;
		size_t tag_len = entity_tag_at(s);
		if (!tag_len)
			return false;
		tags[i] = arena_strndup(&r->arena, s, tag_len);
		s += tag_len;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return true;
		if (*s++ != ',')
			return false;
	}
}

bool http_if_match_parts(struct request *r, const char *const *names, const char **tags,
                         bool *given)
{
	struct header_count c = request_header(r, IF_MATCH_PARTS_HEADER);
	size_t n = 0;
	while (names[n])
		tags[n++] = NULL;
	*given = c.n > 0;
	if (c.n == 0)
		return true;
	if (c.n == 1 && c.value && strlen(c.value) <= IF_MATCH_PARTS_MAX_CHARS &&
	    parse_parts(r, c.value, names, tags))
		return true;
	http_error(r, 400, "malformed_if_match",
	           "If-Match-Parts must be a list of part=\"tag\", each part once, with the tags "
	           "that part_etags gave",
	           NULL);
	return false;
}

bool http_if_match_holds(struct request *r, const char *tag, const char *current)
{
	if (!tag || strcmp(tag, "*") == 0 || strcmp(tag, current) == 0)
		return true;
	http_error(r, 412, "edit_conflict",
	           "someone else changed this since you loaded it: load the newest version, "
	           "then save again",
	           NULL);
	return false;
}

void http_set_etag(struct request *r, const char *tag)
{
	r->etag = arena_strdup(&r->arena, tag);
}
