#ifndef KRING_STORE_ENGINE_H
#define KRING_STORE_ENGINE_H

/*
 * What an engine provides to store.c. store.c owns the pool and the
 * dispatch; an engine owns its connections' native handles.
 */

#include <pthread.h>

#include "store/store.h"
#include "store/store_query.h"

/*
 * Named queries (store_query.h). With rows == NULL the query returns no rows
 * and last_id/changed (each may be NULL) are set; otherwise *rows receives a
 * new array (only the first row when first_only).
 */
typedef enum store_status (*store_engine_query)(void *n, enum store_query q,
                                                const struct store_arg *args, size_t nargs,
                                                json_t **rows, bool first_only, int64_t *last_id,
                                                int64_t *changed);

typedef enum store_status (*store_engine_each)(void *n, enum store_query q,
                                               const struct store_arg *args, size_t nargs,
                                               store_row_visit visit, void *ctx);

/*
 * Named queries written as JSON text (store_row_text/store_rows_text): each
 * row through store_text_row, an array around them unless first_only;
 * STORE_NOT_FOUND with nothing written when first_only finds no row. The
 * values as the engine's `query` gives them to JSON.
 */
typedef enum store_status (*store_engine_text)(void *n, enum store_query q,
                                               const struct store_arg *args, size_t nargs,
                                               bool first_only, struct json_text *out,
                                               store_column_seen seen, void *ctx);

struct store_engine {
	const char *name;
	store_engine_query query;
	store_engine_each each;
	store_engine_text text;
	/* Opens one native connection; NULL on failure (reason on stderr). */
	void *(*connect)(const char *url);
	void (*disconnect)(void *native);
	int (*migrate)(void *native);
	/* Whether the last failure asked for the transaction to be retried; clears it. */
	bool (*take_retry)(void *native);
	/* Whether the database answers (a trivial query); reconnects when it can. */
	bool (*ping)(void *native);
	/* Copies the whole database, consistent, into a new file at path (NULL: not
	 * offered by this engine). */
	enum store_status (*backup)(void *native, const char *path);
	/* Whether every page and index of the file is sound (NULL: not offered). */
	enum store_status (*check_integrity)(void *native);
	/* Makes deleted content unreadable in the files now (NULL: not offered). */
	enum store_status (*scrub)(void *native);

	enum store_status (*begin)(void *n, bool write);
	enum store_status (*commit)(void *n);
	void (*rollback)(void *n);

	enum store_status (*org_create)(void *n, const char *name, int64_t *id);
	enum store_status (*org_get)(void *n, int64_t id, json_t **org);
	enum store_status (*org_list)(void *n, json_t **items);
	enum store_status (*team_create)(void *n, int64_t org_id, const char *name, int64_t *id);
	enum store_status (*team_get)(void *n, int64_t id, json_t **team);
	enum store_status (*team_list)(void *n, json_t **items);
	enum store_status (*team_add_member)(void *n, int64_t team_id, int64_t user_id);
	enum store_status (*team_members)(void *n, int64_t team_id, json_t **items);

	enum store_status (*user_create)(void *n, const struct store_user *u, int64_t *id);
	enum store_status (*user_by_id)(void *n, struct arena *a, int64_t id,
	                                struct store_user *out);
	enum store_status (*user_by_username)(void *n, struct arena *a, const char *username,
	                                      struct store_user *out);
	enum store_status (*user_json)(void *n, int64_t id, json_t **user);
	enum store_status (*user_list)(void *n, json_t **items);
	enum store_status (*user_activate)(void *n, int64_t id, const char *hash,
	                                   const char *totp_secret);
	enum store_status (*user_count)(void *n, int64_t *count);

	enum store_status (*invitation_create)(void *n, const char *hash, int64_t user_id,
	                                       int64_t expires_at);
	enum store_status (*invitation_get)(void *n, const char *hash,
	                                    struct store_invitation *out);
	enum store_status (*invitation_mark_used)(void *n, const char *hash, int64_t now);

	enum store_status (*session_create)(void *n, const struct store_session *s);
	enum store_status (*session_get)(void *n, struct arena *a, const char *hash,
	                                 struct store_session *out);
	enum store_status (*session_touch)(void *n, const char *hash, int64_t now);
	enum store_status (*session_delete)(void *n, const char *hash);
	enum store_status (*session_purge)(void *n, int64_t idle_before, int64_t now);

	enum store_status (*audit_last)(void *n, struct arena *a, int64_t *id, const char **hash);
	enum store_status (*audit_insert)(void *n, const struct store_audit_row *row);
	enum store_status (*audit_query)(void *n, const struct store_audit_filter *f,
	                                 json_t **items);
	enum store_status (*audit_each)(void *n, store_audit_visit visit, void *ctx);
	enum store_status (*audit_login_failures)(void *n, const char *username,
	                                          const char *client_addr, const char *since,
	                                          int64_t *by_user, int64_t *by_addr,
	                                          const char **oldest_user,
	                                          const char **oldest_addr, struct arena *a);
};

/*
 * Which variant of the audit query a filter takes: the one whose plain
 * condition the planner can serve from an index (the youth's or the user's
 * events, the emergency accesses, the refusals and errors); AUDIT_KEY_NONE
 * reads the table from the newest event (or `before`) back, as a username
 * or a time range alone do. The engines keep their statements in this
 * order.
 */
enum store_audit_key {
	AUDIT_KEY_NONE,
	AUDIT_KEY_YOUTH,
	AUDIT_KEY_USER,
	AUDIT_KEY_BREAK_GLASS,
	AUDIT_KEY_UNSUCCESSFUL,
};
enum store_audit_key store_audit_key(const struct store_audit_filter *f);
/* The filter's before_id as a bound: INT64_MAX when none is given (`id < ?` always holds). */
int64_t store_audit_before(const struct store_audit_filter *f);

extern const struct store_engine store_engine_sqlite;
extern const struct store_engine store_engine_pg;

struct store_conn {
	struct store *store;
	void *native;
	bool in_tx;
	bool busy;
};

struct store {
	const struct store_engine *engine;
	char *url;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int size;
	struct store_conn *conns;
};

#endif
