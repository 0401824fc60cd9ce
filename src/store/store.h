#ifndef KRING_STORE_H
#define KRING_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/account_rules.h"
#include "util/arena.h"

/*
 * The store: one interface over the database engines (SQLite now,
 * PostgreSQL later). Callers never see SQL. A `struct store` is shared by the
 * whole process and holds a small pool of connections; a thread takes one
 * connection with store_acquire(), uses it for one request or command, and
 * gives it back with store_release().
 *
 * Every operation returns a store_status. STORE_ERROR means the database
 * could not do it (unavailable, corrupt, full): callers answer 503 and
 * change nothing else. Strings in out-structs are allocated from the arena
 * the caller passes and live as long as it. JSON values returned through
 * `json_t **` are new references owned by the caller.
 */

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND,
	STORE_CONFLICT,
	STORE_ERROR,
};

struct store;
struct store_conn;

struct store_user {
	int64_t id;
	const char *username;
	const char *display_name;
	const char *role;
	int64_t organisation_id;   /* 0 when none */
	const char *status;        /* "invited" | "active" | "disabled" */
	const char *password_hash; /* NULL until an invitation is accepted */
	const char *totp_secret;   /* base32, NULL when none */
	const char *created_at;
};

struct store_session {
	const char *token_hash;
	int64_t user_id;
	const char *csrf_token;
	int64_t created_at;
	int64_t last_seen_at;
	int64_t expires_at; /* absolute limit, epoch seconds */
	/* store_session_get(): when the user last gave their password (the login, or since) */
	int64_t authenticated_at;
	/* store_session_create(): the coarse device (domain/device.h), NULL when unknown */
	const char *device_browser;
	const char *device_os;
	/* store_session_get(): the session's user: no password hash, TOTP secret or created_at */
	struct store_user user;
};

struct store_invitation {
	int64_t user_id;
	int64_t expires_at;
	bool used;
};

/* One audit event as stored; see audit/audit.h for its meaning. */
struct store_audit_row {
	int64_t id;
	const char *at;
	int64_t user_id; /* 0 when nobody was logged in */
	const char *username;
	const char *role;
	int64_t responsible_user_id;
	const char *action;
	const char *object_type;
	const char *object_id;
	int64_t youth_id;
	const char *outcome;
	const char *client_addr;
	const char *reason;
	const char *prev_hash;
	const char *hash;
	const char *basis; /* how access was granted: team, break_glass, self, jim, privacy */
	bool malformed;    /* read back: an id column held something other than an integer */
};

struct store_audit_filter {
	int64_t user_id;  /* 0: any */
	int64_t youth_id; /* 0: any */
	const char *from; /* ISO ms, inclusive; NULL: open */
	const char *to;   /* ISO ms, exclusive; NULL: open */
	int limit;
	int64_t before_id;    /* 0: any; else only events older than this one (id < before_id) */
	const char *username; /* NULL: any; else exactly this username */
	const char *basis;    /* NULL: any; else the relation an access rested on (break_glass) */
	const char *outcome;  /* NULL: any; else success, denied or error */
};

/* Called once per event, in id order; return false to stop early. */
typedef bool (*store_audit_visit)(const struct store_audit_row *row, void *ctx);

/*
 * Opens the database named by `url` (an SQLite file path) with a pool of
 * `pool_size` connections. Returns NULL and writes a reason to stderr on
 * failure. store_close() waits for nothing: every connection must have been
 * released.
 */
struct store *store_open(const char *url, int pool_size);
void store_close(struct store *s);
const char *store_engine_name(const struct store *s);

/* Runs the numbered migrations not yet applied; returns how many ran, or -1. */
int store_migrate(struct store *s);

/*
 * Whether the last failure on this connection was a serialisation failure or
 * deadlock, so that the whole transaction may be run again. Clears the flag.
 */
bool store_take_retry(struct store_conn *c);

/* Whether the database answers now (for /healthz and /readyz). */
bool store_ping(struct store_conn *c);

/* Whether this engine makes its own online backups (SQLite: yes; PostgreSQL: pg_dump). */
bool store_can_backup(const struct store *s);

/*
 * Copies the whole database as one consistent snapshot into a new file at
 * `path` (new, or empty) while others keep writing (SQLite's online backup
 * API). STORE_ERROR (reason on stderr) when it cannot.
 */
enum store_status store_backup(struct store_conn *c, const char *path);

/*
 * Checks the database file itself (SQLite's integrity_check): STORE_OK when
 * sound, STORE_CONFLICT when damaged (first problem on stderr), STORE_ERROR
 * when it cannot be read or the engine has no such check.
 */
