#ifndef KRING_HISTORY_CAUSE_H
#define KRING_HISTORY_CAUSE_H

#include <stdbool.h>

/*
 * The reasons kring itself writes into a young person's dated history, in
 * English for the API and other programs; every other reason is text a
 * person typed. history_cause_read() gives such a reason back as data, so
 * that a screen can say it in its own language.
 */
#define HISTORY_OPENED        "dossier opened"
#define HISTORY_JIM_ACTIVATED "JIM activated"
#define HISTORY_JIM_ENDED     "JIM ended: %s"                 /* the JIM's end reason */
#define HISTORY_DECISION      "decision of meeting %lld (%s)" /* meeting id, decision type */

struct history_cause {
	const char *code;     /* opened | jim_activated | jim_ended | meeting_decision */
	char value[40];       /* jim_ended: the end reason; meeting_decision: the decision type */
	long long meeting_id; /* meeting_decision only, else 0 */
};

/* False when `reason` is not one kring writes (typed by a person, or NULL). */
bool history_cause_read(const char *reason, struct history_cause *out);

#endif
