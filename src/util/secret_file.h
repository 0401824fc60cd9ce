#ifndef KRING_UTIL_SECRET_FILE_H
#define KRING_UTIL_SECRET_FILE_H

#include <stdio.h>

enum secret_file_status {
	SECRET_FILE_OK,
	SECRET_FILE_UNREADABLE,     /* it cannot be opened (missing, no permission) */
	SECRET_FILE_OPEN_TO_OTHERS, /* its mode lets its group or others read or write it */
};

/*
 * Opens a file that holds a key (the research key, a backup key) for
 * reading, like ssh does with a private key: only when no one but its owner
 * may read or write it (mode 0600 or 0400), so that a key left readable to
 * everyone on the machine is noticed instead of used. On SECRET_FILE_OK the
 * caller owns *out and closes it; otherwise *out is NULL.
 */
enum secret_file_status secret_file_open(const char *path, FILE **out);

#endif
