#include "store/store.h"
#include "store/store_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/name_order.h"
#include "store/store_engine.h"
#include "util/json_text.h"
#include "util/text.h"

static const struct store_engine *engine_for(const char *url)
{
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return &store_engine_pg;
	return &store_engine_sqlite;
}

struct store *store_open(const char *url, int pool_size)
{
	const struct store_engine *e = engine_for(url);
	if (!e)
		return NULL;
	if (pool_size < 1)
		pool_size = 1;
	struct store *s = calloc(1, sizeof(*s));
	if (!s)
		fatal("out of memory");
	s->engine = e;
	s->url = strdup(url);
	s->size = pool_size;
	s->conns = calloc((size_t)pool_size, sizeof(*s->conns));
	if (!s->url || !s->conns)
		fatal("out of memory");
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->freed, NULL);
	for (int i = 0; i < pool_size; i++) {
		s->conns[i].store = s;
		s->conns[i].native = e->connect(url);
		if (!s->conns[i].native) {
			store_close(s);
			return NULL;
		}
	}
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->size; i++)
		if (s->conns[i].native)
			s->engine->disconnect(s->conns[i].native);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->freed);
	free(s->conns);
	free(s->url);
	free(s);
}

const char *store_engine_name(const struct store *s)
{
	return s->engine->name;
}

/*
 * Writes the name keys (domain/name_order.h) of every young person who has
 * none: the rows from before migration 16. One transaction; STORE_ERROR
 * when a name cannot be folded or stored.
 */
static enum store_status fill_name_keys(struct store_conn *c)
{
	json_t *rows = NULL, *row;
	size_t i;
	enum store_status s = store_begin(c, true);
	if (s == STORE_OK)
		s = store_rows(c, SQ_YOUTH_NAME_KEYS_MISSING, NULL, 0, &rows);
	json_array_foreach(rows, i, row)
	{
		struct name_keys k;
		if (s != STORE_OK)
			break;
		if (!name_keys_make(json_string_value(json_object_get(row, "given_name")),
		                    json_string_value(json_object_get(row, "family_name")), &k)) {
			s = STORE_ERROR;
			break;
		}
		s = store_run(c, SQ_YOUTH_SET_NAME_KEY,
		              STORE_ARGS(SA_INT(json_integer_value(json_object_get(row, "id"))),
		                         SA_TEXT(k.search), SA_TEXT(k.sort)),
		              NULL, NULL);
		name_keys_free(&k);
	}
	json_decref(rows);
	if (s == STORE_OK)
		return store_commit(c);
	if (store_in_transaction(c))
		store_rollback(c);
	return s;
}

int store_migrate(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	int n = s->engine->migrate(c->native);
	if (n >= 0 && fill_name_keys(c) != STORE_OK) {
		fprintf(stderr, "kring: could not write the name keys of existing dossiers\n");
		n = -1;
	}
	store_release(c);
	return n;
}

bool store_take_retry(struct store_conn *c)
{
	return c->store->engine->take_retry(c->native);
}

bool store_ping(struct store_conn *c)
{
	return c->store->engine->ping(c->native);
}

bool store_value_date(const struct store_value *v, struct date *out)
{
	return v->type == STORE_ARG_TEXT && date_parse(v->s, out);
}

bool store_can_backup(const struct store *s)
{
	return s->engine->backup != NULL;
}

enum store_status store_backup(struct store_conn *c, const char *path)
{
	if (!c->store->engine->backup)
		return STORE_ERROR;
	return c->store->engine->backup(c->native, path);
}

enum store_status store_scrub(struct store_conn *c)
{
	if (!c->store->engine->scrub)
		return STORE_OK;
	return c->store->engine->scrub(c->native);
}

enum store_status store_check_integrity(struct store_conn *c)
{
	if (!c->store->engine->check_integrity)
		return STORE_ERROR;
	return c->store->engine->check_integrity(c->native);
}

