#ifndef KRING_DEMO_H
#define KRING_DEMO_H

#include <stdbool.h>

#include "store/store.h"
#include "util/arena.h"

#define DEMO_PASSWORD "kring-demo-2026"

/*
 * Fills an empty database with a synthetic organisation, team and one user
 * per role (all with DEMO_PASSWORD), each creation audited. Does nothing when
 * users exist in a database that a demo seed started. False when the store
 * failed, or when the database did not start as a demo (its first audit
 * events are not the seed's): demo mode turns two-factor login off and must
 * not run on a real database. Accounts added to a demo database later are
 * still demo accounts to it: never add real ones.
 */
bool demo_seed(struct store *s);

/*
 * Adds one complete dossier for the demo 'youth' and 'jim' accounts in
 * `team` (the demo team), inside the caller's write transaction: the
 * caller commits or rolls back. False when a row could not be written.
 */
bool demo_showcase(struct store_conn *c, struct arena *a, int64_t team, const char *now);

/*
 * True (with the reason logged) when `kring serve` without --demo must not
 * run on this database: a demo seed started it, so its demo accounts have
 * the published DEMO_PASSWORD, or the store could not tell.
 */
bool demo_refuse_without_demo_mode(struct store *s);

/* Prints the demo banner with the logins to stderr. */
void demo_banner(const char *url);

#endif
