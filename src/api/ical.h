#ifndef KRING_ICAL_H
#define KRING_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * An RFC 5545 writer: CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped, times in
 * Europe/Amsterdam with a VTIMEZONE (the process's zone must be
 * Europe/Amsterdam, as kring's main sets it).
 */
struct ical {
	char *data;
	size_t len, cap;
};

struct ical_event {
	const char *uid;
	int sequence;
	int64_t starts; /* epoch seconds */
	int64_t ends;
	int64_t stamp;
	const char *summary;
	const char *location;
	const char *description;
	bool cancelled;
};

/* Starts a calendar; `request` adds METHOD:REQUEST (an invitation). */
void ical_begin(struct ical *c, bool request);
void ical_event(struct ical *c, const struct ical_event *e);
/* Ends the calendar; the caller owns c->data (malloc'd). */
void ical_end(struct ical *c);
void ical_free(struct ical *c);

#endif
