#ifndef KRING_CLOCK_H
#define KRING_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Microseconds on the monotonic clock: for durations and deadlines, never for dates. */
int64_t clock_monotonic_us(void);

/* Milliseconds since the Unix epoch, wall clock (UTC). */
int64_t clock_now_ms(void);

/* Seconds since the Unix epoch. */
int64_t clock_now(void);

/* "2026-03-01T09:30:00Z" into out (at least 21 bytes). */
void clock_format_iso(int64_t epoch_seconds, char out[static 21]);

/* "2026-03-01T09:30:00.123Z" into out (at least 25 bytes). */
void clock_format_iso_ms(int64_t epoch_ms, char out[static 25]);

/*
 * Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC) into epoch
 * milliseconds. Rejects impossible dates such as 2026-02-30.
 */
bool clock_parse_iso_ms(const char *s, int64_t *out_ms);

#endif