struct store_conn *store_acquire(struct store *s)
{
	pthread_mutex_lock(&s->lock);
	for (;;) {
		for (int i = 0; i < s->size; i++) {
			if (!s->conns[i].busy) {
				s->conns[i].busy = true;
				pthread_mutex_unlock(&s->lock);
				return &s->conns[i];
			}
		}
		pthread_cond_wait(&s->freed, &s->lock);
	}
}

void store_release(struct store_conn *c)
{
	if (!c)
		return;
	if (c->in_tx)
		store_rollback(c);
	struct store *s = c->store;
	pthread_mutex_lock(&s->lock);
	c->busy = false;
	pthread_cond_signal(&s->freed);
	pthread_mutex_unlock(&s->lock);
}

enum store_status store_begin(struct store_conn *c, bool write)
{
	if (c->in_tx)
		fatal("store_begin: nested transaction");
	enum store_status st = c->store->engine->begin(c->native, write);
	c->in_tx = st == STORE_OK;
	return st;
}

enum store_status store_commit(struct store_conn *c)
{
	enum store_status st = c->store->engine->commit(c->native);
	if (st != STORE_OK)
		c->store->engine->rollback(c->native);
	c->in_tx = false;
	return st;
}

void store_rollback(struct store_conn *c)
{
	if (c->in_tx)
		c->store->engine->rollback(c->native);
	c->in_tx = false;
}

bool store_in_transaction(const struct store_conn *c)
{
	return c->in_tx;
}

#define E(c) ((c)->store->engine)

enum store_status store_org_create(struct store_conn *c, const char *name, int64_t *id)
{
	return E(c)->org_create(c->native, name, id);
}

enum store_status store_org_get(struct store_conn *c, int64_t id, json_t **org)
{
	return E(c)->org_get(c->native, id, org);
}

enum store_status store_org_list(struct store_conn *c, json_t **items)
{
	return E(c)->org_list(c->native, items);
}

enum store_status store_team_create(struct store_conn *c, int64_t org_id, const char *name,
                                    int64_t *id)
{
	return E(c)->team_create(c->native, org_id, name, id);
}

enum store_status store_team_get(struct store_conn *c, int64_t id, json_t **team)
{
	return E(c)->team_get(c->native, id, team);
}

enum store_status store_team_list(struct store_conn *c, json_t **items)
{
	return E(c)->team_list(c->native, items);
}

enum store_status store_team_add_member(struct store_conn *c, int64_t team_id, int64_t user_id)
{
	return E(c)->team_add_member(c->native, team_id, user_id);
}

enum store_status store_team_members(struct store_conn *c, int64_t team_id, json_t **items)
{
	return E(c)->team_members(c->native, team_id, items);
}

enum store_status store_team_fit(struct store_conn *c, int64_t team_id, int64_t person_org,
                                 enum team_fit *fit)
{
	json_t *row = NULL;
	enum store_status s = store_row(c, SQ_TEAM_ORGANISATION, STORE_ARGS(SA_INT(team_id)), &row);
	if (s == STORE_OK)
		*fit = account_team_fit(
		    person_org, json_integer_value(json_object_get(row, "organisation_id")));
	json_decref(row);
	return s;
}

enum store_status store_user_create(struct store_conn *c, const struct store_user *u, int64_t *id)
{
	return E(c)->user_create(c->native, u, id);
}

enum store_status store_user_by_id(struct store_conn *c, struct arena *a, int64_t id,
                                   struct store_user *out)
{
	return E(c)->user_by_id(c->native, a, id, out);
}

enum store_status store_user_by_username(struct store_conn *c, struct arena *a,
                                         const char *username, struct store_user *out)
{
	return E(c)->user_by_username(c->native, a, username, out);
}

enum store_status store_user_json(struct store_conn *c, int64_t id, json_t **user)
{
	return E(c)->user_json(c->native, id, user);
}

enum store_status store_user_list(struct store_conn *c, json_t **items)
{
	return E(c)->user_list(c->native, items);
}

