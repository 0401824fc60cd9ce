#ifndef KRING_UTIL_SECRET_FILE_H
#define KRING_UTIL_SECRET_FILE_H

#include <stddef.h>
#include <stdio.h>

/* A key file holds at least this many bytes; more than the maximum are not read. */
#define SECRET_FILE_KEY_MIN 32
#define SECRET_FILE_KEY_MAX 4096

enum secret_file_status {
	SECRET_FILE_OK,
	SECRET_FILE_UNREADABLE,     /* it cannot be opened (missing, no permission) */
	SECRET_FILE_OPEN_TO_OTHERS, /* its mode lets its group or others read or write it */
	SECRET_FILE_TOO_SHORT,      /* a key file of fewer than SECRET_FILE_KEY_MIN bytes */
};

/*
 * Opens a file that holds a key (the research key, a backup key) for
 * reading, like ssh does with a private key: only when no one but its owner
 * may read or write it (mode 0600 or 0400), so that a key left readable to
 * everyone on the machine is noticed instead of used. On SECRET_FILE_OK the
 * caller owns *out and closes it; otherwise *out is NULL.
 */
enum secret_file_status secret_file_open(const char *path, FILE **out);

/*
 * Reads a key file (opened as secret_file_open does) into buf: its first
 * SECRET_FILE_KEY_MAX bytes, their number in *n. SECRET_FILE_TOO_SHORT when
 * it holds fewer than SECRET_FILE_KEY_MIN. The caller derives its key from
 * buf and wipes buf (sodium_memzero) whatever the status.
 */
enum secret_file_status secret_file_read_key(const char *path,
                                             unsigned char buf[SECRET_FILE_KEY_MAX], size_t *n);

/*
 * Logs (level error, the path, never the bytes) why the key file of `what`
 * ("the research key") cannot be used; nothing for SECRET_FILE_OK.
 */
void secret_file_log_problem(enum secret_file_status status, const char *what, const char *path);

#endif
