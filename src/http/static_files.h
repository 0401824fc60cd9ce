#ifndef KRING_STATIC_FILES_H
#define KRING_STATIC_FILES_H

#include <stddef.h>

/*
 * The web app's files, read once at start-up from a directory into memory
 * and looked up by exact URL path. Nothing on disk is opened per request, so
 * no request path, however encoded, can reach a file outside that set.
 */
struct static_file {
	char *path; /* "/app.js" */
	const char *content_type;
	unsigned char *data;
	size_t size;
};

struct static_files;

/* Loads every regular, non-hidden file under dir. NULL (reason on stderr) on failure. */
struct static_files *static_files_load(const char *dir);
void static_files_free(struct static_files *f);

/* The file for a URL path ("/" means "/index.html"), or NULL. */
const struct static_file *static_files_find(const struct static_files *f, const char *path);
size_t static_files_count(const struct static_files *f);

#endif
