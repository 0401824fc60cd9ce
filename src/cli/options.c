#include "cli/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (const struct cli_opt *o = opts; o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static void apply(const struct cli_opt *o, const char *value, struct cli_parsed *out)
{
	if (o->config_key >= 0)
		config_raw_set(&out->flags, (enum config_key)o->config_key, value ? value : "true");
	else if (o->value)
		*o->value = value;
	else if (o->flag)
		*o->flag = true;
}

bool cli_parse(int argc, char **argv, const struct cli_opt *opts, struct cli_parsed *out)
{
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			out->help = true;
			continue;
		}
		if (strncmp(arg, "--", 2) != 0) {
			fprintf(stderr, "kring: unexpected argument '%s'\n", arg);
			return false;
		}
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		if (len == 6 && strncmp(name, "config", 6) == 0) {
			out->config_file = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!out->config_file) {
				fprintf(stderr, "kring: --config needs a file\n");
				return false;
			}
			continue;
		}
		const struct cli_opt *o = find_opt(opts, name, len);
		if (!o) {
			fprintf(stderr, "kring: unknown option '--%.*s' (see --help)\n", (int)len,
			        name);
			return false;
		}
		const char *value = NULL;
		if (o->takes_value) {
			value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!value) {
				fprintf(stderr, "kring: --%s needs a value\n", o->name);
				return false;
			}
		} else if (eq && o->flag) {
			/* "--yes=no" must not mean yes */
			fprintf(stderr, "kring: --%s takes no value\n", o->name);
			return false;
		} else if (eq) {
			value = eq + 1;
		}
		apply(o, value, out);
	}
	return true;
}

int cli_command_start(struct cli_command *c, int argc, char **argv, const struct cli_opt *opts,
                      const char *help, const char *name, bool need_db)
{
	memset(c, 0, sizeof(*c));
	if (!cli_parse(argc, argv, opts, &c->parsed))
		return 2;
	if (c->parsed.help) {
		fputs(help, stdout);
		return 0;
	}
	if (!cli_settings(&c->parsed, &c->raw, &c->cfg))
		return 2;
	if (need_db && !c->cfg.db) {
		fprintf(stderr, "kring %s: --db is required\n", name);
		return 2;
	}
	return CLI_GO;
}

void cli_command_free(struct cli_command *c)
{
	config_raw_free(&c->parsed.flags);
	config_raw_free(&c->raw);
}

bool cli_settings(struct cli_parsed *parsed, struct config_raw *raw, struct config *cfg)
{
	const char *file = parsed->config_file ? parsed->config_file : getenv("KRING_CONFIG");
	if (file && *file && !config_raw_load_file(raw, file))
		return false;
	config_raw_load_env(raw);
	for (int k = 0; k < CFG_COUNT; k++)
		if (parsed->flags.value[k])
			config_raw_set(raw, (enum config_key)k, parsed->flags.value[k]);
	return config_resolve(raw, cfg);
}
