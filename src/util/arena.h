#ifndef KRING_ARENA_H
#define KRING_ARENA_H

#include <stddef.h>

/*
 * A bump allocator owned by one request (or one command). Everything taken
 * from it lives until arena_free(); nothing is freed one by one. Allocation
 * never returns NULL: running out of memory is fatal, like in the rest of
 * kring, because a half-handled request is worse than a restart.
 */
struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