enum store_status store_check_integrity(struct store_conn *c);

/*
 * After a destruction has committed: makes the deleted content unreadable in
 * the database files now (SQLite: secure_delete zeroes it; this moves the
 * zeroed pages out of the write-ahead log into the file and empties the log).
 * STORE_OK when done or not needed (PostgreSQL: VACUUM, see docs/deploy.md).
 */
enum store_status store_scrub(struct store_conn *c);

struct store_conn *store_acquire(struct store *s);
void store_release(struct store_conn *c);

/*
 * Transactions. begin(write=true) takes the write lock at once.
 * begin(write=false) opens a read-only snapshot: every statement in it sees
 * the state as of its first statement, and a statement that would write
 * fails with STORE_ERROR (it is never written and lost with the rollback).
 */
enum store_status store_begin(struct store_conn *c, bool write);
enum store_status store_commit(struct store_conn *c);
void store_rollback(struct store_conn *c);
bool store_in_transaction(const struct store_conn *c);

/* Organisations and teams. */
enum store_status store_org_create(struct store_conn *c, const char *name, int64_t *id);
enum store_status store_org_get(struct store_conn *c, int64_t id, json_t **org);
enum store_status store_org_list(struct store_conn *c, json_t **items);
enum store_status store_team_create(struct store_conn *c, int64_t org_id, const char *name,
                                    int64_t *id);
enum store_status store_team_get(struct store_conn *c, int64_t id, json_t **team);
enum store_status store_team_list(struct store_conn *c, json_t **items);
enum store_status store_team_add_member(struct store_conn *c, int64_t team_id, int64_t user_id);
enum store_status store_team_members(struct store_conn *c, int64_t team_id, json_t **items);
/*
 * Looks up team `team_id` and sets *fit to whether someone of organisation
 * `person_org` (0: none) may be put in it, by account_team_fit(): the one
 * check of POST /users with team_ids and of `kring user add --team`. Reads
 * only; STORE_NOT_FOUND when there is no such team (*fit is then unset).
 */
enum store_status store_team_fit(struct store_conn *c, int64_t team_id, int64_t person_org,
                                 enum team_fit *fit);

/* Users. */
enum store_status store_user_create(struct store_conn *c, const struct store_user *u, int64_t *id);
enum store_status store_user_by_id(struct store_conn *c, struct arena *a, int64_t id,
                                   struct store_user *out);
enum store_status store_user_by_username(struct store_conn *c, struct arena *a,
                                         const char *username, struct store_user *out);
enum store_status store_user_json(struct store_conn *c, int64_t id, json_t **user);
enum store_status store_user_list(struct store_conn *c, json_t **items);
enum store_status store_user_activate(struct store_conn *c, int64_t id, const char *password_hash,
                                      const char *totp_secret);
enum store_status store_user_count(struct store_conn *c, int64_t *count);

/* Invitations (one-time, by hash of the token). */
enum store_status store_invitation_create(struct store_conn *c, const char *token_hash,
                                          int64_t user_id, int64_t expires_at);
enum store_status store_invitation_get(struct store_conn *c, const char *token_hash,
                                       struct store_invitation *out);
enum store_status store_invitation_mark_used(struct store_conn *c, const char *token_hash,
                                             int64_t now);

/* Sessions (by hash of the token). */
enum store_status store_session_create(struct store_conn *c, const struct store_session *s);
enum store_status store_session_get(struct store_conn *c, struct arena *a, const char *token_hash,
                                    struct store_session *out);
enum store_status store_session_touch(struct store_conn *c, const char *token_hash, int64_t now);
enum store_status store_session_delete(struct store_conn *c, const char *token_hash);
enum store_status store_session_purge(struct store_conn *c, int64_t idle_before, int64_t now);

/* Audit trail: append-only. */
enum store_status store_audit_last(struct store_conn *c, struct arena *a, int64_t *id,
                                   const char **hash);
enum store_status store_audit_insert(struct store_conn *c, const struct store_audit_row *row);
enum store_status store_audit_query(struct store_conn *c, const struct store_audit_filter *f,
                                    json_t **items);
enum store_status store_audit_each(struct store_conn *c, store_audit_visit visit, void *ctx);
/* Counts login_failed events since `since` (ISO ms) for a username and for an address. */
enum store_status store_audit_login_failures(struct store_conn *c, const char *username,
                                             const char *client_addr, const char *since,
                                             int64_t *by_user, int64_t *by_addr,
                                             const char **oldest_user, const char **oldest_addr,
                                             struct arena *a);

#endif