enum store_status store_user_activate(struct store_conn *c, int64_t id, const char *password_hash,
                                      const char *totp_secret)
{
	return E(c)->user_activate(c->native, id, password_hash, totp_secret);
}

enum store_status store_user_count(struct store_conn *c, int64_t *count)
{
	return E(c)->user_count(c->native, count);
}

enum store_status store_invitation_create(struct store_conn *c, const char *token_hash,
                                          int64_t user_id, int64_t expires_at)
{
	return E(c)->invitation_create(c->native, token_hash, user_id, expires_at);
}

enum store_status store_invitation_get(struct store_conn *c, const char *token_hash,
                                       struct store_invitation *out)
{
	return E(c)->invitation_get(c->native, token_hash, out);
}

enum store_status store_invitation_mark_used(struct store_conn *c, const char *token_hash,
                                             int64_t now)
{
	return E(c)->invitation_mark_used(c->native, token_hash, now);
}

enum store_status store_session_create(struct store_conn *c, const struct store_session *s)
{
	return E(c)->session_create(c->native, s);
}

enum store_status store_session_get(struct store_conn *c, struct arena *a, const char *token_hash,
                                    struct store_session *out)
{
	return E(c)->session_get(c->native, a, token_hash, out);
}

enum store_status store_session_touch(struct store_conn *c, const char *token_hash, int64_t now)
{
	return E(c)->session_touch(c->native, token_hash, now);
}

enum store_status store_session_delete(struct store_conn *c, const char *token_hash)
{
	return E(c)->session_delete(c->native, token_hash);
}

enum store_status store_session_purge(struct store_conn *c, int64_t idle_before, int64_t now)
{
	return E(c)->session_purge(c->native, idle_before, now);
}

enum store_status store_audit_last(struct store_conn *c, struct arena *a, int64_t *id,
                                   const char **hash)
{
	return E(c)->audit_last(c->native, a, id, hash);
}

enum store_status store_audit_insert(struct store_conn *c, const struct store_audit_row *row)
{
	return E(c)->audit_insert(c->native, row);
}

enum store_audit_key store_audit_key(const struct store_audit_filter *f)
{
	if (f->youth_id)
		return AUDIT_KEY_YOUTH;
	if (f->user_id)
		return AUDIT_KEY_USER;
	if (f->basis && !strcmp(f->basis, "break_glass"))
		return AUDIT_KEY_BREAK_GLASS;
	if (f->outcome && strcmp(f->outcome, "success") != 0)
		return AUDIT_KEY_UNSUCCESSFUL;
	return AUDIT_KEY_NONE;
}

int64_t store_audit_before(const struct store_audit_filter *f)
{
	return f->before_id ? f->before_id : INT64_MAX;
}

enum store_status store_audit_query(struct store_conn *c, const struct store_audit_filter *f,
                                    json_t **items)
{
	return E(c)->audit_query(c->native, f, items);
}

enum store_status store_audit_each(struct store_conn *c, store_audit_visit visit, void *ctx)
{
	return E(c)->audit_each(c->native, visit, ctx);
}

enum store_status store_audit_login_failures(struct store_conn *c, const char *username,
                                             const char *client_addr, const char *since,
                                             int64_t *by_user, int64_t *by_addr,
                                             const char **oldest_user, const char **oldest_addr,
                                             struct arena *a)
{
	return E(c)->audit_login_failures(c->native, username, client_addr, since, by_user, by_addr,
	                                  oldest_user, oldest_addr, a);
}

/* Columns that hold 0/1 and are answered as JSON booleans. */
static const char *const boolean_columns[] = {
    "is_parent",
    "adult",
    "willing_to_cooperate",
    "child_safe",
    "own_load_manageable",
    "has_custody",
    "shared",
    "break_glass",
    "outside_circle",
    "in_team",
    "is_self",
    "is_jim",
    "has_grant",
    "youth_ok",
    "custody_ok",
    "cancelled",
    "attended",
    "had_jim",
    "settled",
    "current",
    "mine",
};

