/*
 * libFuzzer driver for the INI settings file (libinih plus kring's key
 * lookup and value checks). Any text must be accepted or refused cleanly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Refusals print a line each; keep the fuzzer's output readable. */
	if (!freopen("/dev/null", "w", stderr))
		return 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct config_raw raw = {0};
	struct config cfg;
	if (config_raw_load_text(&raw, text, "fuzz") && config_resolve(&raw, &cfg)) {
		if (cfg.session_idle < 1 || cfg.threads < 1 || cfg.login_window < 1)
			abort();
	}
	config_raw_free(&raw);
	free(text);
	return 0;
}
