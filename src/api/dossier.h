#ifndef KRING_DOSSIER_H
#define KRING_DOSSIER_H

#include <stdint.h>

#include "api/input.h"
#include "domain/dates.h"
#include "domain/person_rules.h"
#include "http/etag.h"
#include "http/http.h"

/* Value lists of the dossier, NULL-terminated, shared by validation and docs. */
extern const char *const dossier_legal_frames[];
extern const char *const dossier_living_situations[];
extern const char *const dossier_phases[];
extern const char *const dossier_end_reasons[];

/*
 * Answers `status` with the whole dossier object of GET /api/v1/youths/{id},
 * written straight as JSON text from the rows (no tree of JSON values first:
 * this is the hot path of the audited read). False with 503/404 answered.
 */
bool dossier_answer(struct request *r, int status, int64_t youth_id);

/*
 * The youth row of a change (SQ_YOUTH_GET, as the dossier's answer reads it)
 * as a new JSON object in *row, and its entity tag (http/etag.h), the one
 * GET /api/v1/youths/{id} sends as ETag while the row is unchanged. False
 * with 404/503 answered.
 */
bool dossier_youth_row(struct request *r, int64_t youth_id, json_t **row,
                       char etag[ETAG_TEXT_SIZE]);

/* Today's date as "YYYY-MM-DD" in the request arena. */
const char *dossier_today_text(struct request *r);

/* Formats a date into the request arena. */
const char *dossier_date_text(struct request *r, struct date d);

/*
 * A date field that may not lie in the future, nor, on a route about a
 * young person, before their birth; absent gives today. False (answered
 * 422) when invalid or out of that range.
 */
bool dossier_input_past_date(struct request *r, const char *field, struct date *out);
/* What it accepts, for the API description. */
#define DOSSIER_PAST_DATE_TEXT                                                                     \
	"not in the future nor before the young person's birth; absent: today"

/*
 * Whether `d` lies within the trajectory of dossier `youth` (the row of
 * SQ_YOUTH_GET): not before started_on, nor after closed_on when closed.
 * False answered (422 on `field`).
 */
bool dossier_date_in_trajectory(struct request *r, json_t *youth, const char *field, struct date d);

/* The same for the request's young person (r->access.youth_id), read from the store. */
bool dossier_in_trajectory(struct request *r, const char *field, struct date d);

/* Appends a history row (legal_frame, living_situation or phase). */
bool dossier_add_history(struct request *r, int64_t youth_id, const char *field, const char *value,
                         const char *effective_on, const char *reason);

/*
 * The reason of a history row as data when kring wrote it itself
 * (domain/history_cause.h): {"code", "value"?, "meeting_id"?}; JSON null
 * for a reason a person typed, or none. A new reference.
 */
json_t *history_cause_json(const char *reason);

/* Sets the phase (and closing data) and records it in the history. */
bool dossier_set_phase(struct request *r, int64_t youth_id, const char *phase,
                       const char *effective_on, const char *end_reason, const char *reason);

/*
 * A person from the young person's network, as a network member and a
 * nominated JIM are entered: name, relation and (optional) contact details.
 * DOSSIER_PERSON_FIELDS declares them in a route's body (api/input.h);
 * dossier_input_person() reads them with the same rules, keeping each
 * field it refuses on e (input_keep()) for the caller to answer with its
 * own fields; contact is NULL when not sent.
 */
struct dossier_person {
	const char *name, *relation, *contact;
};
void dossier_input_person(struct request *r, struct dossier_person *p, struct input_errors *e);
/*
 * The same fields for a correction: each may be left out (NULL), with the
 * same rules when sent; name and relation may not be null, contact null
 * removes it. Each field refused is kept on e, as dossier_input_person()
 * does.
 */
void dossier_input_person_change(struct request *r, struct dossier_person *p,
                                 struct input_errors *e);
#define DOSSIER_RELATION_MAX 100 /* characters */
#define DOSSIER_CONTACT_MAX  200
/* clang-format off */
#define DOSSIER_PERSON_FIELDS                                                                      \
	{.name = "name", .type = INPUT_STRING, .max = PERSON_NAME_MAX, .required = true,           \
	 .description = PERSON_NAME_TEXT},                                                         \
	{.name = "relation", .type = INPUT_STRING, .max = DOSSIER_RELATION_MAX, .required = true,  \
	 .description = "at most 100 characters"},                                                 \
	{.name = "contact", .type = INPUT_STRING, .max = DOSSIER_CONTACT_MAX,                      \
	 .description = "at most 200 characters"}
/* clang-format on */

/*
 * Answers 422 on `field` unless member_id is a custody holder of the
 * request's young person, not taken out of the network. Call it within the
 * write that records what rests on them: it takes the member's row (FOR
 * UPDATE on PostgreSQL), so a correction or removal of that person at the
 * same moment waits for it, or it for them, and never slips in between.
 */
bool dossier_custody_holder(struct request *r, int64_t member_id, const char *field);

#endif
