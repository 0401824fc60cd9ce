#ifndef KRING_LOG_H
#define KRING_LOG_H

#include <stdarg.h>

/*
 * The server's log: one logfmt line per event on stderr (journald under
 * systemd), for example
 *
 *   ts=2026-11-29T18:30:00.123Z level=info msg=listening url=http://127.0.0.1:8080
 *
 * `msg` is a short fixed text; the details follow as key=value pairs, a
 * value in double quotes when it holds a space, '=', a quote or nothing,
 * with \" \\ \n \t and \xNN escapes, and cut at 512 bytes. A line is
 * written with one call, so lines of different threads do not mix.
 *
 * Never pass personal data: request ids, route patterns, statuses,
 * durations, counts, file paths of the operator and the database's own
 * error texts (which name tables and constraints, not values) only.
 */

enum log_level { LOG_INFO, LOG_WARN, LOG_ERROR, LOG_FATAL };

/* Writes a line: level, msg, then the pairs (key, value, ..., NULL); a NULL value is left out. */
void log_line(enum log_level level, const char *msg, ...) __attribute__((sentinel));

/* The same with printf-style formatting of one "error" value. */
void log_error(const char *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Logs a library's own message (printf-style, as the library passes it) as
 * a warning with msg and a "detail" value. Such a message can quote a
 * request's path, which holds ids and names: the text is cut at its first
 * '/' (a file path or an error text with a slash is cut too), and cut=path
 * says so. A trailing newline is dropped.
 */
void log_library(const char *msg, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
