/* kring: one binary, both the server and the command-line tool. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "auth/totp.h"
#include "cli/commands.h"
#include "domain/roles.h"
#include "auth/policy.h"
#include "domain/consent.h"
#include "http/router.h"

static const char main_help[] =
    "kring: case management and outcome monitoring for JIM youth-care teams\n"
    "\n"
    "usage: kring <command> [options]\n"
    "\n"
    "commands:\n"
    "  init          create the database or bring its schema up to date\n"
    "  serve         serve the web app and the JSON API\n"
    "  user add      create an account\n"
    "  audit verify  check the audit trail's hash chain\n"
    "  demo          fill a database with synthetic young people and outcomes\n"
    "  backup        copy a SQLite database while it runs, optionally encrypted\n"
    "  restore       check a backup and put it in place of a database\n"
    "  retention     destroy closed files whose retention period has ended\n"
    "  totp-key rekey  seal the TOTP secrets with a new key\n"
    "  totp-key forget  clear the TOTP secrets the key does not open\n"
    "  routes [--json]  print the routing table: every route, who may call it, its audit\n"
    "  help [CMD]    this text, or the help of one command\n"
    "  version       print the version\n"
    "\n"
    "Run 'kring <command> --help' for a command's options.\n";

static void print_roles(unsigned roles)
{
	if (roles == 0) {
		fputs("public", stdout);
		return;
	}
	if (roles == ROLE_ALL) {
		fputs("any signed-in user", stdout);
		return;
	}
	const char *sep = "";
	for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1)
		if (roles & bit) {
			printf("%s%s", sep, role_name((enum role)bit));
			sep = ",";
		}
}

static const char *const scope_names[] = {
    [SCOPE_NONE] = NULL,
    [SCOPE_YOUTH] = "youth",
    [SCOPE_NOMINATION] = "nomination",
    [SCOPE_JIM] = "jim",
    [SCOPE_CONSENT] = "consent",
    [SCOPE_GOAL] = "goal",
    [SCOPE_BREAK_GLASS] = "break_glass",
    [SCOPE_ACTIVITY] = "activity",
    [SCOPE_COST] = "cost",
    [SCOPE_STATEMENT] = "statement",
    [SCOPE_MEETING] = "meeting",
    [SCOPE_MEETING_ACTION] = "meeting_action",
    [SCOPE_ALERT] = "alert",
    [SCOPE_NETWORK_MEMBER] = "network_member",
    [SCOPE_GOAL_ACTION] = "goal_action",
};

static json_t *role_list(unsigned roles)
{
	json_t *list = json_array();
	for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1)
		if (roles & bit)
			json_array_append_new(list, json_string(role_name((enum role)bit)));
	return list;
}

static json_t *relation_list(unsigned relations)
{
	json_t *list = json_array();
	for (unsigned bit = 1; bit <= REL_EXISTS; bit <<= 1)
		if (relations & bit)
			json_array_append_new(
			    list, json_string(policy_relation_name((enum relation)bit)));
	return list;
}

static json_t *consent_list(unsigned consent)
{
	json_t *list = json_array();
	for (unsigned bit = 1; bit <= SCOPE_SHARE_OUTCOMES; bit <<= 1)
		if (consent & bit)
			json_array_append_new(
			    list, json_string(consent_scope_name((enum consent_scope)bit)));
	return list;
}

/*
 * The routing table as JSON: what the authorization matrix, the API
 * description and the target-first tests read.
 */
static int routes_json(void)
{
	json_t *out = json_array();
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *r = &kring_routes[i];
		json_array_append_new(
		    out,
		    json_pack("{s:s, s:s, s:b, s:o, s:s?, s:s?, s:s?, s:o, s:o, s:s, s:b, s:b}",
		              "method", r->method, "pattern", r->pattern, "public",
		              r->roles == ROUTE_PUBLIC, "roles", role_list(r->roles), "audit",
		              r->audit_action, "object_type", r->object_type, "scope",
		              scope_names[r->scope], "relations", relation_list(r->relations),
		              "consent", consent_list(r->consent), "summary", r->summary,
		              "target_first", r->target_first, "recent_login", r->recent_login));
	}
	char *text = json_dumps(out, JSON_INDENT(1));
	json_decref(out);
	if (!text)
		return 1;
	puts(text);
	free(text);
	return 0;
}

static int cmd_routes(int argc, char **argv)
{
	if (argc > 0 && !strcmp(argv[0], "--json"))
		return routes_json();
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *r = &kring_routes[i];
		printf("%-7s %-42s ", r->method, r->pattern);
		print_roles(r->roles);
		if (r->relations) {
			json_t *rel = relation_list(r->relations);
			size_t k;
			json_t *v;
			fputs(" (", stdout);
			json_array_foreach(rel, k, v)
			    printf("%s%s", k ? "|" : "", json_string_value(v));
			fputs(")", stdout);
			json_decref(rel);
		}
		printf("  [audit: %s]%s  %s\n", r->audit_action ? r->audit_action : "-",
		       r->recent_login ? " [password again]" : "", r->summary);
	}
	return 0;
}

static int dispatch(int argc, char **argv)
{
	const char *cmd = argv[0];
	if (!strcmp(cmd, "init"))
		return cmd_init(argc - 1, argv + 1);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc - 1, argv + 1);
	if (!strcmp(cmd, "user"))
		return cmd_user(argc - 1, argv + 1);
	if (!strcmp(cmd, "audit"))
		return cmd_audit(argc - 1, argv + 1);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(argc - 1, argv + 1);
	if (!strcmp(cmd, "backup"))
		return cmd_backup(argc - 1, argv + 1);
	if (!strcmp(cmd, "restore"))
		return cmd_restore(argc - 1, argv + 1);
	if (!strcmp(cmd, "retention"))
		return cmd_retention(argc - 1, argv + 1);
	if (!strcmp(cmd, "totp-key"))
		return cmd_totp_key(argc - 1, argv + 1);
	if (!strcmp(cmd, "routes"))
		return cmd_routes(argc - 1, argv + 1);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		puts("kring 0.1.0");
		return 0;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		if (argc > 1) {
			char *help_argv[] = {argv[1], "--help", NULL};
			if (!strcmp(argv[1], "user") || !strcmp(argv[1], "audit") ||
			    !strcmp(argv[1], "totp-key"))
				help_argv[1] = "help";
			if (strcmp(argv[1], "help") != 0)
				return dispatch(2, help_argv);
		}
		fputs(main_help, stdout);
		return 0;
	}
	fprintf(stderr, "kring: unknown command '%s'\n\n%s", cmd, main_help);
	return 2;
}

int main(int argc, char **argv)
{
	/* kring serves Dutch teams: dates and invites follow Amsterdam's calendar. */
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	/* Every file kring makes (the database and its -wal and -shm, backups,
	 * their temporary files) holds dossiers: its owner's only (G19). */
	umask(S_IRWXG | S_IRWXO);
	if (sodium_init() < 0 || !totp_init()) {
		fputs("kring: cannot initialise the crypto libraries\n", stderr);
		return 1;
	}
	if (argc < 2) {
		fputs(main_help, stderr);
		return 2;
	}
	return dispatch(argc - 1, argv + 1);
}
