#include "http/static_files.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/text.h"
#include "util/log.h"

#define STATIC_MAX_FILES 4096
#define STATIC_MAX_BYTES (64u * 1024 * 1024)
#define STATIC_MAX_DEPTH 8

struct static_files {
	struct static_file *files;
	size_t count;
	size_t cap;
	size_t bytes;
};

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

static const char *type_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot)
		for (size_t i = 0; i < sizeof(content_types) / sizeof(content_types[0]); i++)
			if (strcmp(dot, content_types[i].ext) == 0)
				return content_types[i].type;
	return "application/octet-stream";
}

static bool read_file(const char *fs_path, unsigned char **data, size_t *size)
{
	FILE *fp = fopen(fs_path, "rb");
	struct stat st;
	if (!fp)
		return false;
	if (fstat(fileno(fp), &st) != 0 || st.st_size < 0 ||
	    (size_t)st.st_size > STATIC_MAX_BYTES) {
		fclose(fp);
		return false;
	}
	*size = (size_t)st.st_size;
	*data = malloc(*size ? *size : 1);
	if (!*data)
		fatal("out of memory");
	bool ok = fread(*data, 1, *size, fp) == *size;
	fclose(fp);
	if (!ok)
		free(*data);
	return ok;
}

static bool add_file(struct static_files *f, const char *url, const char *fs_path)
{
	if (f->count == STATIC_MAX_FILES) {
		log_line(LOG_ERROR, "too many static files", (const char *)NULL);
		return false;
	}
	if (f->count == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->files = realloc(f->files, f->cap * sizeof(*f->files));
		if (!f->files)
			fatal("out of memory");
	}
	struct static_file *sf = &f->files[f->count];
	if (!read_file(fs_path, &sf->data, &sf->size)) {
		log_line(LOG_ERROR, "cannot read a static file", "path", fs_path,
		         (const char *)NULL);
		return false;
	}
	f->bytes += sf->size;
	if (f->bytes > STATIC_MAX_BYTES) {
		free(sf->data);
		log_error("static files too large", "more than %u bytes", STATIC_MAX_BYTES);
		return false;
	}
	sf->path = strdup(url);
	if (!sf->path)
		fatal("out of memory");
	sf->content_type = type_for(url);
	f->count++;
	return true;
}

static bool walk(struct static_files *f, const char *dir, const char *url_prefix, int depth)
{
	if (depth > STATIC_MAX_DEPTH)
		return true;
	DIR *d = opendir(dir);
	if (!d) {
		log_line(LOG_ERROR, "cannot open the web directory", "path", dir,
		         (const char *)NULL);
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char fs_path[4096], url[4096];
		struct stat st;
		if (snprintf(fs_path, sizeof(fs_path), "%s/%s", dir, e->d_name) >=
		        (int)sizeof(fs_path) ||
		    snprintf(url, sizeof(url), "%s/%s", url_prefix, e->d_name) >= (int)sizeof(url))
			continue;
		if (stat(fs_path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			ok = walk(f, fs_path, url, depth + 1);
		else if (S_ISREG(st.st_mode))
			ok = add_file(f, url, fs_path);
	}
	closedir(d);
	return ok;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->path, ((const struct static_file *)b)->path);
}

struct static_files *static_files_load(const char *dir)
{
	struct static_files *f = calloc(1, sizeof(*f));
	if (!f)
		fatal("out of memory");
	if (!walk(f, dir, "", 0)) {
		static_files_free(f);
		return NULL;
	}
	if (f->count)
		qsort(f->files, f->count, sizeof(*f->files), by_path);
	return f;
}

void static_files_free(struct static_files *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++) {
		free(f->files[i].path);
		free(f->files[i].data);
	}
	free(f->files);
	free(f);
}

const struct static_file *static_files_find(const struct static_files *f, const char *path)
{
	if (!f || !f->count)
		return NULL;
	if (strcmp(path, "/") == 0)
		path = "/index.html";
	struct static_file key = {.path = (char *)path};
	return bsearch(&key, f->files, f->count, sizeof(*f->files), by_path);
}

size_t static_files_count(const struct static_files *f)
{
	return f ? f->count : 0;
}
