#ifndef KRING_PERSON_RULES_H
#define KRING_PERSON_RULES_H

/*
 * Rules for the young person's data, without I/O. Each returns NULL when
 * the value is acceptable, else a static English sentence.
 */

/*
 * A given or family name: 1–100 characters, Unicode letters (any script),
 * combining marks, apostrophes (' and ’), hyphens, dots and spaces, with at
 * least one letter. "Zoë 't Hooft" and "Çiğdem Öztürk-de Vries" pass.
 */
const char *person_check_name(const char *name);
#define PERSON_NAME_MAX 100 /* characters */
#define PERSON_NAME_TEXT                                                                           \
	"1 to 100 characters: letters, marks, apostrophes, hyphens, dots and spaces"

/* Free text of 1..max characters without control characters other than newlines. */
const char *person_check_text(const char *text, unsigned max);

#endif
