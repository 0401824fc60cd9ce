#include "unit.h"

#include "auth/password.h"
#include "auth/session.h"
#include "http/http.h"
#include "store/store_query.h"
#include "util/clock.h"

static int64_t make_user(struct store_conn *c, const char *status)
{
	int64_t id;
	struct store_user u = {.username = "carla",
	                       .display_name = "Carla",
	                       .role = "teamlead",
	                       .status = status,
	                       .password_hash = "x"};
	assert_int_equal(store_user_create(c, &u, &id), STORE_OK);
	return id;
}

static const struct config cfg = {.session_idle = 1800, .session_max = 43200};

static void start_and_resolve(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	struct arena a;
	struct session_tokens t;
	struct caller who;
	arena_init(&a);
	int64_t id = make_user(c, "active");
	assert_int_equal(session_start(c, &cfg, id, NULL, &t), STORE_OK);
	assert_true(t.expires_at > clock_now());
	assert_int_equal(session_resolve(c, &a, &cfg, t.token, &who), SESSION_OK);
	assert_int_equal(who.user_id, id);
	assert_int_equal(who.role, ROLE_TEAMLEAD);
	assert_string_equal(who.username, "carla");
	assert_string_equal(who.display_name, "Carla");
	assert_string_equal(who.csrf_token, t.csrf_token);
	/* The token itself is not stored: its hash is. */
	struct store_session row;
	assert_int_equal(store_session_get(c, &a, t.token, &row), STORE_NOT_FOUND);
	assert_int_equal(session_end(c, who.session_hash), STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, t.token, &who), SESSION_UNKNOWN);
	assert_int_equal(session_resolve(c, &a, &cfg, "garbage", &who), SESSION_UNKNOWN);
	arena_free(&a);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

static void insert_session(struct store_conn *c, const char *token, int64_t user, int64_t last_seen,
                           int64_t expires)
{
	char hash[TOKEN_HASH_CHARS + 1];
	token_hash(token, hash);
	struct store_session row = {.token_hash = hash,
	                            .user_id = user,
	                            .csrf_token = "c",
	                            .created_at = last_seen,
	                            .last_seen_at = last_seen,
	                            .expires_at = expires};
	assert_int_equal(store_session_create(c, &row), STORE_OK);
}

static void idle_and_absolute_limits(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	struct arena a;
	struct caller who;
	char idle[TOKEN_CHARS + 1], old[TOKEN_CHARS + 1];
	arena_init(&a);
	int64_t id = make_user(c, "active"), now = clock_now();
	token_new(idle);
	token_new(old);
	insert_session(c, idle, id, now - cfg.session_idle - 1, now + 3600);
	insert_session(c, old, id, now, now - 1);
	assert_int_equal(session_resolve(c, &a, &cfg, idle, &who), SESSION_EXPIRED);
	assert_int_equal(session_resolve(c, &a, &cfg, old, &who), SESSION_EXPIRED);
	/* Expired sessions are removed, not merely refused. */
	assert_int_equal(session_resolve(c, &a, &cfg, idle, &who), SESSION_UNKNOWN);
	arena_free(&a);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

static int64_t last_seen(struct store_conn *c, struct arena *a, const char *token)
{
	char hash[TOKEN_HASH_CHARS + 1];
	struct store_session row;
	token_hash(token, hash);
	assert_int_equal(store_session_get(c, a, hash, &row), STORE_OK);
	return row.last_seen_at;
}

/*
 * last_seen_at is written when it is a thirtieth of the idle limit old (60 s
 * here), and then by one request of the process only: a second request in
 * the same interval finds it claimed and leaves the row alone.
 */
static void last_seen_is_written_once_per_interval(void **state)
{
	(void)state;
	char path[256], token[TOKEN_CHARS + 1], hash[TOKEN_HASH_CHARS + 1];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	struct arena a;
	struct caller who;
	arena_init(&a);
	int64_t id = make_user(c, "active"), now = clock_now();
	token_new(token);
	token_hash(token, hash);
	insert_session(c, token, id, now - 10, now + 3600);
	assert_int_equal(session_resolve(c, &a, &cfg, token, &who), SESSION_OK);
	assert_int_equal(last_seen(c, &a, token), now - 10);
	assert_int_equal(store_session_touch(c, hash, now - 61), STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, token, &who), SESSION_OK);
	assert_true(last_seen(c, &a, token) >= now);
	assert_int_equal(store_session_touch(c, hash, now - 61), STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, token, &who), SESSION_OK);
	assert_int_equal(last_seen(c, &a, token), now - 61);
	arena_free(&a);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

static void inactive_user_has_no_session(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	struct arena a;
	struct session_tokens t;
	struct caller who;
	arena_init(&a);
	int64_t id = make_user(c, "disabled");
	assert_int_equal(session_start(c, &cfg, id, NULL, &t), STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, t.token, &who), SESSION_UNKNOWN);
	/* a user disabled while logged in: the session ends at the next request */
	struct store_user dirk = {.username = "dirk",
	                          .display_name = "Dirk",
	                          .role = "professional",
	                          .status = "active",
	                          .password_hash = "x"};
	assert_int_equal(store_user_create(c, &dirk, &id), STORE_OK);
	assert_int_equal(session_start(c, &cfg, id, NULL, &t), STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, t.token, &who), SESSION_OK);
	assert_int_equal(store_run(c, SQ_USER_DISABLE, STORE_ARGS(SA_INT(id)), NULL, NULL),
	                 STORE_OK);
	assert_int_equal(session_resolve(c, &a, &cfg, t.token, &who), SESSION_UNKNOWN);
	arena_free(&a);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	assert_true(sodium_init() >= 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(start_and_resolve),
	    cmocka_unit_test(idle_and_absolute_limits),
	    cmocka_unit_test(inactive_user_has_no_session),
	    cmocka_unit_test(last_seen_is_written_once_per_interval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
