#ifndef KRING_OPTIONS_H
#define KRING_OPTIONS_H

#include <stdbool.h>

#include "cli/config.h"

/*
 * Command-line options of one command. A `--name value` (or --name=value)
 * option either feeds a setting (config_key >= 0) or a command-specific
 * string (*value); a flag without value sets *flag (or the setting to
 * "true").
 */
struct cli_opt {
	const char *name;
	bool takes_value;
	int config_key;     /* enum config_key, or -1 */
	const char **value; /* for command-specific values */
	bool *flag;         /* for command-specific flags */
};

struct cli_parsed {
	struct config_raw flags; /* settings given as flags */
	const char *config_file;
	bool help;
};

/* Parses argv[0..argc); false with a message on stderr when malformed. */
bool cli_parse(int argc, char **argv, const struct cli_opt *opts, struct cli_parsed *out);

/*
 * Builds the settings: defaults < config file (--config or KRING_CONFIG) <
 * KRING_* environment < flags. Frees nothing of `parsed`; `raw` must be
 * freed by the caller with config_raw_free().
 */
bool cli_settings(struct cli_parsed *parsed, struct config_raw *raw, struct config *cfg);

/* A command's parsed options and settings. */
struct cli_command {
	struct cli_parsed parsed;
	struct config_raw raw;
	struct config cfg;
};

/* cli_command_start()'s answer when the command should go on. */
#define CLI_GO (-1)

/*
 * The common start of a command: reads argv with opts, prints `help` on
 * --help, builds the settings and, when need_db, requires --db ("kring
 * NAME: --db is required"). Returns CLI_GO to go on, else the exit status
 * (0 after the help, 2 on wrong use). Call cli_command_free() in every case.
 */
int cli_command_start(struct cli_command *c, int argc, char **argv, const struct cli_opt *opts,
                      const char *help, const char *name, bool need_db);
void cli_command_free(struct cli_command *c);

#endif
