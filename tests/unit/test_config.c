#include "unit.h"

#include "cli/config.h"
#include "cli/options.h"

static void clear_env(void)
{
	unsetenv("KRING_SESSION_IDLE");
	unsetenv("KRING_LISTEN");
	unsetenv("KRING_CONFIG");
	unsetenv("KRING_REQUIRE_TOTP");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void defaults(void **state)
{
	(void)state;
	struct config_raw raw = {0};
	struct config cfg;
	clear_env();
	assert_true(config_resolve(&raw, &cfg));
	assert_string_equal(cfg.listen, "127.0.0.1:8080");
	assert_int_equal(cfg.require_totp, TOTP_STAFF);
	assert_int_equal(cfg.session_idle, 1800);
	assert_int_equal(cfg.session_max, 43200);
	assert_int_equal(cfg.file_refusals_max, 100);
	assert_int_equal(cfg.file_refusals_window, 600);
	assert_false(cfg.cookie_secure);
}

static void flags_win_over_env_over_file(void **state)
{
	(void)state;
	char path[] = "/tmp/kring-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, "[server]\nlisten = 127.0.0.1:9000\n[security]\nsession_idle = 60\n"
	                 "session-max = 120\nrequire_totp = all\n");
	clear_env();
	setenv("KRING_SESSION_IDLE", "90", 1);
	setenv("KRING_LISTEN", "127.0.0.1:9001", 1);
	char *argv[] = {"--config", path, "--listen", "127.0.0.1:9002"};
	static const struct cli_opt opts[] = {{"listen", true, CFG_LISTEN, NULL, NULL}, {0}};
	struct cli_parsed p = {0};
	struct config_raw raw = {0};
	struct config cfg;
	assert_true(cli_parse(4, argv, opts, &p));
	assert_true(cli_settings(&p, &raw, &cfg));
	assert_string_equal(cfg.listen, "127.0.0.1:9002"); /* flag */
	assert_int_equal(cfg.session_idle, 90);            /* env over file */
	assert_int_equal(cfg.session_max, 120);            /* file */
	assert_int_equal(cfg.require_totp, TOTP_ALL);
	config_raw_free(&raw);
	config_raw_free(&p.flags);
	clear_env();
	unlink(path);
}

static void bad_values_are_refused(void **state)
{
	(void)state;
	struct config_raw raw = {0};
	struct config cfg;
	clear_env();
	config_raw_set(&raw, CFG_SESSION_IDLE, "-5");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_SESSION_IDLE, "12abc");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_SESSION_IDLE, "60");
	config_raw_set(&raw, CFG_REQUIRE_TOTP, "sometimes");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_REQUIRE_TOTP, "all");
	config_raw_set(&raw, CFG_COOKIE_SECURE, "maybe");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_COOKIE_SECURE, "false");
	config_raw_set(&raw, CFG_FILE_REFUSALS_MAX, "0");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_FILE_REFUSALS_MAX, "10");
	config_raw_set(&raw, CFG_FILE_REFUSALS_WINDOW, "86401");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_FILE_REFUSALS_WINDOW, "30");
	assert_true(config_resolve(&raw, &cfg));
	assert_int_equal(cfg.file_refusals_max, 10);
	assert_int_equal(cfg.file_refusals_window, 30);
	config_raw_free(&raw);
}

static void dangerous_values_are_refused(void **state)
{
	(void)state;
	struct config_raw raw = {0};
	struct config cfg;
	clear_env();
	config_raw_set(&raw, CFG_DB, "");
	assert_false(config_resolve(&raw, &cfg)); /* a private temporary database per connection */
	config_raw_set(&raw, CFG_DB, ":memory:");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_DB, "kring.db");
	assert_true(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_RETENTION_YEARS, "19"); /* shorter than the Jeugdwet's 20 years */
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_RETENTION_YEARS, "20");
	config_raw_set(&raw, CFG_RETENTION_YEARS_OTS, "1");
	assert_false(config_resolve(&raw, &cfg));
	config_raw_set(&raw, CFG_RETENTION_YEARS_OTS, "30");
	assert_true(config_resolve(&raw, &cfg));
	config_raw_free(&raw);
}

/* A confirmation flag with a value is refused: "--yes=no" must not mean yes. */
static void a_flag_with_a_value_is_refused(void **state)
{
	(void)state;
	bool yes = false;
	const struct cli_opt opts[] = {{"yes", false, -1, NULL, &yes}, {0}};
	char *with_value[] = {"--yes=no"};
	char *plain[] = {"--yes"};
	struct cli_parsed p = {0};
	assert_false(cli_parse(1, with_value, opts, &p));
	assert_false(yes);
	assert_true(cli_parse(1, plain, opts, &p));
	assert_true(yes);
	config_raw_free(&p.flags);
}

static void demo_turns_totp_off(void **state)
{
	(void)state;
	struct config_raw raw = {0};
	struct config cfg;
	clear_env();
	config_raw_set(&raw, CFG_REQUIRE_TOTP, "all");
	config_raw_set(&raw, CFG_DEMO, "true");
	assert_true(config_resolve(&raw, &cfg));
	assert_true(cfg.demo);
	assert_int_equal(cfg.require_totp, TOTP_NONE);
	config_raw_free(&raw);
}

static void unknown_options_and_keys_fail(void **state)
{
	(void)state;
	static const struct cli_opt opts[] = {{"db", true, CFG_DB, NULL, NULL}, {0}};
	char *argv1[] = {"--nope"};
	char *argv2[] = {"--db"};
	struct cli_parsed p = {0};
	assert_false(cli_parse(1, argv1, opts, &p));
	assert_false(cli_parse(1, argv2, opts, &p));
	char path[] = "/tmp/kring-config-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	write_file(path, "[server]\nlisen = 1\n");
	struct config_raw raw = {0};
	assert_false(config_raw_load_file(&raw, path));
	write_file(path, "this is not ini\n");
	assert_false(config_raw_load_file(&raw, path));
	config_raw_free(&raw);
	config_raw_free(&p.flags);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(flags_win_over_env_over_file),
	    cmocka_unit_test(bad_values_are_refused),
	    cmocka_unit_test(dangerous_values_are_refused),
	    cmocka_unit_test(a_flag_with_a_value_is_refused),
	    cmocka_unit_test(demo_turns_totp_off),
	    cmocka_unit_test(unknown_options_and_keys_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