json_t *store_value_json(const struct store_value *v)
{
	json_t *j = NULL;
	switch (v->type) {
	case STORE_ARG_NULL:
		break;
	case STORE_ARG_INT:
		j = v->boolean ? json_boolean(v->i != 0) : json_integer(v->i);
		break;
	case STORE_ARG_REAL:
		j = json_real(v->d);
		break;
	case STORE_ARG_TEXT:
		j = json_string(v->s);
		break;
	}
	return j ? j : json_null();
}

static bool column_is_boolean(const char *name)
{
	for (size_t i = 0; i < sizeof(boolean_columns) / sizeof(boolean_columns[0]); i++)
		if (strcmp(name, boolean_columns[i]) == 0)
			return true;
	return false;
}

static void text_value(struct json_text *out, const char *name, const struct store_value *v)
{
	switch (v->type) {
	case STORE_ARG_NULL:
		json_text_null(out);
		break;
	case STORE_ARG_INT:
		if (v->boolean || column_is_boolean(name))
			json_text_bool(out, v->i != 0);
		else
			json_text_int(out, v->i);
		break;
	case STORE_ARG_REAL:
		json_text_real(out, v->d);
		break;
	case STORE_ARG_TEXT:
		json_text_string(out, v->s);
		break;
	}
}

void store_text_row(struct json_text *out, const char *const *names, const struct store_value *v,
                    size_t n, store_column_seen seen, void *ctx)
{
	bool first = true;
	json_text_char(out, '{');
	for (size_t i = 0; i < n; i++) {
		json_text_key(out, names[i], &first);
		text_value(out, names[i], &v[i]);
		if (seen)
			seen(names[i], &v[i], ctx);
	}
	json_text_char(out, '}');
}

static void booleans_in(json_t *row)
{
	for (size_t i = 0; i < sizeof(boolean_columns) / sizeof(boolean_columns[0]); i++) {
		json_t *v = json_object_get(row, boolean_columns[i]);
		if (json_is_integer(v))
			json_object_set_new(row, boolean_columns[i],
			                    json_boolean(json_integer_value(v) != 0));
	}
}

enum store_status store_run(struct store_conn *c, enum store_query q, const struct store_arg *args,
                            size_t nargs, int64_t *last_id, int64_t *changed)
{
	return E(c)->query(c->native, q, args, nargs, NULL, false, last_id, changed);
}

enum store_status store_rows(struct store_conn *c, enum store_query q, const struct store_arg *args,
                             size_t nargs, json_t **rows)
{
	enum store_status s = E(c)->query(c->native, q, args, nargs, rows, false, NULL, NULL);
	size_t i;
	json_t *row;
	if (s == STORE_OK)
		json_array_foreach(*rows, i, row) booleans_in(row);
	return s;
}

enum store_status store_row(struct store_conn *c, enum store_query q, const struct store_arg *args,
                            size_t nargs, json_t **row)
{
	json_t *rows = NULL;
	enum store_status s = E(c)->query(c->native, q, args, nargs, &rows, true, NULL, NULL);
	*row = NULL;
	if (s != STORE_OK)
		return s;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return STORE_NOT_FOUND;
	}
	*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	booleans_in(*row);
	return STORE_OK;
}

enum store_status store_each(struct store_conn *c, enum store_query q, const struct store_arg *args,
                             size_t nargs, store_row_visit visit, void *ctx)
{
	return E(c)->each(c->native, q, args, nargs, visit, ctx);
}

enum store_status store_row_text(struct store_conn *c, enum store_query q,
                                 const struct store_arg *args, size_t nargs, struct json_text *out,
                                 store_column_seen seen, void *ctx)
{
	return E(c)->text(c->native, q, args, nargs, true, out, seen, ctx);
}

enum store_status store_rows_text(struct store_conn *c, enum store_query q,
                                  const struct store_arg *args, size_t nargs, struct json_text *out,
                                  store_column_seen seen, void *ctx)
{
	return E(c)->text(c->native, q, args, nargs, false, out, seen, ctx);
}
