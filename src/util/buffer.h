#ifndef KRING_BUFFER_H
#define KRING_BUFFER_H

#include <stddef.h>

/*
 * Appends n bytes to a growing malloc'd text (*data, *len, *cap), keeping it
 * NUL-terminated. The caller owns *data and frees it. Out of memory is fatal.
 */
void buffer_append(char **data, size_t *len, size_t *cap, const char *s, size_t n);

#endif
