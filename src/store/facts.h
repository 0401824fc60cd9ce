#ifndef KRING_STORE_FACTS_H
#define KRING_STORE_FACTS_H

/*
 * youth_facts: one row per young person with what the outcome figures are
 * made of (start and close, first nomination, living-situation changes, JIM
 * periods and work, latest measurements, school attendance at T0 and T9), in
 * the compact forms of domain/youth_facts.h.
 *
 * Triggers (migration 7) mark every young person whose data changes in
 * stats_dirty, in the same transaction as the change. store_facts_refresh()
 * recomputes the rows of the marked young people and removes the marks it
 * handled, so the figures read current facts without joining the histories.
 */

#include "store/store.h"

/*
 * Brings youth_facts up to date. Does nothing (one small read) when nothing
 * is marked; otherwise refreshes in a write transaction of its own, or in
 * the caller's when one is open. STORE_OK, or the store's error (nothing
 * changed then when the transaction was its own).
 */
enum store_status store_facts_refresh(struct store_conn *c);

#endif
